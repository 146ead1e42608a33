import { useEffect, useState } from 'preact/hooks';
import { request } from '../api/graphql-client';
import { LearnerHistoryDocument, type LearnerHistoryQuery } from '../graphql/generated/graphql';
import { language, t } from '../i18n/i18n';

type Entry = LearnerHistoryQuery['deliveries']['edges'][number]['node'];

/** What the learner was sent, newest first, and what became of each. */
export function HistoryScreen() {
  const [entries, setEntries] = useState<Entry[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    request(LearnerHistoryDocument, {})
      .then(({ deliveries }) => setEntries(deliveries.edges.map((edge) => edge.node)))
      .catch((error: Error) => setProblem(error.message));
  }, []);
  const date = new Intl.DateTimeFormat(language(), { dateStyle: 'medium' });
  return (
    <section aria-labelledby="history-title">
      <h1 id="history-title">{t('historyTitle')}</h1>
      {problem && (
        <p class="problem" role="alert">
          {problem}
        </p>
      )}
      {entries === null && !problem && <p>{t('loading')}</p>}
      {entries?.length === 0 && <p>{t('historyEmpty')}</p>}
      {entries && entries.length > 0 && (
        <ul class="history">
          {entries.map((entry) => (
            <li key={entry.id}>
              <span class="history-what">{entry.lesson?.title ?? entry.card?.front ?? t(`delivery${entry.kind}`)}</span>
              <span class="history-when">
                {t(`delivery${entry.kind}`)} · {date.format(new Date(entry.dueAt))}
              </span>
              <span class={`status status-${entry.status.toLowerCase()}`}>{t(`status${entry.status}`)}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
