import { useState } from 'preact/hooks';
import { ApiError, request } from '../api/graphql-client';
import { RateReviewCardDocument, type ReviewRating } from '../graphql/generated/graphql';
import { t } from '../i18n/i18n';

const RATINGS: ReviewRating[] = ['AGAIN', 'HARD', 'GOOD', 'EASY'];

/** A spaced review: the front, then the back on a tap, then one of the four ratings. */
export function ReviewCard(props: { deliveryId: string; front: string; back: string; rating: ReviewRating | null }) {
  const [shown, setShown] = useState(props.rating !== null);
  const [rating, setRating] = useState<ReviewRating | null>(props.rating);
  const [problem, setProblem] = useState<string | null>(null);

  const rate = async (chosen: ReviewRating) => {
    setProblem(null);
    try {
      const { reviewCard } = await request(RateReviewCardDocument, { deliveryId: props.deliveryId, rating: chosen });
      setRating(reviewCard.rating ?? chosen);
    } catch (error) {
      setProblem(error instanceof ApiError ? error.message : t('errorGeneric', { message: String(error) }));
    }
  };

  return (
    <section class="card review">
      <p class="front">{props.front}</p>
      {shown ? <p class="back">{props.back}</p> : null}
      {!shown && (
        <button type="button" class="secondary" onClick={() => setShown(true)}>
          {t('showAnswer')}
        </button>
      )}
      {shown && rating === null && (
        <div role="group" aria-label={t('rateRecall')}>
          <p class="hint">{t('rateRecall')}</p>
          <div class="ratings">
            {RATINGS.map((each) => (
              <button type="button" class="rating" key={each} onClick={() => rate(each)}>
                {t(`rating${each}`)}
              </button>
            ))}
          </div>
        </div>
      )}
      {rating !== null && (
        <p class="done" role="status">
          {t('reviewRated', { rating: t(`rating${rating}`) })}
        </p>
      )}
      {problem && (
        <p class="problem" role="alert">
          {problem}
        </p>
      )}
    </section>
  );
}
