import { useState } from 'preact/hooks';
import { ApiError, request } from '../api/graphql-client';
import { type LeaderWeekQuery, RespondToPromptDocument } from '../graphql/generated/graphql';
import { t } from '../i18n/i18n';

type PromptDelivery = LeaderWeekQuery['today']['items'][number];

/** This week's conversation prompt: the question, its themes, the team's snapshot, and the answer done or skipped. */
export function PromptCard({ delivery }: { delivery: PromptDelivery }) {
  const [response, setResponse] = useState(delivery.response ?? null);
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const week = delivery.leaderPrompt;

  const respond = async (done: boolean) => {
    setProblem(null);
    try {
      const { respondToPrompt } = await request(RespondToPromptDocument, {
        deliveryId: delivery.id,
        input: { done, note: note.trim() || null },
      });
      setResponse(respondToPrompt.response ?? null);
    } catch (error) {
      setProblem(error instanceof ApiError ? error.message : String(error));
    }
  };

  return (
    <section class="card" aria-labelledby="prompt-title">
      {week && <p class="eyebrow">{t('weekNumber', { week: week.week })}</p>}
      <h2 id="prompt-title">{t('askYourTeam')}</h2>
      <p class="question-big">{delivery.prompt}</p>
      {week && (
        <>
          {week.themes.length > 0 && (
            <>
              <h3>{t('themesTitle')}</h3>
              <ul>
                {week.themes.map((theme) => (
                  <li key={theme.title}>
                    <strong>{theme.title}</strong>
                    {theme.question && <span> — {theme.question}</span>}
                    {theme.listenFor && <p class="hint">{t('listenFor', { text: theme.listenFor })}</p>}
                  </li>
                ))}
              </ul>
            </>
          )}
          <h3>{t('behindTitle')}</h3>
          {week.team.filter((member) => member.behind).length === 0 && week.notStarted.length === 0 ? (
            <p>{t('nobodyBehind')}</p>
          ) : (
            <ul>
              {week.team
                .filter((member) => member.behind)
                .map((member) => (
                  <li key={member.person.id}>
                    {member.person.name}:{' '}
                    {t('lessonsDoneOf', { done: member.lessonsCompleted, received: member.lessonsReceived })}
                  </li>
                ))}
              {week.notStarted.map((person) => (
                <li key={person.id}>
                  {person.name}: {t('notStartedTitle')}
                </li>
              ))}
            </ul>
          )}
          {week.mostMissedQuestion?.question && (
            <p class="notice">
              {t('mostMissed', {
                question: week.mostMissedQuestion.question,
                missed: week.mostMissedQuestion.missed,
                answered: week.mostMissedQuestion.answered,
              })}
            </p>
          )}
          <h3>{t('openerTitle')}</h3>
          <p>{week.opener.text}</p>
          {week.previousNote && <p class="hint">{t('lastWeekNote', { note: week.previousNote.note })}</p>}
        </>
      )}
      {response ? (
        <p class="done" role="status">
          {response.done ? t('respondedDone') : t('respondedSkipped')}
          {response.note && <span class="hint"> “{response.note}”</span>}
        </p>
      ) : (
        <>
          <label class="field">
            <span>{t('responseNote')}</span>
            <textarea
              rows={3}
              maxLength={2000}
              value={note}
              onInput={(event) => setNote((event.target as HTMLTextAreaElement).value)}
            />
          </label>
          {problem && (
            <p class="problem" role="alert">
              {problem}
            </p>
          )}
          <div class="button-row">
            <button type="button" class="primary" onClick={() => respond(true)}>
              {t('respondDone')}
            </button>
            <button type="button" class="secondary" onClick={() => respond(false)}>
              {t('respondSkip')}
            </button>
          </div>
        </>
      )}
    </section>
  );
}
