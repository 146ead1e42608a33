import { useState } from 'preact/hooks';
import { ApiError, request } from '../api/graphql-client';
import { AnswerQuestionReviewDocument } from '../graphql/generated/graphql';
import { t } from '../i18n/i18n';

/**
 * A question the learner once got wrong, back as a review: answered again, not self-rated, and
 * told why, as in the lesson.
 */
export function QuestionReview(props: {
  deliveryId: string;
  question: { id: string; prompt: string; choices: string[] };
  done: boolean;
}) {
  const [choice, setChoice] = useState<number | null>(null);
  const [feedback, setFeedback] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const answered = props.done || feedback !== null;

  const check = async () => {
    if (choice === null) return setProblem(t('chooseAnAnswer'));
    setProblem(null);
    try {
      const { answerReview } = await request(AnswerQuestionReviewDocument, { deliveryId: props.deliveryId, choice });
      setFeedback(answerReview.feedback[0] ?? '');
    } catch (error) {
      setProblem(error instanceof ApiError ? error.message : t('errorGeneric', { message: String(error) }));
    }
  };

  return (
    <section class="card review">
      <p class="eyebrow">{t('questionReviewHint')}</p>
      <fieldset class="question" disabled={answered}>
        <legend>{props.question.prompt}</legend>
        {props.question.choices.map((text, index) => (
          <label class={`choice${choice === index ? ' chosen' : ''}`} key={index}>
            <input
              type="radio"
              name={`review-${props.deliveryId}`}
              checked={choice === index}
              onChange={() => setChoice(index)}
            />
            <span>{text}</span>
          </label>
        ))}
      </fieldset>
      {!answered && (
        <button type="button" class="primary" onClick={check}>
          {t('checkAnswer')}
        </button>
      )}
      {feedback !== null && (
        <p class="feedback" role="status">
          {feedback}
        </p>
      )}
      {props.done && feedback === null && (
        <p class="done" role="status">
          ✓ {t('lessonDone')}
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
