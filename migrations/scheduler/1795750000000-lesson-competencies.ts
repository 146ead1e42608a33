import { MigrationInterface, QueryRunner } from 'typeorm';

/** The competencies a published lesson teaches, which leaders' recall forecasts group by. */
export class LessonCompetencies1795750000000 implements MigrationInterface {
  name = 'LessonCompetencies1795750000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE scheduler.track_lessons ADD COLUMN competencies text[]');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE scheduler.track_lessons DROP COLUMN competencies');
  }
}
