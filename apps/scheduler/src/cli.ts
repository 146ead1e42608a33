import 'reflect-metadata';
import { runServiceMigrations } from '@tend/database';
import { schedulerDataSourceOptions } from './scheduler.data-source';

/** `node dist/apps/scheduler/src/cli.js migrate`: applies the scheduler schema's migrations. */
async function main(command: string | undefined): Promise<void> {
  if (command !== 'migrate') throw new Error('usage: scheduler migrate');
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set');
  const applied = await runServiceMigrations(schedulerDataSourceOptions(url));
  console.log(`scheduler: ${applied.length} migration(s) applied`);
}

main(process.argv[2]).catch((error: Error) => {
  console.error(`scheduler: ${error.message}`);
  process.exit(1);
});
