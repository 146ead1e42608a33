import { xapiStatementProblems } from '../../test/xapi-statement-rules';
import { WebhookEventPayloads } from '../event-webhooks/webhook-event-types';
import {
  LrsSettings,
  StatementSource,
  statementId,
  statementRolesOf,
  XapiEventType,
  xapiStatement,
} from './xapi-statements';

const EVENT = '0d9b1c64-1a52-4e84-a0f5-6a3b1e7c2d10';
const DANA = '5b0f5e0c-33d1-4c48-9f3a-0a4c8f6e2b11';
const LEA = '9a3d2c1b-7e6f-4a5b-8c9d-0e1f2a3b4c5d';
const LESSON = 'c4b1a2d3-e5f6-4a7b-8c9d-112233445566';
const TRACK = 'd1e2f3a4-b5c6-4d7e-8f90-a1b2c3d4e5f6';
const ENROLLMENT = 'e1f2a3b4-c5d6-4e7f-8091-a2b3c4d5e6f7';
const Q1 = 'f1a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8';
const Q2 = 'a9b8c7d6-e5f4-4a3b-9c2d-1e0f9a8b7c6d';

const acme = (overrides: Partial<LrsSettings> = {}): LrsSettings => ({
  version: '2.0.0',
  homePage: 'https://acme.example',
  actorFormat: 'ACCOUNT',
  sendReflections: false,
  ...overrides,
});
const noEmails = () => undefined;

const completed: WebhookEventPayloads['lesson.completed'] = {
  personId: DANA,
  deliveryId: '0a1b2c3d-4e5f-4061-8273-94a5b6c7d8e9',
  enrollmentId: ENROLLMENT,
  trackId: TRACK,
  trackVersion: 1,
  lessonId: LESSON,
  lessonKind: 'QUIZ',
  completedAt: '2026-03-02T09:00:30.000Z',
  score: { correct: 1, total: 2, scaled: 0.5 },
  answers: [
    { questionId: Q1, choice: 0, correct: true },
    { questionId: Q2, choice: 1, correct: false },
  ],
};

function sources<T extends XapiEventType>(
  type: T,
  payload: WebhookEventPayloads[T],
  reflection: string | null = null,
  learners: string[] = [],
): StatementSource[] {
  return statementRolesOf(type, payload, learners).map((role) => ({
    id: statementId(EVENT, role),
    eventType: type,
    role,
    occurredAt: new Date('2026-03-02T09:00:30Z'),
    payload,
    reflection,
  }));
}

describe('xAPI statements of what happens in Tend', () => {
  it('a completed quiz is a completed statement with its score, and an answered statement per question, valid in 2.0.0 and 1.0.3', () => {
    for (const version of ['2.0.0', '1.0.3'] as const) {
      const [done, first, second] = sources('lesson.completed', completed).map((source) =>
        xapiStatement(source, acme({ version }), noEmails),
      );
      expect(done).toMatchObject({
        actor: { objectType: 'Agent', account: { homePage: 'https://acme.example', name: DANA } },
        verb: { id: 'http://adlnet.gov/expapi/verbs/completed' },
        object: { id: `https://acme.example/tend/lessons/${LESSON}` },
        result: { score: { scaled: 0.5, raw: 1, min: 0, max: 2 }, success: false, completion: true },
        context: { registration: ENROLLMENT },
        timestamp: '2026-03-02T09:00:30.000Z',
      });
      expect(first).toMatchObject({
        verb: { id: 'http://adlnet.gov/expapi/verbs/answered' },
        result: { success: true, response: '0' },
      });
      expect(second).toMatchObject({ result: { success: false, response: '1' } });
      for (const statement of [done, first, second]) expect(xapiStatementProblems(statement, version)).toEqual([]);
    }
  });

  it('derives each id from the event and the role, so sending again names the same statements', () => {
    const once = sources('lesson.completed', completed).map((source) => source.id);
    const again = sources('lesson.completed', completed).map((source) => source.id);
    expect(again).toEqual(once);
    expect(new Set(once).size).toBe(3);
    expect(once[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(statementId('11111111-1111-4111-8111-111111111111', 'completed')).not.toBe(once[0]);
  });

  it('names the leader of a coaching moment in contextAgents for 2.0.0 and as instructor for 1.0.3', () => {
    const moment: WebhookEventPayloads['coaching_moment.logged'] = {
      coachingMomentId: '7c6b5a49-3827-4160-9f5e-4d3c2b1a0f9e',
      leaderId: LEA,
      personId: DANA,
      kind: 'RECOGNITION',
      relatedLessonId: LESSON,
      followUpAssigned: false,
      loggedAt: '2026-03-02T09:00:30.000Z',
    };
    const [source] = sources('coaching_moment.logged', moment);
    const v2 = xapiStatement(source, acme(), noEmails);
    expect(v2).toMatchObject({
      actor: { account: { name: DANA } },
      verb: { id: 'http://adlnet.gov/expapi/verbs/experienced' },
      context: { contextAgents: [{ objectType: 'contextAgent', agent: { account: { name: LEA } } }] },
    });
    expect(xapiStatementProblems(v2, '2.0.0')).toEqual([]);
    // A 1.0.3 LRS knows no contextAgents: the validator refuses the 2.0 form there.
    expect(xapiStatementProblems(v2, '1.0.3')).not.toEqual([]);

    const v1 = xapiStatement(source, acme({ version: '1.0.3' }), noEmails);
    expect(v1).toMatchObject({ context: { instructor: { account: { name: LEA } } } });
    expect((v1.context as object as Record<string, unknown>).contextAgents).toBeUndefined();
    expect(xapiStatementProblems(v1, '1.0.3')).toEqual([]);
  });

  it('rated reviews, registrations and finished tracks are statements too', () => {
    const [rated] = sources('review.rated', {
      personId: DANA,
      deliveryId: '0a1b2c3d-4e5f-4061-8273-94a5b6c7d8e9',
      cardId: '3c2b1a09-8f7e-4d6c-8b5a-493827160504',
      lessonId: LESSON,
      rating: 'GOOD',
      ratedAt: '2026-03-02T09:00:30.000Z',
      nextDueAt: '2026-03-05T09:00:30.000Z',
    });
    const enrollment = {
      enrollmentId: ENROLLMENT,
      cohortId: LEA,
      trackId: TRACK,
      trackVersion: 1,
      startsOn: '2026-03-02',
    };
    const registered = sources('enrollment.created', enrollment, null, [DANA, LEA]);
    const [finished] = sources('enrollment.completed', {
      enrollmentId: ENROLLMENT,
      personId: DANA,
      trackId: TRACK,
      trackVersion: 1,
      completedAt: '2026-03-02T09:00:30.000Z',
      reason: 'ALL_LESSONS_COMPLETED',
    });
    const statements = [rated, ...registered, finished].map((source) => xapiStatement(source, acme(), noEmails));
    expect(statements.map((statement) => (statement.verb as { id: string }).id)).toEqual([
      'http://id.tincanapi.com/verb/rated',
      'http://adlnet.gov/expapi/verbs/registered',
      'http://adlnet.gov/expapi/verbs/registered',
      'http://adlnet.gov/expapi/verbs/completed',
    ]);
    expect(statements[0]).toMatchObject({ result: { response: 'GOOD' } });
    expect(statements[2]).toMatchObject({ actor: { account: { name: LEA } }, context: { registration: ENROLLMENT } });
    for (const statement of statements) {
      expect(xapiStatementProblems(statement, '2.0.0')).toEqual([]);
      expect(xapiStatementProblems(statement, '1.0.3')).toEqual([]);
    }
  });

  it('uses mbox only when the organization opts in and the person has an address, and a reflection only when kept', () => {
    const reflection = sources(
      'lesson.completed',
      { ...completed, lessonKind: 'REFLECTION', answers: [], score: { correct: 0, total: 0, scaled: null } },
      'I greeted her by name',
    );
    const emails = (personId: string) => (personId === DANA ? 'dana@acme.example' : undefined);
    const withMbox = xapiStatement(reflection[0], acme({ actorFormat: 'MBOX', sendReflections: true }), emails);
    expect(withMbox.actor).toEqual({ objectType: 'Agent', mbox: 'mailto:dana@acme.example' });
    expect(withMbox.result).toEqual({ completion: true, response: 'I greeted her by name' });
    expect(xapiStatementProblems(withMbox, '2.0.0')).toEqual([]);
    expect(xapiStatement(reflection[0], acme(), emails).actor).toMatchObject({ account: { name: DANA } });
    const erased = xapiStatement(reflection[0], acme({ actorFormat: 'MBOX' }), noEmails);
    expect(erased.actor).toMatchObject({ account: { name: DANA } });

    // Kept while the organization opted in, it stays out once it opted out.
    expect(xapiStatement(reflection[0], acme({ actorFormat: 'MBOX' }), emails).result).toEqual({ completion: true });
    const [kept] = sources('lesson.completed', { ...completed, answers: [] });
    expect(xapiStatement(kept, acme(), noEmails).result).not.toHaveProperty('response');
  });

  it('the LRS stand-in refuses statements that break the xAPI rules', () => {
    const [source] = sources('lesson.completed', completed);
    const valid = xapiStatement(source, acme(), noEmails);
    const broken = [
      { ...valid, result: { score: { scaled: 2 } } },
      { ...valid, result: { score: { raw: 5, min: 0, max: 2 } } },
      { ...valid, verb: { id: 'completed' } },
      {
        ...valid,
        actor: {
          objectType: 'Agent',
          mbox: 'mailto:a@b.example',
          account: { homePage: 'https://a.example', name: 'x' },
        },
      },
      { ...valid, context: { registration: 'not-a-uuid' } },
      { ...valid, unknown: true },
    ];
    for (const statement of broken) expect(xapiStatementProblems(statement, '2.0.0')).not.toEqual([]);
  });
});
