import { MigrationInterface, QueryRunner } from 'typeorm';

export class LessonKindsFeedbackAndListenFor1795433087461 implements MigrationInterface {
  name = 'LessonKindsFeedbackAndListenFor1795433087461';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE content.questions ADD COLUMN choice_feedback jsonb NOT NULL DEFAULT '[]';
      ALTER TABLE content.lessons ADD COLUMN leader_listen_for text;
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE content.lessons DROP COLUMN leader_listen_for;
      ALTER TABLE content.questions DROP COLUMN choice_feedback;
    `);
  }
}
