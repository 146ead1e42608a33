import type { GraphQLResolveInfo } from 'graphql';
import { readableLocale } from '@tend/graphql';
import type { PublishedLessonTranslation, PublishedQuestion, PublishedReviewCard } from '@tend/events';
import type { ProjectedLessonKind } from '../projections/track-lesson.entity';
import { LessonKind, LessonReference, ReviewCardReference } from './federated-references';
import type { ReviewQuestion } from './review-question.type';

/** A published lesson's learner-facing text in every locale, as `scheduler.track_lessons` keeps it. */
export interface LessonText {
  lessonId: string;
  title: string;
  kind: ProjectedLessonKind;
  minutes: number;
  /** Null for a version whose event did not carry it yet (content publishes it again at start). */
  body: string | null;
  questions: PublishedQuestion[];
  reviewCards: PublishedReviewCard[];
  translations: PublishedLessonTranslation[] | null;
}

/** The columns of `scheduler.track_lessons` a `LessonText` is read from, as a JSON object of `tl`. */
export const LESSON_TEXT_JSON = `json_build_object('lessonId', tl.lesson_id, 'title', tl.title, 'kind', tl.kind,
  'minutes', tl.minutes, 'body', tl.body, 'questions', tl.questions, 'reviewCards', tl.review_cards,
  'translations', tl.translations)`;

/**
 * A delivered lesson as its reader reads it: the translation that reads best for their locale,
 * else the default text, as content serves it for the same reference.
 */
export function lessonAsRead(
  lessonId: string,
  readerLocale: string | null,
  text: LessonText | undefined,
): LessonReference {
  if (!text || text.body === null) {
    // Only in the seconds after an upgrade, before content's republished events arrive.
    throw new Error(`the text of lesson ${lessonId} has not reached the scheduler yet`);
  }
  const served = readerLocale
    ? readableLocale(
        readerLocale,
        (text.translations ?? []).map((translation) => translation.locale),
      )
    : undefined;
  const translation = served ? text.translations?.find((each) => each.locale === served) : undefined;
  return {
    id: lessonId,
    readerLocale,
    title: translation?.title ?? text.title,
    body: translation?.body ?? text.body,
    minutes: text.minutes,
    kind: text.kind as LessonKind,
    questions: text.questions.map((question, index) => ({
      id: question.questionId,
      prompt: translation?.questions[index]?.prompt ?? question.prompt ?? '',
      choices: translation?.questions[index]?.choices ?? question.choices,
    })),
  };
}

/** A question review's question, as its reader reads the lesson it is from. */
export function questionOf(
  questionId: string,
  lessonId: string,
  readerLocale: string | null,
  text: LessonText | undefined,
): ReviewQuestion {
  const question = lessonAsRead(lessonId, readerLocale, text).questions?.find((each) => each.id === questionId);
  if (!question) throw new Error(`question ${questionId} is not among its lesson's questions here`);
  return question;
}

/** A due review's card, from the projection of the lesson that brought it. */
export function cardOf(cardId: string, text: LessonText | undefined): ReviewCardReference {
  const card = text?.reviewCards.find((each) => each.cardId === cardId);
  if (!card) throw new Error(`review card ${cardId} is not among its lesson's cards here`);
  return { id: cardId, front: card.front, back: card.back };
}

const REFERENCE_FIELDS = new Set(['__typename', 'id', 'readerLocale']);

/** Whether the gateway asked this field for more of the lesson or card than its reference. */
export function asksForProvidedFields(info: GraphQLResolveInfo): boolean {
  return info.fieldNodes.some((node) =>
    (node.selectionSet?.selections ?? []).some(
      (selection) => selection.kind !== 'Field' || !REFERENCE_FIELDS.has(selection.name.value),
    ),
  );
}
