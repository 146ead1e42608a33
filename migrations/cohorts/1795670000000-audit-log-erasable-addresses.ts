import { MigrationInterface, QueryRunner } from 'typeorm';
import { SERVICE_ROLE } from '@tend/database';

/**
 * An erased person's addresses leave the audit log. The log stays append-only for what
 * happened: the one change it accepts is an address set to NULL, with every other column as it
 * was, and the services may update that column alone.
 */
export class AuditLogErasableAddresses1795670000000 implements MigrationInterface {
  name = 'AuditLogErasableAddresses1795670000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION cohorts.audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' AND NEW.client_address IS NULL
           AND to_jsonb(NEW) - 'client_address' = to_jsonb(OLD) - 'client_address' THEN
          RETURN NEW;
        END IF;
        RAISE EXCEPTION 'the audit log is append-only';
      END
      $$;
      GRANT UPDATE (client_address) ON cohorts.audit_log TO ${SERVICE_ROLE};
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      REVOKE UPDATE (client_address) ON cohorts.audit_log FROM ${SERVICE_ROLE};
      CREATE OR REPLACE FUNCTION cohorts.audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'the audit log is append-only';
      END
      $$;
    `);
  }
}
