import { useCallback, useEffect, useState } from 'preact/hooks';
import { ApiError, request } from '../api/graphql-client';
import {
  type AdminOverviewQuery,
  AdminOverviewDocument,
  type AnalyticsGroupBy,
  EnrollCohortDocument,
  LeaderReportCsvDocument,
  LearningAnalyticsCsvDocument,
  PublishTrackDocument,
  ReviseTrackDocument,
} from '../graphql/generated/graphql';
import { t } from '../i18n/i18n';
import type { MessageKey } from '../i18n/en';
import { PeopleImport } from './people-import';

/** A CSV the API gave, saved by the browser under `filename`. */
function saveCsv(csv: string, filename: string): void {
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.click();
  URL.revokeObjectURL(url);
}

const ANALYTICS_GROUPINGS: { groupBy: AnalyticsGroupBy; label: MessageKey }[] = [
  { groupBy: 'COHORT', label: 'analyticsByCohort' },
  { groupBy: 'TEAM', label: 'analyticsByTeam' },
  { groupBy: 'LEADER_SUBTREE', label: 'analyticsBySubtree' },
];

/** The HR admin's organization on one screen: tracks, people from CSV, cohorts, the leader report and analytics. Loaded only for admins. */
export default function AdminHome() {
  const [data, setData] = useState<AdminOverviewQuery | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [cohortId, setCohortId] = useState('');
  const [trackId, setTrackId] = useState('');
  const [groupBy, setGroupBy] = useState<AnalyticsGroupBy>('COHORT');
  const load = useCallback(() => {
    request(AdminOverviewDocument)
      .then(setData)
      .catch((error: Error) => setProblem(t('errorGeneric', { message: error.message })));
  }, []);
  useEffect(load, [load]);

  const act = async (work: () => Promise<string | null>) => {
    setProblem(null);
    setNotice(null);
    try {
      setNotice(await work());
      load();
    } catch (error) {
      setProblem(error instanceof ApiError ? error.message : String(error));
    }
  };
  const downloadReport = () =>
    act(async () => {
      const { leaderReportCsv } = await request(LeaderReportCsvDocument);
      saveCsv(leaderReportCsv, 'leader-report.csv');
      return null;
    });
  const downloadAnalytics = () =>
    act(async () => {
      const { learningAnalyticsCsv } = await request(LearningAnalyticsCsvDocument, { groupBy });
      saveCsv(learningAnalyticsCsv, `analytics-${groupBy.toLowerCase()}.csv`);
      return null;
    });

  if (!data) {
    return problem ? (
      <p class="problem" role="alert">
        {problem}
      </p>
    ) : (
      <p aria-busy="true">{t('loading')}</p>
    );
  }
  const tracks = data.tracks.edges.map((edge) => edge.node);
  const cohorts = data.cohorts.edges.map((edge) => edge.node);
  const report = data.leaderReport.edges.map((edge) => edge.node);
  return (
    <>
      <h1>{t('adminTitle')}</h1>
      {problem && (
        <p class="problem" role="alert">
          {problem}
        </p>
      )}
      {notice && (
        <p class="done" role="status">
          {notice}
        </p>
      )}
      <section class="card" aria-labelledby="tracks-title">
        <h2 id="tracks-title">{t('tracksTitle')}</h2>
        <ul class="history">
          {tracks.map((track) => (
            <li key={track.id}>
              <span class="history-what">{track.title}</span>
              <span class="history-when">
                {t(`trackStatus${track.status}`)} · {t('trackVersion', { version: track.version })}
                {track.draftVersion ? ` · ${t('trackDraft', { version: track.draftVersion })}` : ''}
              </span>
              <span class="status">
                {track.status === 'DRAFT' || track.draftVersion ? (
                  <button
                    type="button"
                    class="rating"
                    aria-label={`${t('publish')}: ${track.title}`}
                    onClick={() => act(async () => (await request(PublishTrackDocument, { id: track.id }), null))}
                  >
                    {t('publish')}
                  </button>
                ) : track.status === 'PUBLISHED' ? (
                  <button
                    type="button"
                    class="rating"
                    aria-label={`${t('revise')}: ${track.title}`}
                    onClick={() => act(async () => (await request(ReviseTrackDocument, { id: track.id }), null))}
                  >
                    {t('revise')}
                  </button>
                ) : null}
              </span>
            </li>
          ))}
        </ul>
      </section>
      <PeopleImport />
      <section class="card" aria-labelledby="cohorts-title">
        <h2 id="cohorts-title">{t('cohortsTitle')}</h2>
        {cohorts.length === 0 ? (
          <p>{t('cohortsEmpty')}</p>
        ) : (
          <form
            onSubmit={(event) => {
              event.preventDefault();
              void act(async () => {
                const { enrollCohort } = await request(EnrollCohortDocument, { cohortId, trackId });
                return t('enrolled', { date: enrollCohort.startsOn });
              });
            }}
          >
            <label class="field">
              <span>{t('enrollCohort')}</span>
              <select required value={cohortId} onChange={(e) => setCohortId((e.target as HTMLSelectElement).value)}>
                <option value="">—</option>
                {cohorts.map((cohort) => (
                  <option key={cohort.id} value={cohort.id}>
                    {cohort.name} ({cohort.timezone})
                  </option>
                ))}
              </select>
            </label>
            <label class="field">
              <span>{t('enrollTrack')}</span>
              <select required value={trackId} onChange={(e) => setTrackId((e.target as HTMLSelectElement).value)}>
                <option value="">—</option>
                {tracks
                  .filter((track) => track.status === 'PUBLISHED')
                  .map((track) => (
                    <option key={track.id} value={track.id}>
                      {track.title}
                    </option>
                  ))}
              </select>
            </label>
            <button type="submit" class="primary">
              {t('enroll')}
            </button>
          </form>
        )}
      </section>
      <section class="card" aria-labelledby="report-title">
        <h2 id="report-title">{t('reportTitle')}</h2>
        {report.length === 0 ? (
          <p>{t('reportEmpty')}</p>
        ) : (
          <div class="table-scroll" tabIndex={0} role="region" aria-label={t('reportTitle')}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('reportLeader')}</th>
                  <th scope="col">{t('reportTeam')}</th>
                  <th scope="col">{t('reportPrompts')}</th>
                  <th scope="col">{t('reportCompletion')}</th>
                  <th scope="col">{t('reportMoments')}</th>
                </tr>
              </thead>
              <tbody>
                {report.map((row) => (
                  <tr key={row.leader.id}>
                    <td>{row.leader.name}</td>
                    <td>{row.teamSize}</td>
                    <td>
                      {row.promptsDone} / {row.promptsSent}
                    </td>
                    <td>
                      {row.teamCompletion === null || row.teamCompletion === undefined
                        ? '—'
                        : `${Math.round(row.teamCompletion * 100)}%`}
                    </td>
                    <td>{row.coachingMomentsPerWeek.toFixed(1)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <button type="button" class="secondary" onClick={downloadReport}>
          {t('reportDownload')}
        </button>
      </section>
      <section class="card" aria-labelledby="analytics-title">
        <h2 id="analytics-title">{t('analyticsTitle')}</h2>
        <p>{t('analyticsWhat')}</p>
        <label class="field">
          <span>{t('analyticsGroupBy')}</span>
          <select
            value={groupBy}
            onChange={(e) => setGroupBy((e.target as HTMLSelectElement).value as AnalyticsGroupBy)}
          >
            {ANALYTICS_GROUPINGS.map((grouping) => (
              <option key={grouping.groupBy} value={grouping.groupBy}>
                {t(grouping.label)}
              </option>
            ))}
          </select>
        </label>
        <button type="button" class="secondary" onClick={downloadAnalytics}>
          {t('analyticsDownload')}
        </button>
      </section>
    </>
  );
}
