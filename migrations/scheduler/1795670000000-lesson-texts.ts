import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The scheduler serves a delivered lesson's text (body, and its translations) itself, from
 * `content.track_published`, so `today` needs no second subgraph. Null until the version's event
 * carrying them arrives: content publishes the versions published before again at start.
 */
export class LessonTexts1795670000000 implements MigrationInterface {
  name = 'LessonTexts1795670000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE scheduler.track_lessons ADD COLUMN body text, ADD COLUMN translations jsonb;
      CREATE INDEX track_lessons_lesson_idx ON scheduler.track_lessons (lesson_id);
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP INDEX scheduler.track_lessons_lesson_idx;
      ALTER TABLE scheduler.track_lessons DROP COLUMN translations, DROP COLUMN body;
    `);
  }
}
