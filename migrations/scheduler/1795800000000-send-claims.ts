import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A send claims its delivery until a moment (`DeliverySender`): two runs of one send job at the same
 * time, one BullMQ took for stalled while its worker was still sending, or a copy the reconciler added,
 * send the message once.
 */
export class SendClaims1795800000000 implements MigrationInterface {
  name = 'SendClaims1795800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE scheduler.deliveries ADD COLUMN send_claimed_until timestamptz NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE scheduler.deliveries DROP COLUMN send_claimed_until`);
  }
}
