import { DynamicModule, INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import { PrincipalSigner, requireGatewaySignature } from '@tend/auth';
import { loadConfigOrExit, ServiceConfig } from '@tend/config';
import { fastifyRequestIds } from '@tend/observability';
import { scopeRequestsToOrganization } from './request-database-scope.hook';

/** Request bodies beyond this are refused before parsing; lessons are short by design. */
const BODY_LIMIT_BYTES = 1024 * 1024;

/**
 * Starts a subgraph service: Fastify, pino logs, the gateway signature check, graceful shutdown.
 * Only the gateway reaches a subgraph, and it has already limited what it forwards; a service
 * with a bulk operation (cohorts' `importPeople`) raises `bodyLimitBytes` to match. Bodies of
 * `textContentTypes` reach their controllers as text, for a protocol that answers bad JSON itself.
 */
export async function startSubgraph(
  appModule: DynamicModule,
  config: ServiceConfig,
  options: { bodyLimitBytes?: number; textContentTypes?: string[] } = {},
): Promise<INestApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(
    appModule,
    new FastifyAdapter({ bodyLimit: options.bodyLimitBytes ?? BODY_LIMIT_BYTES, ...fastifyRequestIds }),
    { bufferLogs: true },
  );
  app.useLogger(app.get(Logger));
  const fastify = app.getHttpAdapter().getInstance();
  for (const contentType of options.textContentTypes ?? []) {
    fastify.addContentTypeParser(contentType, { parseAs: 'string' }, (_request, body, done) => done(null, body));
  }
  requireGatewaySignature(fastify, new PrincipalSigner(config.GATEWAY_SIGNING_SECRET));
  scopeRequestsToOrganization(fastify);
  app.enableShutdownHooks();
  await app.listen({ host: config.HOST, port: config.PORT });
  return app;
}

/** A service's `main`: a bad configuration stops the start with one clear message and exit code 1. */
export function runService<C extends ServiceConfig>(
  configClass: new () => C,
  moduleFor: (config: C) => DynamicModule,
  start: (appModule: DynamicModule, config: C) => Promise<unknown> = startSubgraph,
): void {
  const config = loadConfigOrExit(configClass);
  start(moduleFor(config), config).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
