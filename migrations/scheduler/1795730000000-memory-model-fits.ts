import { MigrationInterface, QueryRunner } from 'typeorm';
import { dropTenantIsolationSql, tenantIsolationSql } from '@tend/database';

/**
 * FSRS fitted per organization: every weekly attempt with its outcome, and the parameters in use
 * on the organization's settings (none: FSRS's defaults).
 */
export class MemoryModelFits1795730000000 implements MigrationInterface {
  name = 'MemoryModelFits1795730000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE scheduler.memory_model_fits (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL,
        attempted_at timestamptz(3) NOT NULL,
        outcome text NOT NULL CHECK (outcome IN ('ADOPTED', 'KEPT_PREVIOUS', 'TOO_FEW_REVIEWS', 'FAILED')),
        review_count integer NOT NULL,
        parameters float8[],
        held_out_log_loss float8,
        previous_held_out_log_loss float8,
        detail text,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX memory_model_fits_latest_idx ON scheduler.memory_model_fits (organization_id, attempted_at DESC);
      ALTER TABLE scheduler.scheduler_settings
        ADD COLUMN memory_model_fit_id uuid REFERENCES scheduler.memory_model_fits (id),
        ADD COLUMN memory_parameters float8[];
    `);
    for (const statement of tenantIsolationSql('scheduler', 'memory_model_fits')) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE scheduler.scheduler_settings DROP COLUMN memory_parameters, DROP COLUMN memory_model_fit_id
    `);
    for (const statement of dropTenantIsolationSql('scheduler', 'memory_model_fits'))
      await queryRunner.query(statement);
    await queryRunner.query('DROP TABLE scheduler.memory_model_fits');
  }
}
