// A learning record store stand-in for the demo (README "xAPI to a learning record store"):
// listens on 127.0.0.1, takes POST /xapi/statements with the Basic credentials in
// LRS_USERNAME and LRS_PASSWORD, checks each statement against the xAPI rules of the
// version header (xapi-validation for 1.0.3, apps/scheduler/xapi/statement-2.0.0.schema.json
// for 2.0.0), prints it, and says "repeat" for a statement id it already holds, as an LRS
// keeps one statement per id. `node scripts/lrs-receiver.mjs [port]`.
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const Ajv2020 = require('ajv/dist/2020').default;
const validate103 = require('xapi-validation').default;
const schema = JSON.parse(readFileSync(new URL('../apps/scheduler/xapi/statement-2.0.0.schema.json', import.meta.url)));
const validate200 = new Ajv2020({ allErrors: true, strict: true, strictTypes: false, strictRequired: false }).compile(
  schema,
);

const port = Number(process.argv[2] ?? 8788);
const { LRS_USERNAME = 'demo-key', LRS_PASSWORD = 'demo-secret' } = process.env;
const expected = `Basic ${Buffer.from(`${LRS_USERNAME}:${LRS_PASSWORD}`).toString('base64')}`;
const held = new Set();

function problemsOf(statement, version) {
  if (version === '1.0.3') return validate103(statement).map((warning) => warning.path.join('.'));
  if (version !== '2.0.0') return [`unknown X-Experience-API-Version ${version}`];
  return validate200(statement) ? [] : validate200.errors.map((error) => `${error.instancePath} ${error.message}`);
}

createServer((request, response) => {
  let body = '';
  request.on('data', (chunk) => (body += chunk));
  request.on('end', () => {
    if (request.method !== 'POST' || !request.url?.endsWith('/statements')) return response.writeHead(404).end();
    if (request.headers.authorization !== expected) {
      console.error('refused a batch: wrong Basic credentials');
      return response.writeHead(401).end();
    }
    const version = request.headers['x-experience-api-version'];
    const statements = JSON.parse(body);
    const invalid = statements
      .map((statement) => ({ id: statement.id, problems: problemsOf(statement, version) }))
      .filter((found) => found.problems.length > 0);
    if (invalid.length > 0) {
      console.error(`refused a batch of ${statements.length}: ${JSON.stringify(invalid)}`);
      return response.writeHead(400).end();
    }
    for (const statement of statements) {
      const who = statement.actor.account?.name ?? statement.actor.mbox;
      const result = statement.result ? ` ${JSON.stringify(statement.result)}` : '';
      console.log(
        `${held.has(statement.id) ? 'repeat ' : ''}${statement.id} ${who} ${statement.verb.display['en-US']} ${statement.object.id}${result}`,
      );
      held.add(statement.id);
    }
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(statements.map((s) => s.id)));
  });
}).listen(port, '127.0.0.1', () => console.log(`an xAPI LRS on http://127.0.0.1:${port}/xapi (${LRS_USERNAME})`));
