import { useCallback, useEffect, useState } from 'preact/hooks';
import { ApiError, OfflineError, request } from '../api/graphql-client';
import { LearnerTodayDocument, type LearnerTodayQuery } from '../graphql/generated/graphql';
import { chooseLanguage, t } from '../i18n/i18n';
import { HistoryScreen } from '../learner/history-screen';
import { TodayScreen } from '../learner/today-screen';

/** The learner's screens: today (the first one) and their history. */
export function LearnerHome({ route }: { route: string }) {
  const [data, setData] = useState<LearnerTodayQuery | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const load = useCallback(() => {
    request(LearnerTodayDocument)
      .then((loaded) => {
        chooseLanguage(loaded.me.locale);
        setProblem(null);
        setData(loaded);
      })
      .catch((error: Error) => {
        if (error instanceof ApiError && error.code === 'UNAUTHENTICATED') return;
        setProblem(error instanceof OfflineError ? t('offlineBanner') : t('errorGeneric', { message: error.message }));
      });
  }, []);
  useEffect(load, [load]);

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
