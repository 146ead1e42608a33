import { MigrationInterface, QueryRunner } from 'typeorm';
import { dropTenantIsolationSql, tenantIsolationSql } from '@tend/database';

/**
 * Event webhooks (Standard Webhooks): the scheduler's outbox of public events, the
 * organization's subscriptions, one message per subscription and event, and each attempt
 * to deliver it.
 */
export class EventWebhooks1795700000000 implements MigrationInterface {
  name = 'EventWebhooks1795700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE scheduler.webhook_events (
        id uuid PRIMARY KEY,
        sequence bigserial NOT NULL UNIQUE,
        organization_id uuid NOT NULL,
        type text NOT NULL,
        subject_id uuid NOT NULL,
        occurred_at timestamptz(3) NOT NULL,
        payload jsonb NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        fanned_out_at timestamptz
      );
      CREATE INDEX webhook_events_unfanned_idx ON scheduler.webhook_events (sequence) WHERE fanned_out_at IS NULL;
      CREATE INDEX webhook_events_created_idx ON scheduler.webhook_events (organization_id, created_at);

      CREATE TABLE scheduler.webhook_subscriptions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL,
        url text NOT NULL,
        events text[] NOT NULL,
        secret text NOT NULL,
        previous_secret text,
        previous_secret_expires_at timestamptz(3),
        disabled_at timestamptz(3),
        disabled_reason text,
        consecutive_failures integer NOT NULL DEFAULT 0,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX webhook_subscriptions_organization_idx ON scheduler.webhook_subscriptions (organization_id, created_at);

      CREATE TABLE scheduler.webhook_messages (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL,
        subscription_id uuid NOT NULL REFERENCES scheduler.webhook_subscriptions (id) ON DELETE CASCADE,
        event_id uuid NOT NULL REFERENCES scheduler.webhook_events (id) ON DELETE CASCADE,
        status text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'DELIVERED', 'FAILED')),
        attempts integer NOT NULL DEFAULT 0,
        generation integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz(3) NOT NULL DEFAULT now(),
        last_error text,
        delivered_at timestamptz(3),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (subscription_id, event_id)
      );
      CREATE INDEX webhook_messages_organization_idx ON scheduler.webhook_messages (organization_id);
      CREATE INDEX webhook_messages_pending_idx ON scheduler.webhook_messages (next_attempt_at) WHERE status = 'PENDING';

      CREATE TABLE scheduler.webhook_attempts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL,
        subscription_id uuid NOT NULL REFERENCES scheduler.webhook_subscriptions (id) ON DELETE CASCADE,
        message_id uuid NOT NULL REFERENCES scheduler.webhook_messages (id) ON DELETE CASCADE,
        event_id uuid NOT NULL,
        event_type text NOT NULL,
        attempt integer NOT NULL,
        outcome text NOT NULL DEFAULT 'IN_FLIGHT' CHECK (outcome IN ('IN_FLIGHT', 'SUCCEEDED', 'FAILED')),
        status_code integer,
        duration_ms integer,
        error text,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX webhook_attempts_organization_idx ON scheduler.webhook_attempts (organization_id);
      CREATE INDEX webhook_attempts_subscription_idx ON scheduler.webhook_attempts (subscription_id, created_at, id);
    `);
    for (const table of TABLES) {
      for (const statement of tenantIsolationSql('scheduler', table)) await queryRunner.query(statement);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [...TABLES].reverse()) {
      for (const statement of dropTenantIsolationSql('scheduler', table)) await queryRunner.query(statement);
      await queryRunner.query(`DROP TABLE scheduler.${table}`);
    }
  }
}

const TABLES = ['webhook_events', 'webhook_subscriptions', 'webhook_messages', 'webhook_attempts'];
