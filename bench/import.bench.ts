// `npm run bench -- import`: 50,000 people imported from one CSV through the import service, beside a
// bare Postgres COPY of the same rows into a table without constraints, measured in the same run.
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { DataSource } from 'typeorm';
import { SystemClock } from '@tend/clock';
import { applyDatabaseScopes, runInOrganization, runServiceMigrations, scopeStatement } from '@tend/database';
import { CohortRuleService } from '../apps/cohorts/src/cohort-rules/cohort-rule.service';
import { cohortsDataSourceOptions } from '../apps/cohorts/src/cohorts.data-source';
import { PeopleImportService } from '../apps/cohorts/src/people-import/people-import.service';

const ROWS = 50_000;
const LEADERS = 500;

/** Learners first, each naming a leader whose row comes later in the file, as an HRIS export sorted by name might. */
function hrisExport(): { csv: string; rows: string[][] } {
  const rows: string[][] = [];
  for (let index = 0; index < ROWS - LEADERS; index++) {
    rows.push([
      `learner-${index}@bench.example`,
      `Learner ${index}`,
      'LEARNER',
      index % 2 ? 'America/Chicago' : 'Asia/Kolkata',
      'en-US',
      `L${index}`,
      `leader-${index % LEADERS}@bench.example`,
      `Team ${index % LEADERS}`,
      `Store ${index % 100}`,
    ]);
  }
  for (let index = 0; index < LEADERS; index++) {
    rows.push([`leader-${index}@bench.example`, `Leader ${index}`, 'LEADER', 'UTC', 'en-US', `M${index}`, '', '', '']);
  }
  const header = 'email,name,role,timezone,locale,external_id,leader,team,location';
  return { csv: [header, ...rows.map((row) => row.join(','))].join('\n'), rows };
}

async function main(): Promise<void> {
  const adminUrl = process.env.BENCH_DATABASE_URL;
  if (!adminUrl) throw new Error('BENCH_DATABASE_URL is not set (run through npm run bench)');
  const name = `tend_bench_import_${Date.now()}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  const dataSource = new DataSource({ ...cohortsDataSourceOptions(databaseUrl), logging: false });
  try {
    await runServiceMigrations(cohortsDataSourceOptions(databaseUrl));
    applyDatabaseScopes(dataSource);
    await dataSource.initialize();
    const { csv, rows } = hrisExport();
    const service = new PeopleImportService(dataSource, new SystemClock(), new CohortRuleService(dataSource));

    const organizationIds = [randomUUID(), randomUUID()];
    for (const id of organizationIds) {
      await dataSource.query(`INSERT INTO cohorts.organizations (id, name) VALUES ($1, 'Bench')`, [id]);
    }
    const timed = async <T>(work: () => Promise<T>): Promise<[T, number]> => {
      const started = process.hrtime.bigint();
      const result = await work();
      return [result, Number(process.hrtime.bigint() - started) / 1e9];
    };
    const [dry, drySeconds] = await timed(() =>
      runInOrganization(organizationIds[0], () => service.import(organizationIds[0], { csv, dryRun: true })),
    );
    const [real, realSeconds] = await timed(() =>
      runInOrganization(organizationIds[1], () => service.import(organizationIds[1], { csv, dryRun: false })),
    );
    const [again, againSeconds] = await timed(() =>
      runInOrganization(organizationIds[1], () => service.import(organizationIds[1], { csv, dryRun: false })),
    );
    if (real.created !== ROWS || again.unchanged !== ROWS || dry.created !== ROWS) {
      throw new Error(
        `unexpected reports: ${JSON.stringify({ dry: dry.created, real: real.created, again: again.unchanged })}`,
      );
    }

    const copySeconds = await copyBaseline(databaseUrl, organizationIds[0], rows);
    const rate = (seconds: number) => `${Math.round(ROWS / seconds).toLocaleString('en-US')} rows/s`;
    const line = (what: string, seconds: number) =>
      console.log(
        `${what}: ${seconds.toFixed(2)} s (${rate(seconds)})   baseline, COPY of the same rows: ${copySeconds.toFixed(2)} s (${rate(copySeconds)})`,
      );
    line(`import ${ROWS.toLocaleString('en-US')} new people, one transaction`, realSeconds);
    line(`dry run of the same file`, drySeconds);
    line(`the same file again, every row unchanged`, againSeconds);
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

/** The same rows, as people columns, through COPY into an unconstrained copy of the table. */
async function copyBaseline(databaseUrl: string, organizationId: string, rows: string[][]): Promise<number> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('CREATE TABLE public.people_copy (LIKE cohorts.people INCLUDING DEFAULTS)');
    const lines = rows.map(
      (row) => [randomUUID(), organizationId, row[0], row[1], row[2], row[3], row[4], row[5], row[8]].join('\t') + '\n',
    );
    const started = process.hrtime.bigint();
    await client.query('BEGIN');
    const scope = scopeStatement({ kind: 'organization', organizationId });
    await client.query(scope.text, scope.values);
    await pipeline(
      Readable.from(lines),
      client.query(
        copyFrom(
          'COPY public.people_copy (id, organization_id, email, name, role, timezone, locale, external_id, location) FROM STDIN',
        ),
      ),
    );
    await client.query('COMMIT');
    return Number(process.hrtime.bigint() - started) / 1e9;
  } finally {
    await client.end();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
