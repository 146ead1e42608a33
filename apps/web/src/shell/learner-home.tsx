import { useCallback, useEffect, useState } from 'preact/hooks';
import { ApiError, OfflineError, request } from '../api/graphql-client';
import { LearnerTodayDocument, type LearnerTodayQuery } from '../graphql/generated/graphql';
import { chooseLanguage, t } from '../i18n/i18n';
import { flushPendingCompletions, pendingCompletions } from '../learner/completion-outbox';
import { HistoryScreen } from '../learner/history-screen';
import { TodayScreen } from '../learner/today-screen';
import { cachedToday, keepToday } from '../learner/today-cache';
import { useOnline } from './use-online';

/** The learner's screens: today (the first one) and their history. */
export function LearnerHome({ route }: { route: string }) {
  const [data, setData] = useState<LearnerTodayQuery | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const online = useOnline();
  const load = useCallback(() => {
    request(LearnerTodayDocument)
      .then((loaded) => {
        // The API answers, so the connection is up: anything still waiting goes now.
        if (pendingCompletions() > 0) {
          flushPendingCompletions()
            .then((sent) => sent > 0 && load())
            .catch(() => undefined);
        }
        keepToday(loaded);
        chooseLanguage(loaded.me.locale);
        setProblem(null);
        setData(loaded);
      })
      .catch((error: Error) => {
        if (error instanceof ApiError && error.code === 'UNAUTHENTICATED') return;
        const kept = error instanceof OfflineError ? cachedToday() : null;
        if (kept) {
          chooseLanguage(kept.me.locale);
          setData(kept);
          return;
        }
        setProblem(error instanceof OfflineError ? t('offlineBanner') : t('errorGeneric', { message: error.message }));
      });
  }, []);
  // What was completed offline goes out first, once, whenever the connection is (back) up.
  useEffect(() => {
    if (!online) return load();
    flushPendingCompletions()
      .catch(() => 0)
      .then(load);
  }, [online, load]);

  if (route === '/history') return <HistoryScreen />;
  if (!data) {
    return problem ? (
      <div class="card">
        <p role="alert">{problem}</p>
        <button type="button" class="secondary" onClick={load}>
          {t('retry')}
        </button>
      </div>
    ) : (
      <p aria-busy="true">{t('loading')}</p>
    );
  }
  return <TodayScreen today={data.today} name={data.me.name} onChanged={load} />;
}
