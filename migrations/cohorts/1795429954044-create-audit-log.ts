import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateAuditLog1795429954044 implements MigrationInterface {
  name = 'CreateAuditLog1795429954044';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE cohorts.audit_log (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL,
        occurred_at timestamptz(3) NOT NULL DEFAULT now(),
        actor_kind text NOT NULL CHECK (actor_kind IN ('person', 'api-client')),
        actor_id uuid NOT NULL,
        actor_role text,
        operations text[] NOT NULL,
        target_ids uuid[] NOT NULL DEFAULT '{}',
        outcome text NOT NULL,
        client_address text,
        request_id text
      );
      CREATE INDEX audit_log_page_idx ON cohorts.audit_log (organization_id, occurred_at DESC, id DESC);

      -- Append-only: no role the service uses can rewrite or remove what happened.
      CREATE FUNCTION cohorts.audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'the audit log is append-only';
      END
      $$;
      CREATE TRIGGER audit_log_no_update_or_delete BEFORE UPDATE OR DELETE ON cohorts.audit_log
        FOR EACH ROW EXECUTE FUNCTION cohorts.audit_log_is_append_only();
      CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON cohorts.audit_log
        FOR EACH STATEMENT EXECUTE FUNCTION cohorts.audit_log_is_append_only();
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP TABLE cohorts.audit_log;
      DROP FUNCTION cohorts.audit_log_is_append_only();
    `);
  }
}
