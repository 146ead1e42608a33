import { FSRSBindingItem, FSRSBindingReview } from '@open-spaced-repetition/binding';
import { ReviewRating } from './review-scheduler';

/** One rating of one card by one learner, as the optimizer reads it. */
export interface RatedReview {
  rating: ReviewRating;
  /** When it was rated, in days on any fixed origin (whole days apart are what FSRS counts). */
  day: number;
}

const GRADE: Record<ReviewRating, number> = {
  [ReviewRating.AGAIN]: 1,
  [ReviewRating.HARD]: 2,
  [ReviewRating.GOOD]: 3,
  [ReviewRating.EASY]: 4,
};

/**
 * The FSRS optimizer's training items from each card's ratings in order. A card's first rating is
 * its first learning for FSRS (elapsed 0), as `ReviewScheduler` treats it: the lesson that teaches
 * a card carries no rating. Every later rating is one item holding the history before it.
 */
export function fsrsTrainingItems(histories: Iterable<readonly RatedReview[]>): FSRSBindingItem[] {
  const items: FSRSBindingItem[] = [];
  for (const history of histories) {
    const reviews: FSRSBindingReview[] = [];
    history.forEach((review, index) => {
      const elapsed = index === 0 ? 0 : Math.max(0, Math.round(review.day - history[index - 1].day));
      reviews.push(new FSRSBindingReview(GRADE[review.rating], elapsed));
      if (index > 0) items.push(new FSRSBindingItem([...reviews]));
    });
  }
  return items;
}
