/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type AnswerPulseInput = {
  /** Optional; shown to leaders and admins only with four others */
  comment?: string | null | undefined;
  /** 1 (not at all) to 5 (very much) */
  score: number;
};

export type CompleteLessonInput = {
  /** QUIZ and SCENARIO lessons: the index of the chosen answer for each question, in order */
  answers?: Array<number> | null | undefined;
  /** REFLECTION lessons: what the learner takes away, 1-1000 characters */
  reflection?: string | null | undefined;
};

export type DeliveryKind =
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

export type LessonKind =
  | 'QUIZ'
  | 'READ'
  | 'REFLECTION'
  | 'SCENARIO';

export type ReviewRating =
  | 'AGAIN'
  | 'EASY'
  | 'GOOD'
  | 'HARD';

export type Role =
  | 'ADMIN'
  | 'LEADER'
  | 'LEARNER';

export type LearnerTodayQueryVariables = Exact<{ [key: string]: never; }>;


export type LearnerTodayQuery = { me: { id: string, name: string, locale: string, role: Role }, today: { date: string, timezone: string, streak: number, recognitions: Array<{ id: string, whatHappened: string, createdAt: string, leader: { name: string } }>, pulse: { week: string, question: string, scale: string } | null, items: Array<{ id: string, kind: DeliveryKind, status: DeliveryStatus, dueAt: string, rating: ReviewRating | null, lesson: { id: string, title: string, kind: LessonKind, body: string, minutes: number, questions: Array<{ id: string, prompt: string, choices: Array<string> }> } | null, card: { id: string, front: string, back: string } | null, reminderOf: { id: string } | null }> } };

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