import { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantIsolationSql } from '@tend/database';

/**
 * `content.track_published` now carries each lesson's body and translations, which the scheduler
 * serves delivered lessons from. The versions published before are listed here, and content's
 * `TrackRepublisher` publishes each again at start.
 */
export class RepublishLessonTexts1795670000000 implements MigrationInterface {
  name = 'RepublishLessonTexts1795670000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE content.versions_to_republish (
        organization_id uuid NOT NULL,
        track_id uuid NOT NULL,
        version int NOT NULL,
        requested_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (track_id, version),
        FOREIGN KEY (track_id, version) REFERENCES content.track_versions (track_id, version) ON DELETE CASCADE
      );
      CREATE INDEX versions_to_republish_organization_id_idx ON content.versions_to_republish (organization_id);
      INSERT INTO content.versions_to_republish (organization_id, track_id, version)
      SELECT organization_id, track_id, version FROM content.track_versions WHERE status = 'PUBLISHED';
    `);
    for (const statement of tenantIsolationSql('content', 'versions_to_republish')) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE content.versions_to_republish`);
  }
}
