import { DataSource } from 'typeorm';
import { cohortsMigrations } from '@tend/cohorts-migrations';
import { runServiceMigrations } from '@tend/database';
import { createTestDatabase, TestDatabase } from '@tend/testing';
import { cohortsDataSourceOptions } from '../cohorts.data-source';
import { Person } from './person.entity';
import { personUpserted } from './person.service';

/**
 * The migration that publishes everyone with a team again builds each payload in SQL: it must be
 * the very event `personUpserted` writes, marked restated, or the scheduler would project less.
 */
describe('publishing people with a team again', () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase();
    await runServiceMigrations(cohortsDataSourceOptions(database.url));
    dataSource = await new DataSource(cohortsDataSourceOptions(database.url)).initialize();
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  it('restates each person with a team as personUpserted writes them, and no one without a team or erased', async () => {
    const [{ id: organizationId }] = await dataSource.query(
      `INSERT INTO cohorts.organizations (name) VALUES ('Acme') RETURNING id`,
    );
    const [{ id: teamId }] = await dataSource.query(
      `INSERT INTO cohorts.teams (organization_id, name) VALUES ($1, 'Front desk') RETURNING id`,
      [organizationId],
    );
    await dataSource.query(
      `INSERT INTO cohorts.people
         (organization_id, email, name, role, timezone, locale, team_id, channels, active, deactivated_at)
       VALUES ($1, 'ann@acme.example', 'Ann', 'LEARNER', 'Europe/Berlin', 'de-DE', $2, '{IN_APP,EMAIL}', false, now()),
              ($1, 'bo@acme.example', 'Bo', 'LEARNER', 'UTC', 'en-US', NULL, '{IN_APP}', true, NULL),
              ($1, 'cy@acme.example', 'Cy', 'LEARNER', 'UTC', 'en-US', $2, '{IN_APP}', false, now())`,
      [organizationId, teamId],
    );
    // Erased: cohorts keeps a placeholder for counts, and must say nothing of them again.
    await dataSource.query(`UPDATE cohorts.people SET erased_at = now() WHERE email = 'cy@acme.example'`);
    const ann = await dataSource.getRepository(Person).findOneByOrFail({ email: 'ann@acme.example' });

    const republish = cohortsMigrations.find((migration) => migration.name === 'RepublishPeopleTeams1795790000000');
    if (!republish) throw new Error('the migration is not listed');
    const runner = dataSource.createQueryRunner();
    try {
      await runner.startTransaction();
      await new republish().up(runner);
      await runner.commitTransaction();
    } finally {
      await runner.release();
    }

    const events: { organization_id: string; type: string; payload: unknown }[] = await dataSource.query(
      'SELECT organization_id, type, payload FROM cohorts.outbox',
    );
    const { type, payload } = personUpserted(ann);
    expect(events).toEqual([{ organization_id: organizationId, type, payload: { ...payload, restated: true } }]);
    expect(payload.teamId).toBe(teamId);
  });
});
