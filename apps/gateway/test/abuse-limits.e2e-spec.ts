import request from 'supertest';
import { Role } from '@tend/auth';
import { givenOrganization, givenPerson, Member, startTestStack, TestStack } from '@tend/testing';

/**
 * The checks graphql-cop runs, each as an attack on the running gateway, plus
 * the graphql-armor limits (depth 6, aliases 15, directives 50, tokens 1,000,
 * cost 5,000). Introspection is off, as in production.
 */
describe('the public endpoint under attack', () => {
  let stack: TestStack;
  let learner: Member;

  beforeAll(async () => {
    stack = await startTestStack();
    const acme = await givenOrganization(stack);
    learner = await givenPerson(stack, acme, { name: 'Lena', role: Role.LEARNER, timezone: 'UTC' });
  });

  afterAll(() => stack?.stop());

  const post = (body: unknown, headers: Record<string, string> = {}) =>
    request(stack.urls.gateway)
      .post('/graphql')
      .set({ 'content-type': 'application/json', authorization: `Bearer ${learner.token}`, ...headers })
      .send(JSON.stringify(body));

  const refusal = async (query: string, operationName?: string) => {
    const response = await post({ query, operationName });
    expect(response.body.data ?? null).toBeNull();
    expect(response.body.errors?.length).toBeGreaterThan(0);
    return response.body.errors[0] as { message: string; extensions: { code: string } };
  };

  const nested = (depth: number) => `{ me ${'{ leader '.repeat(depth - 2)}{ id }${' }'.repeat(depth - 2)} }`;

  it('answers a query within every limit', async () => {
    const response = await post({ query: nested(6) });
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data.me).toEqual({ leader: null });
  });

  it('refuses a query deeper than 6', async () => {
    expect((await refusal(nested(7))).extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('refuses alias overloading (16 aliases)', async () => {
    const aliases = Array.from({ length: 16 }, (_, index) => `a${index}: me { id }`).join(' ');
    expect((await refusal(`{ ${aliases} }`)).extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('refuses directive overloading (51 directives)', async () => {
    const directives = '@include(if: true) '.repeat(51);
    expect((await refusal(`{ me { id ${directives} } }`)).extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('refuses a query of more than 1,000 tokens', async () => {
    const fields = Array.from({ length: 1100 }, () => 'id').join(' ');
    const error = await refusal(`{ me { ${fields} } }`);
    expect(error.extensions.code).toMatch(/GRAPHQL_(PARSE|VALIDATION)_FAILED/);
  });

  it('refuses a query that costs more than 5,000, even when fragments keep it short', async () => {
    // 80 tokens, depth 6 and no aliases; each spread of a fragment costs its whole selection again.
    const query = `query { me { ...Wide leader { ...Wide } leader { ...Wide } leader { ...Wide } } }
      fragment Wide on Person { ...Leaf leader { ...Leaf } leader { ...Leaf } leader { ...Leaf } leader { ...Leaf } }
      fragment Leaf on Person { id email name role timezone team { id name } leader { id email name role timezone team { id name } } }`;
    const error = await refusal(query);
    expect(error.extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(error.message).toMatch(/cost/i);
  });

  it('gives no exemption to an operation or a fragment named __schema', async () => {
    const deep = nested(8);
    expect((await refusal(`query __schema ${deep}`, '__schema')).extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const viaFragment = `query { me { ...__schema } } fragment __schema on Person { ${'leader { '.repeat(7)}id${' }'.repeat(7)} }`;
    expect((await refusal(viaFragment)).extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('refuses batched operations', async () => {
    const response = await post([{ query: '{ me { id } }' }, { query: '{ me { id } }' }]);
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(JSON.stringify(response.body)).not.toContain('"me"');
  });

  it('does not suggest field names', async () => {
    const error = await refusal('{ me { emai } }');
    expect(error.message).not.toMatch(/did you mean/i);
  });

  it('keeps introspection off, circular or not', async () => {
    expect((await refusal('{ __schema { queryType { name } } }')).extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const circular = `{ __schema { types { fields { type { fields { type { fields { type { name } } } } } } } } }`;
    expect((await refusal(circular)).extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect((await refusal('{ __type(name: "Person") { name } }')).extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('takes no mutation over GET (CSRF)', async () => {
    const response = await request(stack.urls.gateway)
      .get('/graphql')
      .query({ query: 'mutation { createTrack(input: { title: "csrf" }) { id } }' })
      .set({ authorization: `Bearer ${learner.token}`, 'apollo-require-preflight': 'true' });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(JSON.stringify(response.body)).not.toContain('createTrack":{');
  });

  it('takes no GET query without a preflight header (CSRF)', async () => {
    const response = await request(stack.urls.gateway)
      .get('/graphql')
      .query({ query: '{ me { id } }' })
      .set({ authorization: `Bearer ${learner.token}` });
    expect(response.status).toBe(400);
  });

  it('takes no form post (CSRF)', async () => {
    const form = await request(stack.urls.gateway)
      .post('/graphql')
      .set({ authorization: `Bearer ${learner.token}`, 'content-type': 'application/x-www-form-urlencoded' })
      .send('query=mutation%20%7B%20createTrack(input%3A%20%7Btitle%3A%20%22csrf%22%7D)%20%7B%20id%20%7D%20%7D');
    expect(form.status).toBeGreaterThanOrEqual(400);
    const text = await request(stack.urls.gateway)
      .post('/graphql')
      .set({ authorization: `Bearer ${learner.token}`, 'content-type': 'text/plain' })
      .send(JSON.stringify({ query: '{ me { id } }' }));
    expect(text.status).toBeGreaterThanOrEqual(400);
  });

  it('sends no traces and no stack traces', async () => {
    const traced = await post({ query: '{ me { id } }' }, { 'apollo-federation-include-trace': 'ftv1' });
    expect(traced.body.extensions).toBeUndefined();
    const failed = await post({ query: 'mutation { createTrack(input: { title: "x" }) { id } }' });
    expect(failed.body.errors[0].extensions).toEqual({ code: 'FORBIDDEN' });
    expect(JSON.stringify(failed.body)).not.toMatch(/stacktrace|at \w+ \(/i);
  });
});
