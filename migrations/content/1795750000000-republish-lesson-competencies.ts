import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `content.track_published` now carries each lesson's competencies (its tags, else its track's),
 * which the scheduler's recall forecast groups by: every published version is published again.
 */
export class RepublishLessonCompetencies1795750000000 implements MigrationInterface {
  name = 'RepublishLessonCompetencies1795750000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      INSERT INTO content.versions_to_republish (organization_id, track_id, version)
      SELECT organization_id, track_id, version FROM content.track_versions WHERE status = 'PUBLISHED'
      ON CONFLICT DO NOTHING
    `);
  }

  async down(): Promise<void> {
    // Nothing to undo: a version published again is the same version.
  }
}
