import { registerEnumType } from '@nestjs/graphql';

/**
 * What Tend tells subscribed endpoints (README, "Event webhooks"): each type's `data`,
 * version 1, as its JSON Schema in `apps/scheduler/webhook-events/<type>.schema.json`
 * states it. Payloads only grow: a field added later is optional there and here.
 * People are named by id; no payload carries a reflection's text, a note or what a
 * leader wrote about someone.
 */
export interface WebhookEventPayloads {
  /** A learner completed a lesson: its score and which answers were right, never the reflection. */
  'lesson.completed': {
    personId: string;
    deliveryId: string;
    enrollmentId: string | null;
    trackId: string | null;
    trackVersion: number | null;
    lessonId: string;
    lessonKind: 'READ' | 'SCENARIO' | 'QUIZ' | 'REFLECTION';
    completedAt: string;
    score: { correct: number; total: number; scaled: number | null };
    answers: { questionId: string; choice: number; correct: boolean }[];
  };
  /** A learner rated one spaced review; `nextDueAt` is when the card comes back. */
  'review.rated': {
    personId: string;
    deliveryId: string;
    cardId: string;
    lessonId: string | null;
    rating: 'AGAIN' | 'HARD' | 'GOOD' | 'EASY';
    ratedAt: string;
    nextDueAt: string;
  };
  /** A cohort was enrolled in a track version. */
  'enrollment.created': {
    enrollmentId: string;
    cohortId: string;
    trackId: string;
    trackVersion: number;
    startsOn: string;
  };
  /** One learner finished an enrollment: every lesson completed, or an admin marked it complete. */
  'enrollment.completed': {
    enrollmentId: string;
    personId: string;
    trackId: string;
    trackVersion: number;
    completedAt: string;
    reason: 'ALL_LESSONS_COMPLETED' | 'MARKED_COMPLETED';
  };
  'person.created': PersonData;
  'person.updated': PersonData;
  'person.deactivated': { personId: string };
  /** The person's personal data is gone from Tend; the receiver should forget it too. */
  'person.erased': { personId: string };
  /** A leader (or an admin) logged a coaching moment; what happened stays in Tend. */
  'coaching_moment.logged': {
    coachingMomentId: string;
    leaderId: string;
    personId: string;
    kind: 'RECOGNITION' | 'REDIRECTION';
    relatedLessonId: string | null;
    followUpAssigned: boolean;
    loggedAt: string;
  };
  /** A leader marked a weekly prompt done or skipped; the note stays in Tend. */
  'leader_prompt.responded': {
    deliveryId: string;
    leaderId: string;
    enrollmentId: string | null;
    response: 'DONE' | 'SKIPPED';
    respondedAt: string;
  };
}

export interface PersonData {
  personId: string;
  role: 'ADMIN' | 'LEADER' | 'LEARNER';
  timezone: string;
  locale: string;
  leaderId: string | null;
  active: boolean;
}

export type WebhookEventType = keyof WebhookEventPayloads;

/** Every type, in the order the README lists them; the compiler checks the list against the payloads. */
export const WEBHOOK_EVENT_TYPES = [
  'lesson.completed',
  'review.rated',
  'enrollment.created',
  'enrollment.completed',
  'person.created',
  'person.updated',
  'person.deactivated',
  'person.erased',
  'coaching_moment.logged',
  'leader_prompt.responded',
] as const satisfies readonly WebhookEventType[];

type Missing = Exclude<WebhookEventType, (typeof WEBHOOK_EVENT_TYPES)[number]>;
const everyTypeListed: Missing extends never ? true : Missing = true;
void everyTypeListed;

/** The version of every payload sent today; the envelope's `version`. */
export const WEBHOOK_PAYLOAD_VERSION = 1;

/** The GraphQL name of a type: `lesson.completed` is `LESSON_COMPLETED`. */
export function webhookEventEnumName(type: WebhookEventType): string {
  return type.replace('.', '_').toUpperCase();
}

/** The event types as a GraphQL enum, whose values are the dotted names receivers see in `type`. */
export const WebhookEventTypeEnum = Object.fromEntries(
  WEBHOOK_EVENT_TYPES.map((type) => [webhookEventEnumName(type), type]),
) as Record<string, WebhookEventType>;

registerEnumType(WebhookEventTypeEnum, {
  name: 'WebhookEventType',
  description:
    'An event an endpoint can subscribe to; the value is the `type` each message carries (lesson.completed ...)',
});

/** What every message's body is: Standard Webhooks' recommended `type`, `timestamp`, `data`, and the payload version. */
export interface WebhookEnvelope<T extends WebhookEventType = WebhookEventType> {
  type: T;
  version: number;
  /** When the change happened (ISO 8601). */
  timestamp: string;
  data: WebhookEventPayloads[T];
}
