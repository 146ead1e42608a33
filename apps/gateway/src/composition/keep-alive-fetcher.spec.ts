import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { freePort } from '@tend/testing';
import { keepAliveFetcher } from './keep-alive-fetcher';

describe("the gateway's client for subgraph fetches", () => {
  let server: Server;
  let url: string;
  const connections = new Set<unknown>();
  let answer: (request: IncomingMessage, body: string, response: ServerResponse) => void;

  beforeAll(async () => {
    server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      request.on('end', () => answer(request, body, response));
    });
    server.on('connection', (socket) => connections.add(socket));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  });

  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('posts the body with its headers and reads the whole answer, on one kept-alive connection', async () => {
    answer = (request, body, response) => {
      response.setHeader('Content-Type', 'application/json');
      response.setHeader('Cache-Control', 'private');
      response.end(JSON.stringify({ data: { echo: body, signed: request.headers['x-tend-signature'] } }));
    };
    const fetcher = keepAliveFetcher();
    connections.clear();
    for (const attempt of [1, 2, 3]) {
      const response = await fetcher(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-tend-signature': `signature ${attempt}` },
        body: `{"query":"{ today }","n":${attempt}}`,
      });
      expect(response.ok).toBe(true);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/json');
      expect(response.headers.get('Cache-Control')).toBe('private');
      expect(await response.json()).toEqual({
        data: { echo: `{"query":"{ today }","n":${attempt}}`, signed: `signature ${attempt}` },
      });
      expect(response.bodyUsed).toBe(true);
    }
    expect(connections.size).toBe(1);
  });

  it("hands over a subgraph's refusal with its status and body, for the gateway to word", async () => {
    answer = (_request, _body, response) => {
      response.statusCode = 400;
      response.statusMessage = 'Bad Request';
      response.setHeader('Content-Type', 'application/json');
      response.end('{"errors":[{"message":"no","extensions":{"code":"BAD_USER_INPUT"}}]}');
    };
    const response = await keepAliveFetcher()(url, { method: 'POST', body: '{}' });
    expect(response).toMatchObject({ ok: false, status: 400, statusText: 'Bad Request' });
    const copy = response.clone();
    expect(await response.text()).toContain('BAD_USER_INPUT');
    expect(await copy.json()).toEqual({ errors: [{ message: 'no', extensions: { code: 'BAD_USER_INPUT' } }] });
  });

  it('fails, rather than waiting, when nothing listens', async () => {
    const closed = `http://127.0.0.1:${await freePort()}/graphql`;
    await expect(keepAliveFetcher()(closed, { method: 'POST', body: '{}' })).rejects.toThrow(/ECONNREFUSED/);
  });
});
