import { QueueName } from '@tend/queue';

/** The published language between services: what each event carries (docs/ARCHITECTURE.md#events). */
export interface DomainEventPayloads {
  /** A track's published lesson sequence, with what the scheduler needs to deliver and grade it. */
  'content.track_published': {
    trackId: string;
    version: number;
    title: string;
    lessons: PublishedLesson[];
  };
  /** No cohort may enroll in the track any more; learners already enrolled keep their lessons. */
  'content.track_archived': {
    trackId: string;
  };
  /** Every enrollment on `fromVersion` of the track now takes its next lessons from `toVersion`. */
  'content.enrollments_migrated': {
    trackId: string;
    fromVersion: number;
    toVersion: number;
  };
  'cohorts.person_upserted': {
    personId: string;
    role: 'ADMIN' | 'LEADER' | 'LEARNER';
    timezone: string;
    leaderId: string | null;
    email: string;
    channels: DeliveryChannelName[];
    /** BCP 47. */
    locale: string;
    /** Where the WEBHOOK channel addresses this person; null without that channel. */
    webhookBridgeId: string | null;
    active: boolean;
    /** Their HR team; null without one. Absent in events published before it existed. */
    teamId?: string | null;
    /**
     * True when cohorts publishes what it already said again, for a field added since (a
     * migration's re-publish): consumers bring their projection up to date, and tell no one of a
     * change. Absent otherwise.
     */
    restated?: boolean;
  };
  /** The person gets nothing more: pending sends are cancelled and no new lesson is planned. */
  'cohorts.person_deactivated': {
    personId: string;
  };
  'cohorts.person_reactivated': {
    personId: string;
  };
  /**
   * An admin erased the person's personal data: every consumer forgets what
   * identifies them or what they wrote, keeping only anonymous counts under
   * the id, and nothing more is delivered to them. Carries nothing but the id.
   */
  'cohorts.person_erased': {
    personId: string;
  };
  'cohorts.cohort_upserted': {
    cohortId: string;
    timezone: string;
    cadence: CadenceSnapshot;
    /** 0-100: of someone's cohorts, the highest brings the day's one new lesson; absent before it existed. */
    priority?: number;
  };
  'cohorts.cohort_members_added': {
    cohortId: string;
    personIds: string[];
  };
  /** They leave the cohort's tracks: nothing more is planned for them through it. */
  'cohorts.cohort_members_removed': {
    cohortId: string;
    personIds: string[];
  };
  /** Pause (leave, holidays), drop, complete, or ACTIVE again: a resume continues, a re-enrollment starts over. */
  'cohorts.participation_changed': {
    enrollmentId: string;
    personId: string;
    status: 'ACTIVE' | 'PAUSED' | 'DROPPED' | 'COMPLETED';
    /** ACTIVE after DROPPED or COMPLETED: the track starts again from its first lesson. */
    restart: boolean;
  };
  /**
   * An LMS launched the person into the track through a link with a line item: their lesson scores
   * go back to it (README "LTI 1.3 Advantage"). Sent at each such launch; the latest wins.
   */
  'cohorts.lti_line_item_linked': {
    personId: string;
    trackId: string;
    platformId: string;
    /** The platform's OAuth 2 token endpoint and the client id Tend has there. */
    tokenUrl: string;
    clientId: string;
    lineItemUrl: string;
    /** The platform's id of the person (the launch's `sub`), as the score names them. */
    userId: string;
  };
  'cohorts.enrollment_created': {
    enrollmentId: string;
    cohortId: string;
    trackId: string;
    trackVersion: number;
    /** YYYY-MM-DD, in each learner's own calendar. */
    startsOn: string;
  };
}

export type DeliveryChannelName = 'IN_APP' | 'EMAIL' | 'WEBHOOK';

export interface PublishedLesson {
  lessonId: string;
  position: number;
  title: string;
  kind: 'READ' | 'SCENARIO' | 'QUIZ' | 'REFLECTION';
  minutes: number;
  questions: PublishedQuestion[];
  /** The cards the scheduler reviews with each learner who met this lesson. */
  reviewCards: PublishedReviewCard[];
  /** What a leader asks the team in the week the team meets this lesson. */
  leaderPrompt: string | null;
  /** What the leader listens for in the team's answers; absent in events published before it existed. */
  leaderListenFor?: string | null;
  /**
   * The learner's text (Markdown), so the scheduler serves a delivered lesson without asking
   * content; absent in events published before it existed (content publishes those again).
   */
  body?: string;
  /** The lesson in its other locales, frozen with the version; absent like `body`. */
  translations?: PublishedLessonTranslation[];
  /** The competencies it teaches: its tags, else its track's; absent in events published before it existed. */
  competencies?: string[];
}

/** A lesson's learner-facing text in one more locale (canonical BCP 47). */
export interface PublishedLessonTranslation {
  locale: string;
  title: string;
  body: string;
  /** In the lesson's question order, with as many choices. */
  questions: { prompt: string; choices: string[] }[];
}

export interface PublishedReviewCard {
  cardId: string;
  front: string;
  back: string;
}

export interface PublishedQuestion {
  questionId: string;
  /** The question's text, for the leader's weekly prompt; absent in events published before it existed. */
  prompt?: string;
  choices: string[];
  correctIndex: number;
  explanation: string | null;
  /** One per choice, shown after the learner picks it; absent in events published before it existed. */
  choiceFeedback?: { explanation: string; consequence: string | null }[];
}

export interface CadenceSnapshot {
  /** ISO weekdays, 1 = Monday ... 7 = Sunday. */
  daysOfWeek: number[];
  /** Local time, HH:mm. */
  lessonTime: string;
  promptDay: number;
  promptTime: string;
  /** Local times between which nothing goes out; absent in events published before it existed. */
  quietHours?: QuietHours | null;
  /** Local dates (YYYY-MM-DD) without lessons; absent in events published before it existed. */
  holidays?: string[];
}

export interface QuietHours {
  /** HH:mm, local; may be later than `end`, when the quiet hours span midnight. */
  start: string;
  end: string;
}

export type DomainEventType = keyof DomainEventPayloads;

export interface DomainEvent<T extends DomainEventType = DomainEventType> {
  id: string;
  type: T;
  organizationId: string;
  occurredAt: string;
  payload: DomainEventPayloads[T];
}

/** The queues a service hears events on. */
export type EventQueueName = QueueName.CohortsEvents | QueueName.SchedulerEvents;

/** Which services consume each event; the relay copies an event to each consumer's queue. */
export const EVENT_CONSUMERS: Record<DomainEventType, readonly EventQueueName[]> = {
  'content.track_published': [QueueName.CohortsEvents, QueueName.SchedulerEvents],
  'content.track_archived': [QueueName.CohortsEvents],
  'content.enrollments_migrated': [QueueName.CohortsEvents, QueueName.SchedulerEvents],
  'cohorts.person_upserted': [QueueName.SchedulerEvents],
  'cohorts.person_deactivated': [QueueName.SchedulerEvents],
  'cohorts.person_reactivated': [QueueName.SchedulerEvents],
  // Content stores nothing about people, so only the scheduler has anything to erase.
  'cohorts.person_erased': [QueueName.SchedulerEvents],
  'cohorts.cohort_upserted': [QueueName.SchedulerEvents],
  'cohorts.cohort_members_added': [QueueName.SchedulerEvents],
  'cohorts.cohort_members_removed': [QueueName.SchedulerEvents],
  'cohorts.enrollment_created': [QueueName.SchedulerEvents],
  'cohorts.lti_line_item_linked': [QueueName.SchedulerEvents],
  'cohorts.participation_changed': [QueueName.SchedulerEvents],
};

declare module '@tend/queue' {
  /** An event consumer's queue carries the events, each job named by its event's type. */
  interface EventQueueJobs {
    [QueueName.CohortsEvents]: Record<DomainEventType, DomainEvent>;
    [QueueName.SchedulerEvents]: Record<DomainEventType, DomainEvent>;
  }
}
