import { MigrationInterface, QueryRunner } from 'typeorm';

/** A NUDGE is the next morning's reminder of a lesson left undone; it names that lesson's delivery. */
export class LessonNudges1795610000000 implements MigrationInterface {
  name = 'LessonNudges1795610000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE scheduler.deliveries
        DROP CONSTRAINT deliveries_kind_check,
        ADD CONSTRAINT deliveries_kind_check CHECK (kind IN ('LESSON', 'REVIEW', 'LEADER_PROMPT', 'NUDGE')),
        ADD COLUMN reminder_of uuid REFERENCES scheduler.deliveries (id) ON DELETE CASCADE,
        ADD CONSTRAINT deliveries_nudge_names_its_lesson CHECK ((kind = 'NUDGE') = (reminder_of IS NOT NULL));
      CREATE UNIQUE INDEX deliveries_nudge_once_a_day ON scheduler.deliveries (person_id, local_date)
        WHERE kind = 'NUDGE';
      CREATE INDEX deliveries_reminder_of_idx ON scheduler.deliveries (reminder_of) WHERE reminder_of IS NOT NULL;
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DELETE FROM scheduler.deliveries WHERE kind = 'NUDGE';
      DROP INDEX scheduler.deliveries_reminder_of_idx;
      DROP INDEX scheduler.deliveries_nudge_once_a_day;
      ALTER TABLE scheduler.deliveries
        DROP CONSTRAINT deliveries_nudge_names_its_lesson,
        DROP COLUMN reminder_of,
        DROP CONSTRAINT deliveries_kind_check,
        ADD CONSTRAINT deliveries_kind_check CHECK (kind IN ('LESSON', 'REVIEW', 'LEADER_PROMPT'));
    `);
  }
}
