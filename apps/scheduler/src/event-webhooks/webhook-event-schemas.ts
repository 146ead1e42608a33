import Ajv2020, { ValidateFunction } from 'ajv/dist/2020';
import coachingMomentLogged from '../../webhook-events/coaching_moment.logged.schema.json';
import enrollmentCompleted from '../../webhook-events/enrollment.completed.schema.json';
import enrollmentCreated from '../../webhook-events/enrollment.created.schema.json';
import leaderPromptResponded from '../../webhook-events/leader_prompt.responded.schema.json';
import lessonCompleted from '../../webhook-events/lesson.completed.schema.json';
import personCreated from '../../webhook-events/person.created.schema.json';
import personDeactivated from '../../webhook-events/person.deactivated.schema.json';
import personErased from '../../webhook-events/person.erased.schema.json';
import personUpdated from '../../webhook-events/person.updated.schema.json';
import reviewRated from '../../webhook-events/review.rated.schema.json';
import { WebhookEventType } from './webhook-event-types';

/** The published JSON Schema of each event type's message body (`apps/scheduler/webhook-events/`). */
export const WEBHOOK_EVENT_SCHEMAS: Record<WebhookEventType, object> = {
  'lesson.completed': lessonCompleted,
  'review.rated': reviewRated,
  'enrollment.created': enrollmentCreated,
  'enrollment.completed': enrollmentCompleted,
  'person.created': personCreated,
  'person.updated': personUpdated,
  'person.deactivated': personDeactivated,
  'person.erased': personErased,
  'coaching_moment.logged': coachingMomentLogged,
  'leader_prompt.responded': leaderPromptResponded,
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Checks a message body against its type's schema; returns the problems, none when it validates. */
export function webhookBodyProblems(body: unknown): string[] {
  const type = (body as { type?: unknown } | null)?.type;
  const validate = validators().get(type as WebhookEventType);
  if (!validate) return [`no schema for type ${JSON.stringify(type)}`];
  if (validate(body)) return [];
  return (validate.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message ?? 'is invalid'}`);
}

let compiled: Map<WebhookEventType, ValidateFunction> | undefined;

function validators(): Map<WebhookEventType, ValidateFunction> {
  if (!compiled) {
    const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
    ajv.addFormat('uuid', UUID);
    ajv.addFormat('date', DATE);
    ajv.addFormat('date-time', {
      validate: (value: string) => DATE_TIME.test(value) && !Number.isNaN(Date.parse(value)),
    });
    compiled = new Map(
      Object.entries(WEBHOOK_EVENT_SCHEMAS).map(([type, schema]) => [type as WebhookEventType, ajv.compile(schema)]),
    );
  }
  return compiled;
}
