import { useState } from 'preact/hooks';
import { ApiError, request } from '../api/graphql-client';
import { AnswerPulseDocument } from '../graphql/generated/graphql';
import { t } from '../i18n/i18n';

/** This week's one-question pulse: a score from 1 to 5 and an optional comment. */
export function PulseCard({ question }: { question: string }) {
  const [score, setScore] = useState<number | null>(null);
  const [comment, setComment] = useState('');
  const [answered, setAnswered] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  if (answered) {
    return (
      <section class="card pulse" aria-labelledby="pulse-title">
        <h2 id="pulse-title">{t('pulseTitle')}</h2>
        <p role="status">{t('pulseThanks')}</p>
      </section>
    );
  }
  const send = async () => {
    if (score === null) return;
    try {
      await request(AnswerPulseDocument, { input: { score, comment: comment.trim() || null } });
      setAnswered(true);
    } catch (error) {
      setProblem(error instanceof ApiError ? error.message : String(error));
    }
  };
  return (
    <section class="card pulse" aria-labelledby="pulse-title">
      <h2 id="pulse-title">{t('pulseTitle')}</h2>
      <fieldset>
        <legend>{question}</legend>
        <div class="scale">
          {[1, 2, 3, 4, 5].map((value) => (
            <label class={`score-choice${score === value ? ' chosen' : ''}`} key={value}>
              <input type="radio" name="pulse" checked={score === value} onChange={() => setScore(value)} />
              <span>{value}</span>
            </label>
          ))}
        </div>
        <p class="scale-ends">
          <span>1 · {t('pulseLow')}</span>
          <span>5 · {t('pulseHigh')}</span>
        </p>
      </fieldset>
      <label class="field">
        <span>{t('pulseComment')}</span>
        <textarea
          rows={2}
          maxLength={500}
          value={comment}
          onInput={(e) => setComment((e.target as HTMLTextAreaElement).value)}
        />
      </label>
      {problem && (
        <p class="problem" role="alert">
          {problem}
        </p>
      )}
      <button type="button" class="primary" disabled={score === null} onClick={send}>
        {t('pulseSend')}
      </button>
    </section>
  );
}
