import { MigrationInterface, QueryRunner } from 'typeorm';

export class LessonTags1795434499100 implements MigrationInterface {
  name = 'LessonTags1795434499100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE content.lessons ADD COLUMN tags text[] NOT NULL DEFAULT '{}';
      CREATE INDEX tracks_tags_idx ON content.tracks USING gin (tags);
      CREATE INDEX lessons_tags_idx ON content.lessons USING gin (tags);
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP INDEX content.lessons_tags_idx;
      DROP INDEX content.tracks_tags_idx;
      ALTER TABLE content.lessons DROP COLUMN tags;
    `);
  }
}
