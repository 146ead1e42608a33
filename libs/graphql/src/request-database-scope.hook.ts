import { AsyncResource } from 'node:async_hooks';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { runInOrganization } from '@tend/database';

const scopeResource = Symbol('tend.databaseScope');

declare module 'fastify' {
  interface FastifyRequest {
    [scopeResource]?: AsyncResource;
  }
}

/**
 * Runs each request in its caller's organization, so that row-level security
 * shows its queries only that organization's rows. Registered after the
 * gateway signature check, which sets `request.principal`. The scope is entered
 * again before validation because body parsing continues outside it (the same
 * technique as @fastify/request-context).
 */
export function scopeRequestsToOrganization(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (request, _reply, done) => {
    const principal = request.principal;
    if (!principal || principal.kind === 'gateway') return done();
    runInOrganization(principal.organizationId, () => {
      const resource = new AsyncResource('tend.databaseScope');
      request[scopeResource] = resource;
      resource.runInAsyncScope(done, request.raw);
    });
  });
  fastify.addHook('preValidation', (request: FastifyRequest, _reply, done) => {
    const resource = request[scopeResource];
    if (resource) resource.runInAsyncScope(done, request.raw);
    else done();
  });
}
