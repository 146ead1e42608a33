// A receiver of Tend's event webhooks for the demo (README "Event webhooks"): listens on
// 127.0.0.1, verifies each request with the `standardwebhooks` package and the secret in
// WEBHOOK_SECRET (several, separated by spaces, during a rotation), prints each event, and
// drops a repeat of a webhook-id it has seen. `node scripts/webhook-receiver.mjs [port]`.
import { createServer } from 'node:http';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { Webhook } = require('standardwebhooks');

const port = Number(process.argv[2] ?? 8787);
const secrets = (process.env.WEBHOOK_SECRET ?? '').split(/\s+/).filter(Boolean);
if (secrets.length === 0) {
  console.error('WEBHOOK_SECRET is empty: set it to the secret createWebhookSubscription returned');
  process.exit(1);
}
const seen = new Set();

createServer((request, response) => {
  let body = '';
  request.on('data', (chunk) => (body += chunk));
  request.on('end', () => {
    const verified = secrets.some((secret) => {
      try {
        new Webhook(secret).verify(body, request.headers);
        return true;
      } catch {
        return false;
      }
    });
    if (!verified) {
      console.error(`refused ${request.headers['webhook-id']}: the signature does not verify`);
      response.writeHead(401).end();
      return;
    }
    const id = request.headers['webhook-id'];
    const event = JSON.parse(body);
    console.log(`${seen.has(id) ? 'repeat ' : ''}${id} ${event.type} ${JSON.stringify(event.data)}`);
    seen.add(id);
    response.writeHead(204).end();
  });
}).listen(port, '127.0.0.1', () => console.log(`verifying webhooks on http://127.0.0.1:${port}/`));
