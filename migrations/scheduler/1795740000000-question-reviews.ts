import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Mistakes come back: a question the learner got wrong joins their review deck beside the cards,
 * as a question review (`card_id` then holds the question's id), and the reviews planned from the
 * deck say which of the two they are.
 */
export class QuestionReviews1795740000000 implements MigrationInterface {
  name = 'QuestionReviews1795740000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE scheduler.card_states
        ADD COLUMN kind text NOT NULL DEFAULT 'CARD' CHECK (kind IN ('CARD', 'QUESTION'));
      ALTER TABLE scheduler.deliveries
        ADD COLUMN review_of text CHECK (review_of IN ('CARD', 'QUESTION'));
      UPDATE scheduler.deliveries SET review_of = 'CARD' WHERE kind = 'REVIEW';
      ALTER TABLE scheduler.deliveries
        ADD CONSTRAINT deliveries_review_says_what CHECK (kind <> 'REVIEW' OR review_of IS NOT NULL);
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DELETE FROM scheduler.deliveries WHERE review_of = 'QUESTION';
      DELETE FROM scheduler.card_states WHERE kind = 'QUESTION';
      ALTER TABLE scheduler.deliveries DROP CONSTRAINT deliveries_review_says_what, DROP COLUMN review_of;
      ALTER TABLE scheduler.card_states DROP COLUMN kind;
    `);
  }
}
