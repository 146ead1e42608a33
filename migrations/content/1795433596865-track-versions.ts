import { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantIsolationSql } from '@tend/database';

/**
 * Each track has numbered versions; lessons belong to one. A published version
 * is frozen by the database itself: its row, its lessons, their questions and
 * review cards refuse UPDATE and DELETE, so a lesson learners completed can
 * never be edited or removed, whatever the code above does.
 */
export class TrackVersions1795433596865 implements MigrationInterface {
  name = 'TrackVersions1795433596865';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE content.track_versions (
        organization_id uuid NOT NULL,
        track_id uuid NOT NULL REFERENCES content.tracks (id),
        version int NOT NULL CHECK (version >= 1),
        status text NOT NULL CHECK (status IN ('DRAFT', 'PUBLISHED')),
        published_at timestamptz,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (track_id, version)
      );
      CREATE INDEX track_versions_organization_id_idx ON content.track_versions (organization_id);

      INSERT INTO content.track_versions (organization_id, track_id, version, status, published_at)
      SELECT organization_id, id, version, CASE WHEN status = 'DRAFT' THEN 'DRAFT' ELSE 'PUBLISHED' END, published_at
      FROM content.tracks;

      ALTER TABLE content.tracks ADD COLUMN draft_version int;
      UPDATE content.tracks SET draft_version = version WHERE status = 'DRAFT';

      ALTER TABLE content.lessons ADD COLUMN version int NOT NULL DEFAULT 1;
      ALTER TABLE content.lessons ALTER COLUMN version DROP DEFAULT;
      ALTER TABLE content.lessons DROP CONSTRAINT lessons_track_id_position_key;
      ALTER TABLE content.lessons ADD CONSTRAINT lessons_track_id_version_position_key
        UNIQUE (track_id, version, position) DEFERRABLE INITIALLY DEFERRED;
      ALTER TABLE content.lessons ADD CONSTRAINT lessons_track_version_fkey
        FOREIGN KEY (track_id, version) REFERENCES content.track_versions (track_id, version);

      CREATE FUNCTION content.refuse_published_version_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'a published track version never changes (%)', TG_TABLE_NAME
          USING ERRCODE = 'integrity_constraint_violation';
      END $$;

      CREATE TRIGGER track_versions_frozen BEFORE UPDATE OR DELETE ON content.track_versions
        FOR EACH ROW WHEN (OLD.status = 'PUBLISHED') EXECUTE FUNCTION content.refuse_published_version_change();

      CREATE FUNCTION content.refuse_change_to_published_lesson() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        frozen boolean;
      BEGIN
        IF TG_TABLE_NAME = 'lessons' THEN
          SELECT v.status = 'PUBLISHED' INTO frozen FROM content.track_versions v
          WHERE v.track_id = OLD.track_id AND v.version = OLD.version;
        ELSE
          SELECT v.status = 'PUBLISHED' INTO frozen FROM content.lessons l
          JOIN content.track_versions v ON v.track_id = l.track_id AND v.version = l.version
          WHERE l.id = OLD.lesson_id;
        END IF;
        IF frozen THEN
          RAISE EXCEPTION 'a lesson of a published track version never changes (%)', TG_TABLE_NAME
            USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
      END $$;

      CREATE TRIGGER lessons_frozen BEFORE UPDATE OR DELETE ON content.lessons
        FOR EACH ROW EXECUTE FUNCTION content.refuse_change_to_published_lesson();
      CREATE TRIGGER questions_frozen BEFORE UPDATE OR DELETE ON content.questions
        FOR EACH ROW EXECUTE FUNCTION content.refuse_change_to_published_lesson();
      CREATE TRIGGER review_cards_frozen BEFORE UPDATE OR DELETE ON content.review_cards
        FOR EACH ROW EXECUTE FUNCTION content.refuse_change_to_published_lesson();
    `);
    for (const statement of tenantIsolationSql('content', 'track_versions')) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP TRIGGER review_cards_frozen ON content.review_cards;
      DROP TRIGGER questions_frozen ON content.questions;
      DROP TRIGGER lessons_frozen ON content.lessons;
      DROP FUNCTION content.refuse_change_to_published_lesson();
      DROP TRIGGER track_versions_frozen ON content.track_versions;
      DROP FUNCTION content.refuse_published_version_change();
      ALTER TABLE content.lessons DROP CONSTRAINT lessons_track_version_fkey;
      ALTER TABLE content.lessons DROP CONSTRAINT lessons_track_id_version_position_key;
      DELETE FROM content.lessons WHERE (track_id, version) IN (
        SELECT l.track_id, l.version FROM content.lessons l JOIN content.tracks t ON t.id = l.track_id
        WHERE l.version <> t.version
      );
      ALTER TABLE content.lessons ADD CONSTRAINT lessons_track_id_position_key UNIQUE (track_id, position);
      ALTER TABLE content.lessons DROP COLUMN version;
      ALTER TABLE content.tracks DROP COLUMN draft_version;
      DROP TABLE content.track_versions;
    `);
  }
}
