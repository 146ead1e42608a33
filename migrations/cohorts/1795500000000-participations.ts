import { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantIsolationSql } from '@tend/database';

export class Participations1795500000000 implements MigrationInterface {
  name = 'Participations1795500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      -- One person's standing in one enrollment; no row means ACTIVE.
      CREATE TABLE cohorts.participations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES cohorts.organizations (id),
        enrollment_id uuid NOT NULL REFERENCES cohorts.enrollments (id) ON DELETE CASCADE,
        person_id uuid NOT NULL REFERENCES cohorts.people (id) ON DELETE CASCADE,
        status text NOT NULL CHECK (status IN ('ACTIVE', 'PAUSED', 'DROPPED', 'COMPLETED')),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT participations_enrollment_id_person_id_key UNIQUE (enrollment_id, person_id)
      );
      CREATE INDEX participations_organization_id_idx ON cohorts.participations (organization_id);
      CREATE INDEX participations_person_idx ON cohorts.participations (person_id);
    `);
    for (const statement of tenantIsolationSql('cohorts', 'participations')) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE cohorts.participations`);
  }
}
