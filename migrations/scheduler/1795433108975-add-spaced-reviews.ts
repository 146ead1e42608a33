import { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantIsolationSql } from '@tend/database';

/**
 * Spaced reviews: the cards each published lesson carries, one FSRS state per
 * card a learner has met, and each organization's review settings. A day may
 * hold several reviews of one lesson's cards, so deliveries are unique per
 * lesson for lessons and per card for reviews.
 */
export class AddSpacedReviews1795433108975 implements MigrationInterface {
  name = 'AddSpacedReviews1795433108975';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE scheduler.track_lessons
        ADD COLUMN review_cards jsonb NOT NULL DEFAULT '[]',
        ADD COLUMN leader_prompt text;

      ALTER TABLE scheduler.deliveries DROP CONSTRAINT deliveries_person_id_kind_lesson_id_local_date_key;
      CREATE UNIQUE INDEX deliveries_lesson_once_a_day ON scheduler.deliveries (person_id, lesson_id, local_date)
        WHERE kind = 'LESSON';
      CREATE UNIQUE INDEX deliveries_review_once_a_day ON scheduler.deliveries (person_id, card_id, local_date)
        WHERE kind = 'REVIEW';
      ALTER TABLE scheduler.deliveries
        ADD COLUMN rating text CHECK (rating IN ('AGAIN', 'HARD', 'GOOD', 'EASY')),
        ADD CONSTRAINT deliveries_review_has_card CHECK (kind <> 'REVIEW' OR card_id IS NOT NULL);

      CREATE TABLE scheduler.scheduler_settings (
        organization_id uuid PRIMARY KEY,
        reviews_per_day int NOT NULL DEFAULT 3 CHECK (reviews_per_day BETWEEN 0 AND 20),
        desired_retention numeric(4, 3) NOT NULL DEFAULT 0.90 CHECK (desired_retention BETWEEN 0.70 AND 0.99),
        updated_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE scheduler.card_states (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL,
        person_id uuid NOT NULL,
        card_id uuid NOT NULL,
        lesson_id uuid NOT NULL,
        due timestamptz(3) NOT NULL,
        stability float8 NOT NULL DEFAULT 0,
        difficulty float8 NOT NULL DEFAULT 0,
        elapsed_days int NOT NULL DEFAULT 0,
        scheduled_days int NOT NULL DEFAULT 0,
        learning_steps int NOT NULL DEFAULT 0,
        reps int NOT NULL DEFAULT 0,
        lapses int NOT NULL DEFAULT 0,
        state int NOT NULL DEFAULT 0,
        last_review timestamptz(3),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (person_id, card_id)
      );
      CREATE INDEX card_states_organization_id_idx ON scheduler.card_states (organization_id);
      CREATE INDEX card_states_due_idx ON scheduler.card_states (person_id, due);
    `);
    for (const table of ['scheduler_settings', 'card_states']) {
      for (const statement of tenantIsolationSql('scheduler', table)) await queryRunner.query(statement);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP TABLE scheduler.card_states;
      DROP TABLE scheduler.scheduler_settings;
      DELETE FROM scheduler.deliveries WHERE kind = 'REVIEW';
      ALTER TABLE scheduler.deliveries DROP CONSTRAINT deliveries_review_has_card, DROP COLUMN rating;
      DROP INDEX scheduler.deliveries_review_once_a_day;
      DROP INDEX scheduler.deliveries_lesson_once_a_day;
      ALTER TABLE scheduler.deliveries ADD CONSTRAINT deliveries_person_id_kind_lesson_id_local_date_key
        UNIQUE (person_id, kind, lesson_id, local_date);
      ALTER TABLE scheduler.track_lessons DROP COLUMN leader_prompt, DROP COLUMN review_cards;
    `);
  }
}
