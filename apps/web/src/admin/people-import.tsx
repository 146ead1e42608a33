import { useState } from 'preact/hooks';
import { ApiError, request } from '../api/graphql-client';
import { ImportPeopleDocument, type ImportPeopleMutation } from '../graphql/generated/graphql';
import { t } from '../i18n/i18n';

type Report = ImportPeopleMutation['importPeople'];

/** People from the HRIS's CSV: a dry run shows every row's outcome and each refusal's reason, then the import. */
export function PeopleImport() {
  const [csv, setCsv] = useState('');
  const [report, setReport] = useState<Report | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const run = async (dryRun: boolean) => {
    setProblem(null);
    try {
      const { importPeople } = await request(ImportPeopleDocument, { input: { csv, dryRun } });
      setReport(importPeople);
    } catch (error) {
      setProblem(error instanceof ApiError ? error.message : String(error));
    }
  };
  const refused = report?.rows.filter((row) => row.action === 'REFUSE') ?? [];

  return (
    <section class="card" aria-labelledby="import-title">
      <h2 id="import-title">{t('importTitle')}</h2>
      <p class="hint">{t('importIntro')}</p>
      <label class="field">
        <span>{t('importFile')}</span>
        <input
          type="file"
          accept=".csv,text/csv"
          onChange={async (event) => {
            const file = (event.target as HTMLInputElement).files?.[0];
            if (file) setCsv(await file.text());
            setReport(null);
          }}
        />
      </label>
      <label class="field">
        <span>{t('importText')}</span>
        <textarea
          rows={6}
          class="mono"
          value={csv}
          onInput={(event) => {
            setCsv((event.target as HTMLTextAreaElement).value);
            setReport(null);
          }}
        />
      </label>
      {problem && (
        <p class="problem" role="alert">
          {problem}
        </p>
      )}
      <div class="button-row">
        <button type="button" class="secondary" disabled={csv.trim() === ''} onClick={() => run(true)}>
          {t('importPreview')}
        </button>
        <button type="button" class="primary" disabled={!report?.dryRun} onClick={() => run(false)}>
          {t('importRun')}
        </button>
      </div>
      {report && (
        <div role="status">
          <p>
            {!report.dryRun && <strong>{t('importDone')} </strong>}
            {t('importSummary', {
              created: report.created,
              updated: report.updated,
              deactivated: report.deactivated,
              reactivated: report.reactivated,
              unchanged: report.unchanged,
              refused: report.refused,
            })}
          </p>
          {refused.length > 0 && (
            <div class="table-scroll" tabIndex={0} role="region" aria-label={t('importRefusedRows')}>
              <table>
                <caption>{t('importRefusedRows')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('importLine')}</th>
                    <th scope="col">{t('importEmail')}</th>
                    <th scope="col">{t('importColumn')}</th>
                    <th scope="col">{t('importReason')}</th>
                  </tr>
                </thead>
                <tbody>
                  {refused.map((row) => (
                    <tr key={row.line}>
                      <td>{row.line}</td>
                      <td>{row.email ?? '—'}</td>
                      <td>{row.column ?? '—'}</td>
                      <td>{row.reason}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </div>
      )}
    </section>
  );
}
