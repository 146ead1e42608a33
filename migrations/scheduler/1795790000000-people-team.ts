import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The scheduler keeps each person's HR team, from `cohorts.person_upserted`, so analytics can
 * group by team. Nothing is backfilled here: the scheduler cannot know a team no event told it,
 * and cohorts publishes every person with a team again (its migration of the same timestamp).
 */
export class PeopleTeam1795790000000 implements MigrationInterface {
  name = 'PeopleTeam1795790000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE scheduler.people ADD COLUMN team_id uuid NULL;
      CREATE INDEX people_team_idx ON scheduler.people (organization_id, team_id);
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP INDEX scheduler.people_team_idx;
      ALTER TABLE scheduler.people DROP COLUMN team_id;
    `);
  }
}
