// The login the services connect with: a member of `tend_service` (created by the migrations),
// so it owns no table and bypasses no row-level security. Migrations run as the database's
// owner; the services never do. Run as a command (docker-compose's migrate step) or required.
const { Client } = require('pg');

const SERVICE_ROLE = 'tend_service';

/** Creates the login if it is missing and returns DATABASE_URL's address with the login's credentials. */
async function ensureServiceLogin(ownerUrl, { user = 'tend_app', password = 'tend_app' } = {}) {
  if (!/^[a-z_][a-z0-9_]*$/.test(user)) throw new Error(`not a plain role name: ${user}`);
  const client = new Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    const literal = (await client.query('SELECT quote_literal($1::text) AS value', [password])).rows[0].value;
    // Test databases migrate side by side in one cluster, so a concurrent creation is expected.
    await client.query(`DO $$ BEGIN
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${user}') THEN
          CREATE ROLE ${user} LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE PASSWORD ${literal} IN ROLE ${SERVICE_ROLE};
        END IF;
      EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
      END $$`);
  } finally {
    await client.end();
  }
  const url = new URL(ownerUrl);
  url.username = user;
  url.password = password;
  return url.toString();
}

module.exports = { ensureServiceLogin };

if (require.main === module) {
  const { DATABASE_URL, SERVICE_DATABASE_USER, SERVICE_DATABASE_PASSWORD } = process.env;
  if (!DATABASE_URL || !SERVICE_DATABASE_PASSWORD) {
    console.error('set DATABASE_URL (the owner) and SERVICE_DATABASE_PASSWORD (and optionally SERVICE_DATABASE_USER)');
    process.exit(2);
  }
  ensureServiceLogin(DATABASE_URL, { user: SERVICE_DATABASE_USER, password: SERVICE_DATABASE_PASSWORD }).then(
    () => console.log(`service login ${SERVICE_DATABASE_USER ?? 'tend_app'} is ready`),
    (error) => {
      console.error(error.message);
      process.exit(1);
    },
  );
}
