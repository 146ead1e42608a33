import { seededRandom } from '../learning-simulation/synthetic-memory';
import { CardMemory, ReviewRating, ReviewScheduler } from './review-scheduler';

const DAY_MS = 24 * 60 * 60_000;

interface Simulation {
  /** Share of reviews of already-learned cards the synthetic learners recalled. */
  recall: number;
  reviews: number;
}

/**
 * Synthetic learners whose memory follows the FSRS model: at each review the
 * chance to recall a card is the model's retrievability at that moment. Over
 * twelve weeks of Monday-to-Friday lessons at 09:00, half the lessons bring a
 * card (the lesson itself is the first exposure: 95% recall it the next day);
 * each bundle holds the cards due before the next bundle, earliest first, at
 * most `reviewsPerDay`, which is what the planner selects. Reviews come at most
 * once a day, so a card the learner just failed (FSRS stability of hours) is
 * seen the next day below the target; the rest keep the average within reach.
 */
function simulate(desiredRetention: number, reviewsPerDay: number, seed: number): Simulation {
  const random = seededRandom(seed);
  const scheduler = new ReviewScheduler(desiredRetention);
  const start = Date.parse('2026-01-05T09:00:00Z'); // a Monday
  let recalled = 0;
  let reviews = 0;
  for (let learner = 0; learner < 200; learner++) {
    const cards: CardMemory[] = [];
    for (let day = 0; day < 120; day++) {
      const at = new Date(start + day * DAY_MS);
      if (day % 7 >= 5) continue; // Saturday and Sunday
      let nextDay = day + 1;
      while (nextDay % 7 >= 5) nextDay++;
      const nextBundle = start + nextDay * DAY_MS;
      const due = cards
        .map((card, index) => ({ card, index }))
        .filter(({ card }) => card.due.getTime() < nextBundle)
        .sort((a, b) => a.card.due.getTime() - b.card.due.getTime())
        .slice(0, reviewsPerDay);
      for (const { card, index } of due) {
        const isFirst = card.lastReview === null;
        const remembers = isFirst ? random() < 0.95 : random() < scheduler.recallProbability(card, at);
        if (!isFirst) {
          reviews++;
          if (remembers) recalled++;
        }
        const rating = !remembers ? ReviewRating.AGAIN : random() < 0.15 ? ReviewRating.HARD : ReviewRating.GOOD;
        cards[index] = scheduler.review(card, at, rating);
      }
      if (day < 60 && random() < 0.5) cards.push(ReviewScheduler.newCard(at));
    }
  }
  return { recall: recalled / reviews, reviews };
}

describe('ReviewScheduler (FSRS)', () => {
  it.each([0.9, 0.85])(
    'keeps the recall measured at review time within 3 points of a desired retention of %s',
    (target) => {
      const { recall, reviews } = simulate(target, 3, 20261123);
      expect(reviews).toBeGreaterThan(5_000);
      expect(Math.abs(recall - target)).toBeLessThanOrEqual(0.03);
    },
  );

  it('schedules a card further out after GOOD than after AGAIN, and further at a lower retention', () => {
    const met = new Date('2026-03-02T09:00:00Z');
    const firstReview = new Date('2026-03-03T09:00:00Z');
    const strict = new ReviewScheduler(0.9);
    const relaxed = new ReviewScheduler(0.8);
    const good = strict.review(ReviewScheduler.newCard(met), firstReview, ReviewRating.GOOD);
    const again = strict.review(ReviewScheduler.newCard(met), firstReview, ReviewRating.AGAIN);
    const relaxedGood = relaxed.review(ReviewScheduler.newCard(met), firstReview, ReviewRating.GOOD);
    expect(good.stability).toBeGreaterThan(again.stability);
    expect(good.due.getTime()).toBeGreaterThan(again.due.getTime());
    expect(relaxedGood.due.getTime()).toBeGreaterThan(good.due.getTime());
    expect(good.due.getTime() - firstReview.getTime()).toBeGreaterThanOrEqual(DAY_MS);
    expect(good.reps).toBe(1);
  });

  it('counts a new card as not yet learned', () => {
    const card = ReviewScheduler.newCard(new Date('2026-03-02T09:00:00Z'));
    expect(new ReviewScheduler(0.9).recallProbability(card, new Date('2026-03-03T09:00:00Z'))).toBe(0);
  });
});
