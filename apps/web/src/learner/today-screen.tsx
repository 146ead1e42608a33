import { useState } from 'preact/hooks';
import type { LearnerTodayQuery } from '../graphql/generated/graphql';
import { t } from '../i18n/i18n';
import { isPending } from './completion-outbox';
import { LessonView } from './lesson-view';
import { PulseCard } from './pulse-card';
import { QuestionReview } from './question-review';
import { ReviewCard } from './review-card';

type Today = LearnerTodayQuery['today'];
type Delivery = Today['items'][number];

/**
 * The learner's first screen: today's lesson one tap away, then the day's reviews, their streak,
 * what their leader noticed and this week's pulse.
 */
export function TodayScreen({ today, name, onChanged }: { today: Today; name: string; onChanged: () => void }) {
  const [open, setOpen] = useState<Delivery | null>(null);
  if (open?.lesson) {
    return (
      <LessonView
        deliveryId={open.id}
        lesson={open.lesson}
        onDone={() => {
          setOpen(null);
          onChanged();
        }}
      />
    );
  }
  const lessons = today.items.flatMap((item) =>
    (item.kind === 'LESSON' || item.kind === 'NUDGE') && item.lesson ? [{ item, lesson: item.lesson }] : [],
  );
  const reviews = today.items.filter((item) => item.kind === 'REVIEW' && (item.card || item.question));
  return (
    <>
      <header class="today-header">
        <h1>{t('greeting', { name: name.split(' ')[0] })}</h1>
        <p class="streak">
          <FlameIcon /> {today.streak > 0 ? t('streak', { count: today.streak }) : t('streakNone')}
        </p>
      </header>
      {lessons.length === 0 && reviews.length === 0 && <p class="card empty">{t('nothingToday')}</p>}
      {lessons.map(({ item, lesson }) => {
        const done = item.status === 'COMPLETED';
        const waiting = !done && isPending(item.id);
        return (
          <section class={`card lesson-card${done ? ' done' : ''}`} key={item.id}>
            <p class="eyebrow">
              {t(`kind${lesson.kind}`)} · {t('lessonMinutes', { minutes: lesson.minutes })}
            </p>
            <h2>{lesson.title}</h2>
            {done ? (
              <p class="done">✓ {t('lessonDone')}</p>
            ) : waiting ? (
              <p class="notice">{t('savedOffline')}</p>
            ) : (
              <button
                type="button"
                class="primary"
                aria-label={`${t('startLesson')}: ${lesson.title}`}
                onClick={() => setOpen(item)}
              >
                {t('startLesson')}
              </button>
            )}
          </section>
        );
      })}
      {reviews.length > 0 && (
        <section aria-labelledby="reviews-title">
          <h2 id="reviews-title" class="section-title">
            {t('reviewsTitle')}
          </h2>
          {reviews.map((item) =>
            item.question ? (
              <QuestionReview
                key={item.id}
                deliveryId={item.id}
                question={item.question}
                done={item.status === 'COMPLETED'}
              />
            ) : item.card ? (
              <ReviewCard
                key={item.id}
                deliveryId={item.id}
                front={item.card.front}
                back={item.card.back}
                rating={item.rating ?? null}
              />
            ) : null,
          )}
        </section>
      )}
      {today.recognitions.length > 0 && (
        <section aria-labelledby="recognitions-title">
          <h2 id="recognitions-title" class="section-title">
            {t('recognitionsTitle')}
          </h2>
          {today.recognitions.map((moment) => (
            <blockquote class="card recognition" key={moment.id}>
              <p class="eyebrow">{t('recognitionFrom', { leader: moment.leader.name })}</p>
              <p>{moment.whatHappened}</p>
            </blockquote>
          ))}
        </section>
      )}
      {today.pulse && <PulseCard question={today.pulse.question} />}
    </>
  );
}

/** Drawn rather than an emoji, which a phone without the emoji font shows as a box. */
function FlameIcon() {
  return (
    <svg class="icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
      <path
        fill="currentColor"
        d="M12 2c-1 4-5 6-5 11a5 5 0 0 0 10 0c0-2-1-4-2-5 0 2-1 3-2 3 1-3 0-6-1-9zm0 18a2.5 2.5 0 0 1-2.5-2.5c0-1.6 1.4-2.7 2.5-4.5 1.1 1.8 2.5 2.9 2.5 4.5A2.5 2.5 0 0 1 12 20z"
      />
    </svg>
  );
}
