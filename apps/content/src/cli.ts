import 'reflect-metadata';
import { runServiceMigrations } from '@tend/database';
import { contentDataSourceOptions } from './content.data-source';

/** `node dist/apps/content/src/cli.js migrate`: applies the content schema's migrations. */
async function main(command: string | undefined): Promise<void> {
  if (command !== 'migrate') throw new Error('usage: content migrate');
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set');
  const applied = await runServiceMigrations(contentDataSourceOptions(url));
  console.log(`content: ${applied.length} migration(s) applied`);
}

main(process.argv[2]).catch((error: Error) => {
  console.error(`content: ${error.message}`);
  process.exit(1);
});
