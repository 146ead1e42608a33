/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** A cohort’s members, an HR team, or everyone under a leader at any depth */
export type AnalyticsGroupBy =
  /** The members of each cohort */
  | 'COHORT'
  /** Everyone who reports to each leader, directly or not, without the leader */
  | 'LEADER_SUBTREE'
  /** The people of each HR team */
  | 'TEAM';

export type AnswerPulseInput = {
  /** Optional; shown to leaders and admins only with four others */
  comment?: string | null | undefined;
  /** 1 (not at all) to 5 (very much) */
  score: number;
};

export type CareerConversationOutcome =
  | 'DONE'
  | 'SKIPPED';

export type CoachingMomentKind =
  | 'RECOGNITION'
  | 'REDIRECTION';

export type CompleteLessonInput = {
  /** QUIZ and SCENARIO lessons: the index of the chosen answer for each question, in order */
  answers?: Array<number> | null | undefined;
  /** REFLECTION lessons: what the learner takes away, 1-1000 characters */
  reflection?: string | null | undefined;
};

export type DeliveryKind =
  | 'CAREER_CONVERSATION'
  | 'LEADER_PROMPT'
  | 'LESSON'
  | 'NUDGE'
  | 'REVIEW';

export type DeliveryStatus =
  | 'COMPLETED'
  | 'EXPIRED'
  | 'FAILED'
  | 'SCHEDULED'
  | 'SENT';

export type ImportPeopleInput = {
  /** The HRIS export as CSV text (UTF-8, at most 10 MiB and 60,000 rows), a header row first. Columns, in any order: email (required), name, role, timezone, locale, external_id, leader (an email or external id, of a row anywhere in the file or of someone already here), team, location, channels (IN_APP;EMAIL;WEBHOOK), webhook_bridge_id, status (active or inactive). A blank cell keeps what is stored. */
  csv: string;
  /** true: only report what would happen, row by row; nothing is written */
  dryRun: boolean;
};

export type LessonKind =
  | 'QUIZ'
  | 'READ'
  | 'REFLECTION'
  | 'SCENARIO';

export type LogCoachingMomentInput = {
  /** For a redirection: the related lesson again, with the next workday’s lesson */
  assignFollowUp?: boolean | null | undefined;
  kind: CoachingMomentKind;
  /** Someone who reports to you, directly or not */
  personId: string | number;
  /** A lesson of a track the person is enrolled in */
  relatedLessonId?: string | number | null | undefined;
  /** What happened, in a sentence or two */
  whatHappened: string;
};

export type PeopleImportAction =
  | 'CREATE'
  | 'DEACTIVATE'
  | 'REACTIVATE'
  | 'REFUSE'
  | 'UNCHANGED'
  | 'UPDATE';

export type PromptResponseInput = {
  /** True when you had the conversation, false to skip this week */
  done: boolean;
  /** What you noticed or want to remember, up to 2000 characters; it comes back with next week's prompt */
  note?: string | null | undefined;
};

export type RecordCareerConversationInput = {
  /** What you agreed or want to remember, up to 2000 characters; cleared if the person's data is erased */
  note?: string | null | undefined;
  /** DONE when you had the conversation, SKIPPED when not */
  outcome: CareerConversationOutcome;
};

/** What a spaced review brings back: a review card to rate, or a question once missed to answer again */
export type ReviewItemKind =
  | 'CARD'
  | 'QUESTION';

export type ReviewRating =
  | 'AGAIN'
  | 'EASY'
  | 'GOOD'
  | 'HARD';

export type Role =
  | 'ADMIN'
  | 'LEADER'
  | 'LEARNER';

export type TrackStatus =
  | 'ARCHIVED'
  | 'DRAFT'
  | 'PUBLISHED';

export type AdminOverviewQueryVariables = Exact<{ [key: string]: never; }>;


export type AdminOverviewQuery = { tracks: { edges: Array<{ node: { id: string, title: string, status: TrackStatus, version: number, draftVersion: number | null } }> }, cohorts: { edges: Array<{ node: { id: string, name: string, timezone: string } }> }, leaderReport: { edges: Array<{ node: { teamSize: number, promptsSent: number, promptsDone: number, teamCompletion: number | null, coachingMomentsPerWeek: number, leader: { id: string, name: string } } }> } };

export type PublishTrackMutationVariables = Exact<{
  id: string | number;
}>;


export type PublishTrackMutation = { publishTrack: { id: string, status: TrackStatus, version: number, draftVersion: number | null } };

export type ReviseTrackMutationVariables = Exact<{
  id: string | number;
}>;


export type ReviseTrackMutation = { reviseTrack: { id: string, status: TrackStatus, version: number, draftVersion: number | null } };

export type ImportPeopleMutationVariables = Exact<{
  input: ImportPeopleInput;
}>;


export type ImportPeopleMutation = { importPeople: { dryRun: boolean, created: number, updated: number, deactivated: number, reactivated: number, unchanged: number, refused: number, rows: Array<{ line: number, action: PeopleImportAction, email: string | null, column: string | null, reason: string | null }> } };

export type EnrollCohortMutationVariables = Exact<{
  cohortId: string | number;
  trackId: string | number;
}>;


export type EnrollCohortMutation = { enrollCohort: { id: string, startsOn: string } };

export type LeaderReportCsvQueryVariables = Exact<{ [key: string]: never; }>;


export type LeaderReportCsvQuery = { leaderReportCsv: string };

export type LearningAnalyticsCsvQueryVariables = Exact<{
  groupBy: AnalyticsGroupBy;
}>;


export type LearningAnalyticsCsvQuery = { learningAnalyticsCsv: string };

export type LeaderWeekQueryVariables = Exact<{ [key: string]: never; }>;


export type LeaderWeekQuery = { today: { items: Array<{ id: string, kind: DeliveryKind, status: DeliveryStatus, prompt: string | null, leaderPrompt: { week: number, themes: Array<{ title: string, question: string | null, listenFor: string | null }>, team: Array<{ lessonsReceived: number, lessonsCompleted: number, behind: boolean, person: { id: string, name: string } }>, notStarted: Array<{ id: string, name: string }>, mostMissedQuestion: { question: string | null, missed: number, answered: number } | null, opener: { text: string }, previousNote: { note: string, date: string } | null } | null, response: { done: boolean, note: string | null, respondedAt: string } | null, careerConversation: { outcome: CareerConversationOutcome | null, note: string | null, recordedAt: string | null, report: { id: string, name: string } } | null }> }, myTeam: { edges: Array<{ node: { id: string, name: string, streak: number | null, lessonCompletion: number | null, openCoachingMoments: number | null, currentLesson: { id: string, title: string } | null } }> } };

export type RespondToPromptMutationVariables = Exact<{
  deliveryId: string | number;
  input: PromptResponseInput;
}>;


export type RespondToPromptMutation = { respondToPrompt: { id: string, status: DeliveryStatus, response: { done: boolean, note: string | null, respondedAt: string } | null } };

export type RecordCareerConversationMutationVariables = Exact<{
  deliveryId: string | number;
  input: RecordCareerConversationInput;
}>;


export type RecordCareerConversationMutation = { recordCareerConversation: { id: string, status: DeliveryStatus, careerConversation: { outcome: CareerConversationOutcome | null, note: string | null, recordedAt: string | null } | null } };

export type LogCoachingMomentMutationVariables = Exact<{
  input: LogCoachingMomentInput;
}>;


export type LogCoachingMomentMutation = { logCoachingMoment: { id: string, kind: CoachingMomentKind, person: { name: string } } };

export type LearnerTodayQueryVariables = Exact<{ [key: string]: never; }>;


export type LearnerTodayQuery = { me: { id: string, name: string, locale: string, role: Role }, today: { date: string, timezone: string, streak: number, recognitions: Array<{ id: string, whatHappened: string, createdAt: string, leader: { name: string } }>, pulse: { week: string, question: string, scale: string } | null, items: Array<{ id: string, kind: DeliveryKind, status: DeliveryStatus, dueAt: string, rating: ReviewRating | null, reviewOf: ReviewItemKind | null, lesson: { id: string, title: string, kind: LessonKind, body: string, minutes: number, questions: Array<{ id: string, prompt: string, choices: Array<string> }> } | null, card: { id: string, front: string, back: string } | null, question: { id: string, prompt: string, choices: Array<string> } | null, reminderOf: { id: string } | null }> } };

export type CompleteLessonMutationVariables = Exact<{
  deliveryId: string | number;
  input: CompleteLessonInput;
}>;


export type CompleteLessonMutation = { completeLesson: { correct: number, total: number, feedback: Array<string>, delivery: { id: string, status: DeliveryStatus } } };

export type RateReviewCardMutationVariables = Exact<{
  deliveryId: string | number;
  rating: ReviewRating;
}>;


export type RateReviewCardMutation = { reviewCard: { id: string, status: DeliveryStatus, rating: ReviewRating | null } };

export type AnswerQuestionReviewMutationVariables = Exact<{
  deliveryId: string | number;
  choice: number;
}>;


export type AnswerQuestionReviewMutation = { answerReview: { correct: number, feedback: Array<string>, delivery: { id: string, status: DeliveryStatus, rating: ReviewRating | null } } };

export type AnswerPulseMutationVariables = Exact<{
  input: AnswerPulseInput;
}>;


export type AnswerPulseMutation = { answerPulse: { week: string } };

export type LearnerHistoryQueryVariables = Exact<{
  personId?: string | number | null | undefined;
  after?: string | null | undefined;
}>;


export type LearnerHistoryQuery = { deliveries: { edges: Array<{ node: { id: string, kind: DeliveryKind, status: DeliveryStatus, dueAt: string, rating: ReviewRating | null, lesson: { title: string } | null, card: { front: string } | null } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}

export const AdminOverviewDocument = new TypedDocumentString(`
    query AdminOverview {
  tracks(first: 50) {
    edges {
      node {
        id
        title
        status
        version
        draftVersion
      }
    }
  }
  cohorts(first: 50) {
    edges {
      node {
        id
        name
        timezone
      }
    }
  }
  leaderReport(weeks: 4, first: 50) {
    edges {
      node {
        leader {
          id
          name
        }
        teamSize
        promptsSent
        promptsDone
        teamCompletion
        coachingMomentsPerWeek
      }
    }
  }
}
    `) as unknown as TypedDocumentString<AdminOverviewQuery, AdminOverviewQueryVariables>;
export const PublishTrackDocument = new TypedDocumentString(`
    mutation PublishTrack($id: ID!) {
  publishTrack(id: $id) {
    id
    status
    version
    draftVersion
  }
}
    `) as unknown as TypedDocumentString<PublishTrackMutation, PublishTrackMutationVariables>;
export const ReviseTrackDocument = new TypedDocumentString(`
    mutation ReviseTrack($id: ID!) {
  reviseTrack(id: $id) {
    id
    status
    version
    draftVersion
  }
}
    `) as unknown as TypedDocumentString<ReviseTrackMutation, ReviseTrackMutationVariables>;
export const ImportPeopleDocument = new TypedDocumentString(`
    mutation ImportPeople($input: ImportPeopleInput!) {
  importPeople(input: $input) {
    dryRun
    created
    updated
    deactivated
    reactivated
    unchanged
    refused
    rows {
      line
      action
      email
      column
      reason
    }
  }
}
    `) as unknown as TypedDocumentString<ImportPeopleMutation, ImportPeopleMutationVariables>;
export const EnrollCohortDocument = new TypedDocumentString(`
    mutation EnrollCohort($cohortId: ID!, $trackId: ID!) {
  enrollCohort(cohortId: $cohortId, trackId: $trackId) {
    id
    startsOn
  }
}
    `) as unknown as TypedDocumentString<EnrollCohortMutation, EnrollCohortMutationVariables>;
export const LeaderReportCsvDocument = new TypedDocumentString(`
    query LeaderReportCsv {
  leaderReportCsv(weeks: 4)
}
    `) as unknown as TypedDocumentString<LeaderReportCsvQuery, LeaderReportCsvQueryVariables>;
export const LearningAnalyticsCsvDocument = new TypedDocumentString(`
    query LearningAnalyticsCsv($groupBy: AnalyticsGroupBy!) {
  learningAnalyticsCsv(groupBy: $groupBy, weeks: 4)
}
    `) as unknown as TypedDocumentString<LearningAnalyticsCsvQuery, LearningAnalyticsCsvQueryVariables>;
export const LeaderWeekDocument = new TypedDocumentString(`
    query LeaderWeek {
  today {
    items {
      id
      kind
      status
      prompt
      leaderPrompt {
        week
        themes {
          title
          question
          listenFor
        }
        team {
          person {
            id
            name
          }
          lessonsReceived
          lessonsCompleted
          behind
        }
        notStarted {
          id
          name
        }
        mostMissedQuestion {
          question
          missed
          answered
        }
        opener {
          text
        }
        previousNote {
          note
          date
        }
      }
      response {
        done
        note
        respondedAt
      }
      careerConversation {
        report {
          id
          name
        }
        outcome
        note
        recordedAt
      }
    }
  }
  myTeam(first: 100) {
    edges {
      node {
        id
        name
        currentLesson {
          id
          title
        }
        streak
        lessonCompletion
        openCoachingMoments
      }
    }
  }
}
    `) as unknown as TypedDocumentString<LeaderWeekQuery, LeaderWeekQueryVariables>;
export const RespondToPromptDocument = new TypedDocumentString(`
    mutation RespondToPrompt($deliveryId: ID!, $input: PromptResponseInput!) {
  respondToPrompt(deliveryId: $deliveryId, input: $input) {
    id
    status
    response {
      done
      note
      respondedAt
    }
  }
}
    `) as unknown as TypedDocumentString<RespondToPromptMutation, RespondToPromptMutationVariables>;
export const RecordCareerConversationDocument = new TypedDocumentString(`
    mutation RecordCareerConversation($deliveryId: ID!, $input: RecordCareerConversationInput!) {
  recordCareerConversation(deliveryId: $deliveryId, input: $input) {
    id
    status
    careerConversation {
      outcome
      note
      recordedAt
    }
  }
}
    `) as unknown as TypedDocumentString<RecordCareerConversationMutation, RecordCareerConversationMutationVariables>;
export const LogCoachingMomentDocument = new TypedDocumentString(`
    mutation LogCoachingMoment($input: LogCoachingMomentInput!) {
  logCoachingMoment(input: $input) {
    id
    kind
    person {
      name
    }
  }
}
    `) as unknown as TypedDocumentString<LogCoachingMomentMutation, LogCoachingMomentMutationVariables>;
export const LearnerTodayDocument = new TypedDocumentString(`
    query LearnerToday {
  me {
    id
    name
    locale
    role
  }
  today {
    date
    timezone
    streak
    recognitions {
      id
      whatHappened
      createdAt
      leader {
        name
      }
    }
    pulse {
      week
      question
      scale
    }
    items {
      id
      kind
      status
      dueAt
      rating
      lesson {
        id
        title
        kind
        body
        minutes
        questions {
          id
          prompt
          choices
        }
      }
      card {
        id
        front
        back
      }
      reviewOf
      question {
        id
        prompt
        choices
      }
      reminderOf {
        id
      }
    }
  }
}
    `) as unknown as TypedDocumentString<LearnerTodayQuery, LearnerTodayQueryVariables>;
export const CompleteLessonDocument = new TypedDocumentString(`
    mutation CompleteLesson($deliveryId: ID!, $input: CompleteLessonInput!) {
  completeLesson(deliveryId: $deliveryId, input: $input) {
    correct
    total
    feedback
    delivery {
      id
      status
    }
  }
}
    `) as unknown as TypedDocumentString<CompleteLessonMutation, CompleteLessonMutationVariables>;
export const RateReviewCardDocument = new TypedDocumentString(`
    mutation RateReviewCard($deliveryId: ID!, $rating: ReviewRating!) {
  reviewCard(deliveryId: $deliveryId, rating: $rating) {
    id
    status
    rating
  }
}
    `) as unknown as TypedDocumentString<RateReviewCardMutation, RateReviewCardMutationVariables>;
export const AnswerQuestionReviewDocument = new TypedDocumentString(`
    mutation AnswerQuestionReview($deliveryId: ID!, $choice: Int!) {
  answerReview(deliveryId: $deliveryId, choice: $choice) {
    correct
    feedback
    delivery {
      id
      status
      rating
    }
  }
}
    `) as unknown as TypedDocumentString<AnswerQuestionReviewMutation, AnswerQuestionReviewMutationVariables>;
export const AnswerPulseDocument = new TypedDocumentString(`
    mutation AnswerPulse($input: AnswerPulseInput!) {
  answerPulse(input: $input) {
    week
  }
}
    `) as unknown as TypedDocumentString<AnswerPulseMutation, AnswerPulseMutationVariables>;
export const LearnerHistoryDocument = new TypedDocumentString(`
    query LearnerHistory($personId: ID, $after: String) {
  deliveries(personId: $personId, first: 30, after: $after) {
    edges {
      node {
        id
        kind
        status
        dueAt
        rating
        lesson {
          title
        }
        card {
          front
        }
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    `) as unknown as TypedDocumentString<LearnerHistoryQuery, LearnerHistoryQueryVariables>;