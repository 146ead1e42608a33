// First: tracing patches pg, ioredis and http as they load (docs/ARCHITECTURE.md#traces).
import './tracing';
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import { loadConfigOrExit } from '@tend/config';
import { fastifyRequestIds } from '@tend/observability';
import { acceptBodiesAsText, BODY_LIMIT_BYTES, limitRequestBodies } from './body-limits/body-limits';
import { GatewayConfig } from './gateway.config';
import { GatewayModule } from './gateway.module';
import { shedLoad } from './load-shedding/load-shedding';
import { FORM_CONTENT_TYPE } from './lti/lti-proxy.controller';
import { SCIM_CONTENT_TYPE } from './scim/scim-proxy.controller';
import { serveWebApp } from './web-app/web-app';

async function main(): Promise<void> {
  const config = loadConfigOrExit(GatewayConfig);
  const adapter = new FastifyAdapter({ bodyLimit: BODY_LIMIT_BYTES, ...fastifyRequestIds });
  // Before NestFactory.create adds Nest's middleware (the request log among them), so that a
  // refusal runs none of it: under a burst, the refusals outnumber the answers many times over.
  await shedLoad(adapter.getInstance(), {
    maxEventLoopDelayMs: config.LOAD_SHEDDING_MAX_EVENT_LOOP_DELAY_MS,
    maxEventLoopUtilization: config.LOAD_SHEDDING_MAX_EVENT_LOOP_UTILIZATION,
    maxInFlight: config.LOAD_SHEDDING_MAX_IN_FLIGHT,
    retryAfterSeconds: config.LOAD_SHEDDING_RETRY_AFTER_SECONDS,
  });
  const app = await NestFactory.create<NestFastifyApplication>(
    GatewayModule.register(config),
    adapter,
    // Fastify's own JSON parser stays, and limitRequestBodies wraps it with the per-operation limit.
    { bufferLogs: true, bodyParser: false },
  );
  app.useLogger(app.get(Logger));
  limitRequestBodies(app.getHttpAdapter().getInstance());
  acceptBodiesAsText(app.getHttpAdapter().getInstance(), SCIM_CONTENT_TYPE);
  acceptBodiesAsText(app.getHttpAdapter().getInstance(), FORM_CONTENT_TYPE);
  if (!(await serveWebApp(app.getHttpAdapter().getInstance(), config.WEB_APP_DIR))) {
    app.get(Logger).warn(`No web app in ${config.WEB_APP_DIR} (npm run build:web builds it); serving the API only`);
  }
  app.enableShutdownHooks();
  await app.listen({ host: config.HOST, port: config.PORT });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
