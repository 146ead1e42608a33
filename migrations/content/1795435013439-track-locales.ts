import { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantIsolationSql } from '@tend/database';

/**
 * A track is written in its default locale; each lesson may have one
 * translation per other locale, frozen with its lesson once the version is published.
 */
export class TrackLocales1795435013439 implements MigrationInterface {
  name = 'TrackLocales1795435013439';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE content.tracks ADD COLUMN default_locale text NOT NULL DEFAULT 'en';

      CREATE TABLE content.lesson_translations (
        organization_id uuid NOT NULL,
        lesson_id uuid NOT NULL REFERENCES content.lessons (id) ON DELETE CASCADE,
        locale text NOT NULL,
        title text NOT NULL,
        body text NOT NULL,
        questions jsonb NOT NULL DEFAULT '[]',
        leader_prompt text,
        leader_listen_for text,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (lesson_id, locale)
      );
      CREATE INDEX lesson_translations_organization_id_idx ON content.lesson_translations (organization_id);
      CREATE TRIGGER lesson_translations_frozen BEFORE UPDATE OR DELETE ON content.lesson_translations
        FOR EACH ROW EXECUTE FUNCTION content.refuse_change_to_published_lesson();
    `);
    for (const statement of tenantIsolationSql('content', 'lesson_translations')) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP TABLE content.lesson_translations;
      ALTER TABLE content.tracks DROP COLUMN default_locale;
    `);
  }
}
