import { Role } from '@tend/auth';
import {
  untilSchedulerKnowsEnrollment,
  givenEnrolledCohort,
  givenOrganization,
  givenPerson,
  givenPublishedTrack,
  Member,
  Organization,
  startTestStack,
  TestStack,
  withClient,
} from '@tend/testing';

interface Item {
  id: string;
  kind: string;
  status: string;
  lesson: { title: string } | null;
  card: { front: string; back: string } | null;
}

const TODAY = '{ today { date items { id kind status lesson { title } card { front back } } } }';

describe('spaced reviews in the daily bundle', () => {
  let stack: TestStack;
  let acme: Organization;
  let learner: Member;
  let other: Member;

  /** The day's lessons and reviews; reminders of undone lessons are the nudges spec's story. */
  async function dayOf(member: Member): Promise<Item[]> {
    const { today } = await member.client.ok<{ today: { items: Item[] } }>(TODAY);
    return today.items.filter((item) => item.kind !== 'NUDGE');
  }

  /** Moves every clock to `instant`, runs the planner and returns the learner's day. */
  async function at(instant: string, member: Member = learner): Promise<Item[]> {
    await stack.setClock(instant);
    await stack.runPlanner();
    return dayOf(member);
  }

  beforeAll(async () => {
    stack = await startTestStack();
    // Monday 2 March 2026, 08:00 UTC: before the 09:00 lesson.
    await stack.setClock('2026-03-02T08:00:00Z');
    acme = await givenOrganization(stack, 'Acme');
    const track = await givenPublishedTrack(acme.admin, [
      {
        title: 'Greet within ten seconds',
        kind: 'READ',
        reviewCards: [
          { front: 'How soon do you greet a waiting customer?', back: 'Within ten seconds.' },
          { front: 'What if you are on a call?', back: 'A nod and a word.' },
        ],
      },
      { title: 'Name the feeling', kind: 'READ', reviewCards: [{ front: 'Name it to...', back: '...tame it.' }] },
      { title: 'Close the loop', kind: 'READ' },
      { title: 'Own the follow-up', kind: 'READ' },
    ]);
    learner = await givenPerson(stack, acme, { name: 'Rae Reviewer', role: Role.LEARNER, timezone: 'UTC' });
    other = await givenPerson(stack, acme, { name: 'Oli Other', role: Role.LEARNER, timezone: 'UTC' });
    const { enrollmentId } = await givenEnrolledCohort(acme, track, [learner.id, other.id], { startsOn: '2026-03-02' });
    await untilSchedulerKnowsEnrollment(stack, enrollmentId, 2);
    // Four services start on a shared two-core machine: give them time.
  }, 180_000);

  afterAll(() => stack?.stop());

  it('brings a lesson alone on the first day, then the cards the learner met with it the next day', async () => {
    const monday = await at('2026-03-02T09:00:30Z');
    expect(monday.map((item) => item.kind)).toEqual(['LESSON']);

    const tuesday = await at('2026-03-03T09:00:30Z');
    expect(tuesday.map((item) => [item.kind, item.lesson?.title])).toEqual([
      ['LESSON', 'Name the feeling'],
      ['REVIEW', 'Greet within ten seconds'],
      ['REVIEW', 'Greet within ten seconds'],
    ]);
    expect(tuesday.filter((item) => item.kind === 'REVIEW').map((item) => item.card?.back)).toEqual(
      expect.arrayContaining(['Within ten seconds.', 'A nod and a word.']),
    );
  });

  it("rates a review once; the card leaves the bundle while it is remembered, and an undone one comes back within the organization's cap", async () => {
    const reviews = (await dayOf(learner)).filter((item) => item.kind === 'REVIEW');
    const [rated, undone] = reviews;
    const { reviewCard } = await learner.client.ok<{ reviewCard: { status: string; rating: string } }>(
      'mutation($id: ID!) { reviewCard(deliveryId: $id, rating: GOOD) { status rating } }',
      { id: rated.id },
    );
    expect(reviewCard).toEqual({ status: 'COMPLETED', rating: 'GOOD' });
    const again = await learner.client.error(
      'mutation($id: ID!) { reviewCard(deliveryId: $id, rating: EASY) { id } }',
      {
        id: rated.id,
      },
    );
    expect(again.code).toBe('CONFLICT');

    const { updateSchedulerSettings } = await acme.admin.ok<{
      updateSchedulerSettings: { reviewsPerDay: number; desiredRetention: number };
    }>('mutation { updateSchedulerSettings(input: { reviewsPerDay: 1 }) { reviewsPerDay desiredRetention } }');
    expect(updateSchedulerSettings).toEqual({ reviewsPerDay: 1, desiredRetention: 0.9 });

    // Wednesday: the undone card (met Monday) and the one met Tuesday are both due; the cap lets one in, the oldest.
    const wednesday = await at('2026-03-04T09:00:30Z');
    expect(wednesday.map((item) => [item.kind, item.card?.front ?? item.lesson?.title])).toEqual([
      ['LESSON', 'Close the loop'],
      ['REVIEW', undone.card?.front],
    ]);
    const history = await acme.admin.ok<{ deliveries: { edges: { node: { id: string; status: string } }[] } }>(
      'query($p: ID) { deliveries(personId: $p, first: 20) { edges { node { id status } } } }',
      { p: learner.id },
    );
    expect(history.deliveries.edges.find((edge) => edge.node.id === undone.id)?.node.status).toBe('EXPIRED');
  });

  it("refuses to rate a lesson, another learner's review, or an expired one", async () => {
    const [lesson, review] = await dayOf(learner);
    expect(
      (
        await learner.client.error('mutation($id: ID!) { reviewCard(deliveryId: $id, rating: GOOD) { id } }', {
          id: lesson.id,
        })
      ).code,
    ).toBe('CONFLICT');
    expect(
      (
        await other.client.error('mutation($id: ID!) { reviewCard(deliveryId: $id, rating: GOOD) { id } }', {
          id: review.id,
        })
      ).code,
    ).toBe('NOT_FOUND');
    const tuesdayReviews = await learner.client.ok<{
      deliveries: { edges: { node: { id: string; status: string; kind: string } }[] };
    }>('{ deliveries(first: 20) { edges { node { id status kind } } } }');
    const expired = tuesdayReviews.deliveries.edges.find((edge) => edge.node.status === 'EXPIRED');
    expect(expired).toBeDefined();
    expect(
      (
        await learner.client.error('mutation($id: ID!) { reviewCard(deliveryId: $id, rating: GOOD) { id } }', {
          id: expired?.node.id,
        })
      ).code,
    ).toBe('CONFLICT');
  });

  it('lets an admin read and change the settings within their bounds', async () => {
    const bad = await acme.admin.error(
      'mutation { updateSchedulerSettings(input: { desiredRetention: 1.5 }) { reviewsPerDay } }',
    );
    expect(bad.code).toBe('BAD_USER_INPUT');
    expect(bad.extensions?.field).toBe('input.desiredRetention');
    await acme.admin.ok(
      'mutation { updateSchedulerSettings(input: { desiredRetention: 0.85, reviewsPerDay: 3 }) { reviewsPerDay } }',
    );
    expect((await acme.admin.ok('{ schedulerSettings { reviewsPerDay desiredRetention } }')).schedulerSettings).toEqual(
      {
        reviewsPerDay: 3,
        desiredRetention: 0.85,
      },
    );
    const forbidden = await learner.client.error(
      'mutation { updateSchedulerSettings(input: { reviewsPerDay: 9 }) { reviewsPerDay } }',
    );
    expect(forbidden.code).toBe('FORBIDDEN');
  });

  it("shows an admin the FSRS model in use: FSRS's defaults until a weekly fit adopts the organization's own", async () => {
    const { schedulerSettings } = await acme.admin.ok<{
      schedulerSettings: { memoryModel: { parameters: number[]; fittedBy: unknown; lastAttempt: unknown } };
    }>('{ schedulerSettings { memoryModel { parameters fittedBy { outcome } lastAttempt { outcome detail } } } }');
    expect(schedulerSettings.memoryModel.parameters).toHaveLength(21);
    expect(schedulerSettings.memoryModel.fittedBy).toBeNull();
    const forbidden = await learner.client.error('{ schedulerSettings { memoryModel { parameters } } }');
    expect(forbidden.code).toBe('FORBIDDEN');
  });

  it('keeps bringing reviews after the last lesson, on the learner’s workdays, within the cap', async () => {
    // Friday brings the fourth and last lesson; on Monday the track is behind Rae, her cards are not.
    expect((await at('2026-03-06T09:00:30Z')).map((item) => item.kind)).toContain('LESSON');
    expect(await at('2026-03-07T09:00:30Z')).toEqual([]);
    const monday = await at('2026-03-09T09:00:30Z');
    const { rows } = await withClient(stack.databaseUrl, (client) =>
      client.query<{ due: number }>(
        `SELECT count(*)::int AS due FROM scheduler.card_states WHERE person_id = $1 AND due < '2026-03-10T09:00:00Z'`,
        [learner.id],
      ),
    );
    expect(rows[0].due).toBeGreaterThan(0);
    expect(monday.map((item) => item.kind)).toEqual(Array.from({ length: Math.min(3, rows[0].due) }, () => 'REVIEW'));
    // Planning the same morning again adds nothing.
    expect(await at('2026-03-09T09:05:00Z')).toHaveLength(monday.length);
  });
});
