import { useState } from 'preact/hooks';
import { ApiError } from '../api/graphql-client';
import type { CompleteLessonMutation, LearnerTodayQuery } from '../graphql/generated/graphql';
import { t } from '../i18n/i18n';
import { completeLesson } from './completion-outbox';
import { Markdown } from './markdown';

type Delivery = LearnerTodayQuery['today']['items'][number];
type Lesson = NonNullable<Delivery['lesson']>;
type Result = CompleteLessonMutation['completeLesson'];

/** One lesson, read and done in a few minutes: READ, SCENARIO and QUIZ with each chosen answer's feedback, REFLECTION. */
export function LessonView({ deliveryId, lesson, onDone }: { deliveryId: string; lesson: Lesson; onDone: () => void }) {
  const [answers, setAnswers] = useState<(number | undefined)[]>(() => lesson.questions.map(() => undefined));
  const [reflection, setReflection] = useState('');
  const [result, setResult] = useState<Result | null>(null);
  const [kept, setKept] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const finished = result !== null || kept;

  const send = async () => {
    setProblem(null);
    const input =
      lesson.kind === 'REFLECTION'
        ? { reflection }
        : lesson.kind === 'READ'
          ? {}
          : { answers: answers.map((answer) => answer ?? -1) };
    if ((lesson.kind === 'QUIZ' || lesson.kind === 'SCENARIO') && answers.some((answer) => answer === undefined)) {
      setProblem(t('chooseEveryQuestion'));
      return;
    }
    setSending(true);
    try {
      const outcome = await completeLesson(deliveryId, input);
      if ('sent' in outcome) setResult(outcome.sent);
      else setKept(true);
    } catch (error) {
      setProblem(error instanceof ApiError ? error.message : String(error));
    } finally {
      setSending(false);
    }
  };

  return (
    <article class="lesson" aria-labelledby="lesson-title">
      <p class="eyebrow">
        {t(`kind${lesson.kind}`)} · {t('lessonMinutes', { minutes: lesson.minutes })}
      </p>
      <h1 id="lesson-title">{lesson.title}</h1>
      <Markdown source={lesson.body} />
      {lesson.questions.map((question, index) => (
        <fieldset class="question" key={question.id} disabled={finished}>
          <legend>{question.prompt}</legend>
          {question.choices.map((choice, choiceIndex) => (
            <label class={`choice${answers[index] === choiceIndex ? ' chosen' : ''}`} key={choiceIndex}>
              <input
                type="radio"
                name={`question-${question.id}`}
                checked={answers[index] === choiceIndex}
                onChange={() => setAnswers((now) => now.map((answer, at) => (at === index ? choiceIndex : answer)))}
              />
              <span>{choice}</span>
              {finished && answers[index] === choiceIndex && <span class="tag">{t('yourChoice')}</span>}
            </label>
          ))}
          {result && result.feedback[index] && (
            <p class="feedback" role="status">
              {result.feedback[index]}
            </p>
          )}
        </fieldset>
      ))}
      {lesson.kind === 'REFLECTION' && (
        <label class="field">
          <span>{t('reflectionLabel')}</span>
          <textarea
            rows={4}
            maxLength={1000}
            value={reflection}
            disabled={finished}
            onInput={(event) => setReflection((event.target as HTMLTextAreaElement).value)}
          />
        </label>
      )}
      {problem && (
        <p class="problem" role="alert">
          {problem}
        </p>
      )}
      {result && result.total > 0 && (
        <p class="score" role="status">
          {t('score', { correct: result.correct, total: result.total })}
        </p>
      )}
      {kept && (
        <p class="notice" role="status">
          {t('savedOffline')}
        </p>
      )}
      {finished ? (
        <button class="primary" type="button" onClick={onDone}>
          {t('backToToday')}
        </button>
      ) : (
        <button class="primary" type="button" onClick={send} disabled={sending}>
          {lesson.kind === 'READ'
            ? t('markRead')
            : lesson.kind === 'REFLECTION'
              ? t('saveReflection')
              : t('checkAnswers')}
        </button>
      )}
    </article>
  );
}
