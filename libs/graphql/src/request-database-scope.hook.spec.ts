import Fastify from 'fastify';
import { Principal, Role } from '@tend/auth';
import { currentDatabaseScope } from '@tend/database';
import { scopeRequestsToOrganization } from './request-database-scope.hook';

const ACME = '7b0f7f3e-5d1c-4c8e-9a53-1f0c2a4b6d71';

/** A server that takes the principal from a header, as the gateway signature check would, and reports the scope its handler ran in. */
async function serverWithPrincipal() {
  const fastify = Fastify();
  fastify.addHook('onRequest', async (request) => {
    const header = request.headers['x-test-principal'];
    if (typeof header === 'string') request.principal = JSON.parse(header) as Principal;
  });
  scopeRequestsToOrganization(fastify);
  // The body is parsed after onRequest, outside the scope's async context, and a reply may wait on I/O.
  fastify.post('/graphql', async () => {
    await new Promise((resolve) => setTimeout(resolve, 5));
    return { scope: currentDatabaseScope() ?? null };
  });
  await fastify.ready();
  return fastify;
}

describe('requests run in their caller’s organization', () => {
  it('a learner’s request, body and all, runs in their organization', async () => {
    const fastify = await serverWithPrincipal();
    const principal: Principal = { kind: 'person', organizationId: ACME, personId: ACME, role: Role.LEARNER };
    const response = await fastify.inject({
      method: 'POST',
      url: '/graphql',
      headers: { 'x-test-principal': JSON.stringify(principal), 'content-type': 'application/json' },
      payload: { query: '{ today { date } }' },
    });
    expect(response.json()).toEqual({ scope: { kind: 'organization', organizationId: ACME } });
    await fastify.close();
  });

  it('the gateway’s own requests (composition, internal lookups) run in no organization', async () => {
    const fastify = await serverWithPrincipal();
    const response = await fastify.inject({
      method: 'POST',
      url: '/graphql',
      headers: { 'x-test-principal': JSON.stringify({ kind: 'gateway' }), 'content-type': 'application/json' },
      payload: { query: '{ _service { sdl } }' },
    });
    expect(response.json()).toEqual({ scope: null });
    await fastify.close();
  });
});
