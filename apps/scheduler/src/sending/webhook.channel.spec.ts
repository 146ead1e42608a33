import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { SchedulerConfig } from '../scheduler.config';
import { newWebhookSecret } from '../webhooks/webhook-signature';
import { WebhookChannel, WebhookFailure } from './webhook.channel';

describe('WebhookChannel (a real receiver on 127.0.0.1)', () => {
  const secret = newWebhookSecret();
  const received: { path: string; headers: IncomingHttpHeaders; body: string }[] = [];
  let server: Server;
  let base: string;

  const channel = (allowLoopback: boolean) =>
    new WebhookChannel(Object.assign(new SchedulerConfig(), { ALLOW_LOOPBACK_WEBHOOKS: allowLoopback }));

  async function failureOf(promise: Promise<unknown>): Promise<WebhookFailure> {
    const error = await promise.then(() => undefined).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(WebhookFailure);
    return error as WebhookFailure;
  }

  beforeAll(async () => {
    server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      request.on('end', () => {
        received.push({ path: request.url ?? '', headers: request.headers, body });
        const status = { '/gone': 410, '/busy': 503, '/moved': 302 }[request.url ?? ''] ?? 204;
        response.writeHead(status, status === 302 ? { location: `${base}/elsewhere` } : {}).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('posts a message the receiver verifies with the Standard Webhooks reference implementation', async () => {
    const body = JSON.stringify({ type: 'delivery.lesson', data: { deliveryId: 'd-1' } });
    await channel(true).post({ url: `${base}/ok`, secret, messageId: 'msg_d-1', body });
    const [message] = received.filter((request) => request.path === '/ok');
    expect(message.headers['webhook-id']).toBe('msg_d-1');
    expect(new Webhook(secret).verify(message.body, message.headers as Record<string, string>)).toEqual(
      JSON.parse(body),
    );
  });

  it('fails for good on 410 and on a redirect, which it does not follow; for now on 503', async () => {
    const post = (path: string) => channel(true).post({ url: `${base}${path}`, secret, messageId: 'm', body: '{}' });
    expect((await failureOf(post('/gone'))).permanent).toBe(true);
    expect((await failureOf(post('/moved'))).permanent).toBe(true);
    expect(received.some((request) => request.path === '/elsewhere')).toBe(false);
    expect((await failureOf(post('/busy'))).permanent).toBe(false);
  });

  it('refuses loopback without the development setting, also when a name resolves to it, before connecting', async () => {
    const before = received.length;
    const port = (server.address() as AddressInfo).port;
    for (const url of [`${base}/ok`, `http://localhost:${port}/ok`, `http://[::1]:${port}/ok`]) {
      const failure = await failureOf(channel(false).post({ url, secret, messageId: 'm', body: '{}' }));
      expect(failure.permanent).toBe(true);
    }
    expect(received.length).toBe(before);
  });

  it('refuses private, link-local and metadata addresses even with loopback allowed', async () => {
    for (const host of [
      '10.0.0.7',
      '192.168.1.20',
      '172.16.5.5',
      '169.254.169.254',
      '[fd00::1]',
      '[::ffff:10.0.0.1]',
    ]) {
      const failure = await failureOf(
        channel(true).post({ url: `http://${host}/hooks`, secret, messageId: 'm', body: '{}' }),
      );
      expect(failure.permanent).toBe(true);
    }
  });
});
