/**
 * The ground truth of the learning simulation: how synthetic learners really remember, written so
 * that no scheduler under test shares its model. FSRS models one memory per card with a decay
 * shared by every learner; here each learner has their own ability and their own forgetting
 * exponent, each card its own difficulty, the gain of a review depends on how hard the recall was
 * (the spacing effect) with noise on top, and a learner who knows the answer still slips now and
 * then. docs/ARCHITECTURE.md "Spaced reviews" says what the simulation is for.
 */

/** mulberry32: a small seeded generator, so a simulation gives the same answer on every run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A standard normal draw (Box-Muller). */
export function normal(random: () => number): number {
  const u = Math.max(random(), Number.EPSILON);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

export interface SyntheticLearner {
  /** Log-scale head start on every card: above 0 remembers longer. */
  ability: number;
  /** The exponent of this learner's power-law forgetting (0.3 flat to 1.0 steep). */
  forgetting: number;
}

export interface SyntheticCard {
  /** Log-scale handicap of the card for every learner: above 0 is forgotten sooner. */
  difficulty: number;
}

/** Chance that a learner who remembers answers wrong anyway. */
const SLIP = 0.03;
/** How much a successful recall strengthens memory when the recall was hard (the spacing effect). */
const SPACING_GAIN = 7.5;

/** One learner's true memory of one card: its strength in days and the day it was last exposed. */
export class TrueMemory {
  private constructor(
    /** What the lesson left: relearning after a lapse is never worse (Ebbinghaus's savings). */
    private readonly learned: number,
    private strength: number,
    private lastExposure: number,
  ) {}

  /** The lesson that teaches the card: strong enough that most learners recall it the next day. */
  static learnedAt(day: number, learner: SyntheticLearner, card: SyntheticCard, random: () => number): TrueMemory {
    const strength = 5 * Math.exp(learner.ability - card.difficulty + 0.3 * normal(random));
    return new TrueMemory(strength, strength, day);
  }

  /** The true chance of recall on `day`. */
  recallProbability(day: number, learner: SyntheticLearner): number {
    return Math.pow(1 + (day - this.lastExposure) / this.strength, -learner.forgetting);
  }

  /**
   * A review on `day`: whether the learner answers right, and how it changes their memory. A
   * recall strengthens memory the more, the harder it was; a lapse loses most of it, but seeing the
   * answer again leaves at least what the lesson did. A slip is answered wrong, but the memory was retrieved, so it grows as a recall.
   */
  review(
    day: number,
    learner: SyntheticLearner,
    card: SyntheticCard,
    random: () => number,
  ): { correct: boolean; recall: number } {
    const recall = this.recallProbability(day, learner);
    const remembers = random() < recall;
    const noise = Math.exp(0.25 * normal(random));
    if (remembers) {
      const ease = Math.exp(0.5 * (learner.ability - card.difficulty));
      this.strength *= (1 + SPACING_GAIN * ease * Math.pow(1 - recall, 0.7)) * noise;
    } else {
      this.strength = Math.max(this.learned, this.strength * 0.35) * noise;
    }
    this.lastExposure = day;
    return { correct: remembers && random() >= SLIP, recall };
  }
}

export function syntheticLearner(random: () => number): SyntheticLearner {
  return { ability: 0.5 * normal(random), forgetting: 0.3 + 0.7 * random() };
}

export function syntheticCard(random: () => number): SyntheticCard {
  return { difficulty: 0.6 * normal(random) };
}
