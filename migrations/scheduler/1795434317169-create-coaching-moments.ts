import { MigrationInterface, QueryRunner } from 'typeorm';
import { dropTenantIsolationSql, tenantIsolationSql } from '@tend/database';

export class CreateCoachingMoments1795434317169 implements MigrationInterface {
  name = 'CreateCoachingMoments1795434317169';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE scheduler.coaching_moments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL,
        leader_id uuid NOT NULL,
        person_id uuid NOT NULL,
        kind text NOT NULL CHECK (kind IN ('RECOGNITION', 'REDIRECTION')),
        what_happened text NOT NULL CHECK (length(what_happened) BETWEEN 1 AND 1000),
        related_lesson_id uuid,
        follow_up_delivery_id uuid REFERENCES scheduler.deliveries (id) ON DELETE SET NULL,
        first_shown_on date,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX coaching_moments_organization_id_idx ON scheduler.coaching_moments (organization_id);
      CREATE INDEX coaching_moments_leader_page_idx ON scheduler.coaching_moments (organization_id, leader_id, created_at, id);
      CREATE INDEX coaching_moments_person_idx ON scheduler.coaching_moments (organization_id, person_id, created_at);
    `);
    for (const statement of tenantIsolationSql('scheduler', 'coaching_moments')) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const statement of dropTenantIsolationSql('scheduler', 'coaching_moments')) await queryRunner.query(statement);
    await queryRunner.query('DROP TABLE scheduler.coaching_moments');
  }
}
