import { MigrationInterface, QueryRunner } from 'typeorm';

export class PublishedTracksArchived1795434071041 implements MigrationInterface {
  name = 'PublishedTracksArchived1795434071041';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE cohorts.published_tracks ADD COLUMN archived_at timestamptz');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE cohorts.published_tracks DROP COLUMN archived_at');
  }
}
