import { MigrationInterface, QueryRunner } from 'typeorm';

/** Streak repair: a streak survives one missed workday in N lesson days, where the organization says so. */
export class StreakRepair1795720000000 implements MigrationInterface {
  name = 'StreakRepair1795720000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE scheduler.scheduler_settings
        ADD COLUMN streak_repair_one_in int CHECK (streak_repair_one_in BETWEEN 2 AND 30)
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE scheduler.scheduler_settings DROP COLUMN streak_repair_one_in');
  }
}
