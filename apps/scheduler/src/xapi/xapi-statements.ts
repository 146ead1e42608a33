import { v5 as uuidv5 } from 'uuid';
import { WebhookEventPayloads, WebhookEventType } from '../event-webhooks/webhook-event-types';

export type XapiVersion = '2.0.0' | '1.0.3';
export const XAPI_VERSIONS: readonly XapiVersion[] = ['2.0.0', '1.0.3'];
export type XapiActorFormat = 'ACCOUNT' | 'MBOX';

/** The public events that become statements; the others (people's records, leaders' prompts) do not. */
export const XAPI_EVENT_TYPES = [
  'lesson.completed',
  'review.rated',
  'coaching_moment.logged',
  'enrollment.created',
  'enrollment.completed',
] as const satisfies readonly WebhookEventType[];
export type XapiEventType = (typeof XAPI_EVENT_TYPES)[number];

export function isXapiEventType(type: string): type is XapiEventType {
  return (XAPI_EVENT_TYPES as readonly string[]).includes(type);
}

/** The verbs Tend uses (README, "xAPI to a learning record store"): ADL's where it has one. */
export const XAPI_VERBS = {
  completed: { id: 'http://adlnet.gov/expapi/verbs/completed', display: { 'en-US': 'completed' } },
  answered: { id: 'http://adlnet.gov/expapi/verbs/answered', display: { 'en-US': 'answered' } },
  rated: { id: 'http://id.tincanapi.com/verb/rated', display: { 'en-US': 'rated' } },
  experienced: { id: 'http://adlnet.gov/expapi/verbs/experienced', display: { 'en-US': 'experienced' } },
  registered: { id: 'http://adlnet.gov/expapi/verbs/registered', display: { 'en-US': 'registered' } },
} as const;

const ACTIVITY_TYPES = {
  lesson: 'http://adlnet.gov/expapi/activities/lesson',
  question: 'http://adlnet.gov/expapi/activities/cmi.interaction',
  course: 'http://adlnet.gov/expapi/activities/course',
  meeting: 'http://id.tincanapi.com/activitytype/meeting',
  interaction: 'http://adlnet.gov/expapi/activities/interaction',
} as const;

/** Tend's namespace for statement ids: uuid v5 of (event id, role) in it, the same every time. */
const STATEMENT_ID_NAMESPACE = '6f1d3a52-8c1e-4f0b-9a8e-2f3b7c9d4e10';

/** One statement of one event, as it is kept until the LRS has it: the event's data and the role it plays. */
export interface StatementSource {
  id: string;
  eventType: XapiEventType;
  /** `completed`, `answered:<questionId>`, `registered:<personId>` ...: one event can make several statements. */
  role: string;
  occurredAt: Date;
  payload: WebhookEventPayloads[XapiEventType];
  /** A reflection's text: kept only when the organization opted in to sending it. */
  reflection: string | null;
}

export function statementId(eventId: string, role: string): string {
  return uuidv5(`${eventId}/${role}`, STATEMENT_ID_NAMESPACE);
}

/**
 * The roles of the statements an event makes: a lesson's completion and each answer; an
 * enrollment's registration of each learner it holds (`learnerIds`, looked up by the caller).
 */
export function statementRolesOf(
  type: XapiEventType,
  payload: WebhookEventPayloads[XapiEventType],
  learnerIds: readonly string[] = [],
): string[] {
  switch (type) {
    case 'lesson.completed':
      return [
        'completed',
        ...(payload as WebhookEventPayloads['lesson.completed']).answers.map(
          (answer) => `answered:${answer.questionId}`,
        ),
      ];
    case 'enrollment.created':
      return learnerIds.map((personId) => `registered:${personId}`);
    case 'review.rated':
      return ['rated'];
    case 'coaching_moment.logged':
      return ['experienced'];
    case 'enrollment.completed':
      return ['completed'];
  }
}

export interface LrsSettings {
  version: XapiVersion;
  /** The organization's home page: the actor account's `homePage` and the root of Tend's activity ids. */
  homePage: string;
  actorFormat: XapiActorFormat;
  /** Whether the organization still sends reflections: one kept while it did goes only if it still does. */
  sendReflections: boolean;
}

/** People's email addresses, for `mbox` actors; an erased or unknown person stays an account. */
export type EmailOf = (personId: string) => string | undefined;

type Json = Record<string, unknown>;

/**
 * The xAPI statement of a source, per the LRS's version (2.0.0 by default, IEEE 9274.1.1;
 * 1.0.3 when configured so). It is made again at each send from what was kept, so an
 * LRS reconfigured meanwhile gets its own version; its id never changes.
 */
export function xapiStatement(source: StatementSource, settings: LrsSettings, emailOf: EmailOf): Json {
  const home = settings.homePage.replace(/\/+$/, '');
  const activity = (kind: string, id: string, type: string, extra: Json = {}): Json => ({
    objectType: 'Activity',
    id: `${home}/tend/${kind}/${id}`,
    definition: { type, ...extra },
  });
  const agent = (personId: string): Json => {
    const email = settings.actorFormat === 'MBOX' ? emailOf(personId) : undefined;
    return email
      ? { objectType: 'Agent', mbox: `mailto:${email}` }
      : { objectType: 'Agent', account: { homePage: settings.homePage, name: personId } };
  };
  const track = (trackId: string | null): Json =>
    trackId ? { contextActivities: { parent: [activity('tracks', trackId, ACTIVITY_TYPES.course)] } } : {};
  const statement = (actor: Json, verb: Json, object: Json, rest: Json): Json => ({
    id: source.id,
    actor,
    verb,
    object,
    ...rest,
    timestamp: source.occurredAt.toISOString(),
  });
  const platform = { platform: 'Tend' };

  switch (source.eventType) {
    case 'lesson.completed': {
      const data = source.payload as WebhookEventPayloads['lesson.completed'];
      const registration = data.enrollmentId ? { registration: data.enrollmentId } : {};
      const context = { ...registration, ...track(data.trackId), ...platform };
      if (source.role.startsWith('answered:')) {
        const questionId = source.role.slice('answered:'.length);
        const answer = data.answers.find((candidate) => candidate.questionId === questionId);
        if (!answer) throw new Error(`statement ${source.id} names a question its lesson.completed does not hold`);
        return statement(
          agent(data.personId),
          XAPI_VERBS.answered,
          activity('questions', questionId, ACTIVITY_TYPES.question, { interactionType: 'choice' }),
          {
            result: { success: answer.correct, response: String(answer.choice) },
            context: {
              ...context,
              contextActivities: {
                ...(track(data.trackId).contextActivities as Json | undefined),
                grouping: [activity('lessons', data.lessonId, ACTIVITY_TYPES.lesson)],
              },
            },
          },
        );
      }
      const { correct, total, scaled } = data.score;
      const score = total > 0 && scaled !== null ? { score: { scaled, raw: correct, min: 0, max: total } } : {};
      const success = total > 0 ? { success: correct === total } : {};
      const response = settings.sendReflections && source.reflection ? { response: source.reflection } : {};
      return statement(
        agent(data.personId),
        XAPI_VERBS.completed,
        activity('lessons', data.lessonId, ACTIVITY_TYPES.lesson),
        {
          result: { ...score, ...success, completion: true, ...response },
          context,
        },
      );
    }
    case 'review.rated': {
      const data = source.payload as WebhookEventPayloads['review.rated'];
      const parent = data.lessonId
        ? { contextActivities: { parent: [activity('lessons', data.lessonId, ACTIVITY_TYPES.lesson)] } }
        : {};
      return statement(
        agent(data.personId),
        XAPI_VERBS.rated,
        activity('review-cards', data.cardId, ACTIVITY_TYPES.interaction),
        {
          result: { response: data.rating },
          context: { ...parent, ...platform },
        },
      );
    }
    case 'coaching_moment.logged': {
      const data = source.payload as WebhookEventPayloads['coaching_moment.logged'];
      const leader = agent(data.leaderId);
      // xAPI 2.0 names the leader as a context agent; 1.0.3 has only `instructor` for it.
      const who =
        settings.version === '2.0.0'
          ? {
              contextAgents: [
                { objectType: 'contextAgent', agent: leader, relevantTypes: [`${home}/tend/roles/leader`] },
              ],
            }
          : { instructor: leader };
      const lesson = data.relatedLessonId
        ? { contextActivities: { other: [activity('lessons', data.relatedLessonId, ACTIVITY_TYPES.lesson)] } }
        : {};
      return statement(
        agent(data.personId),
        XAPI_VERBS.experienced,
        activity('coaching-moments', data.coachingMomentId, ACTIVITY_TYPES.meeting, {
          name: {
            'en-US': data.kind === 'RECOGNITION' ? 'Coaching moment: recognition' : 'Coaching moment: redirection',
          },
        }),
        { context: { ...who, ...lesson, ...platform } },
      );
    }
    case 'enrollment.created': {
      const data = source.payload as WebhookEventPayloads['enrollment.created'];
      const personId = source.role.slice('registered:'.length);
      return statement(
        agent(personId),
        XAPI_VERBS.registered,
        activity('tracks', data.trackId, ACTIVITY_TYPES.course),
        {
          context: { registration: data.enrollmentId, ...platform },
        },
      );
    }
    case 'enrollment.completed': {
      const data = source.payload as WebhookEventPayloads['enrollment.completed'];
      return statement(
        agent(data.personId),
        XAPI_VERBS.completed,
        activity('tracks', data.trackId, ACTIVITY_TYPES.course),
        {
          result: { completion: true },
          context: { registration: data.enrollmentId, ...platform },
        },
      );
    }
  }
}
