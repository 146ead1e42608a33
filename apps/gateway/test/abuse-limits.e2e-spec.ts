import request from 'supertest';
import { Role } from '@tend/auth';
import { givenOrganization, givenPerson, GRAPHQL_COP, Member, startTestStack, TestStack } from '@tend/testing';

/**
 * The checks graphql-cop runs, each as an attack on the running gateway, plus
 * the graphql-armor limits (depth 6, aliases 15, directives 50, tokens 1,000,
 * cost 5,000) and Tend's own (15 fields selected again beside themselves). A
 * refused document gets one error, its first. Introspection is off, as in production.
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

  const {
    aliasOverloading: copAliases,
    directiveOverloading: copDirectives,
    fieldDuplication: copFieldDuplication,
  } = GRAPHQL_COP;

  /** The one error a refused document gets, however many problems it repeats. */
  const oneRefusal = async (query: string, operationName?: string) => {
    const response = await post({ query, operationName });
    expect(response.status).toBe(400);
    expect(response.body.data ?? null).toBeNull();
    expect(response.body.errors).toHaveLength(1);
    return response.body.errors[0] as { message: string; extensions: { code: string } };
  };

  it("refuses graphql-cop's alias overloading: an aliased __typename is an alias too", async () => {
    const error = await oneRefusal(copAliases);
    expect(error.extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED' });
    expect(error.message).toMatch(/aliases limit of 15 exceeded, found 101/i);
  });

  it("refuses graphql-cop's directive overloading once, not once per repeated directive", async () => {
    const error = await oneRefusal(copDirectives);
    expect(error).toMatchObject({
      message: 'Unknown directive "@aa".',
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
  });

  it("refuses graphql-cop's field duplication: __typename five hundred times", async () => {
    const error = await oneRefusal(copFieldDuplication);
    expect(error.extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED' });
    expect(error.message).toMatch(/field duplication limit of 15 exceeded/i);
  });

  it('refuses a fragment spread three hundred times beside itself, however cheap the fragment', async () => {
    const error = await oneRefusal(`{ ${'...Name '.repeat(300)}} fragment Name on Query { __typename }`);
    expect(error.message).toMatch(/field duplication limit of 15 exceeded: "\.\.\.Name"/i);
  });

  it('still answers a field that fragments select again, and a field written twice', async () => {
    const response = await post({
      query: '{ me { id id name ...Names } } fragment Names on Person { id name leader { id } }',
    });
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data.me).toEqual({ id: learner.id, name: 'Lena', leader: null });
  });

  it('refuses a repeated unknown argument once', async () => {
    const repeated = Array.from({ length: 30 }, () => 'aa: 1').join(', ');
    const error = await oneRefusal(`{ me { leader(${repeated}) { id } } }`);
    expect(error.extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED' });
  });

  it('refuses repeated spreads of an unknown fragment, unused fragments and unused variables once each', async () => {
    const fragments = Array.from({ length: 30 }, (_, index) => `fragment F${index} on Person { id }`).join(' ');
    const variables = Array.from({ length: 30 }, (_, index) => `$v${index}: Int`).join(' ');
    for (const query of [
      `{ me { id ${'...Missing '.repeat(50)}} }`,
      `{ me { id } } ${fragments}`,
      `query (${variables}) { me { id } }`,
      `{ me { ${'unknown '.repeat(50)}} }`,
    ]) {
      expect((await oneRefusal(query)).extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED' });
    }
  });

  it('counts aliases in a fragment as often as it is spread', async () => {
    const aliases = 'a: __typename b: __typename c: __typename d: __typename e: __typename';
    const error = await oneRefusal(`{ ...Names ...Names ...Names ...Names } fragment Names on Query { ${aliases} }`);
    expect(error.message).toMatch(/aliases limit of 15 exceeded, found 20/i);
  });

  it('refuses meta fields with introspection off, aliased or in a fragment', async () => {
    for (const query of [
      '{ t: __type(name: "Query") { name } }',
      '{ ...Meta } fragment Meta on Query { s: __schema { queryType { name } } }',
    ]) {
      const error = await oneRefusal(query);
      expect(error).toMatchObject({ message: expect.stringMatching(/introspection is not allowed/i) });
    }
  });

  it('runs the one operation a document of many names, and refuses to guess which one to run', async () => {
    const operations = Array.from({ length: 40 }, (_, index) => `query q${index} { __typename }`).join(' ');
    const named = await post({ query: operations, operationName: 'q3' });
    expect(named.body).toEqual({ data: { __typename: 'Query' } });
    expect(await oneRefusal(operations)).toEqual({
      message: 'The document has more than one operation; name the one to run in operationName.',
      extensions: { code: 'OPERATION_RESOLUTION_FAILURE' },
    });
    expect((await oneRefusal(operations, 'q40')).extensions).toEqual({ code: 'OPERATION_RESOLUTION_FAILURE' });
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

  it("serves no GraphQL IDE to a browser (graphql-cop's IDE check): no playground page loading scripts from a CDN", async () => {
    const response = await request(stack.urls.gateway).get('/graphql').set({ accept: 'text/html' });
    expect(response.headers['content-type'] ?? '').not.toMatch(/text\/html/);
    expect(response.text).not.toMatch(/GraphiQL|GraphQL Playground|embeddable-sandbox|cdn\.jsdelivr/i);
  });

  it('sends no traces and no stack traces', async () => {
    const traced = await post({ query: '{ me { id } }' }, { 'apollo-federation-include-trace': 'ftv1' });
    expect(traced.body.extensions).toBeUndefined();
    const failed = await post({ query: 'mutation { createTrack(input: { title: "x" }) { id } }' });
    expect(failed.body.errors[0].extensions).toEqual({ code: 'FORBIDDEN' });
    expect(JSON.stringify(failed.body)).not.toMatch(/stacktrace|at \w+ \(/i);
  });
});
