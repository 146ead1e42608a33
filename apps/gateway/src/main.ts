import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import { loadConfigOrExit } from '@tend/config';
import { BODY_LIMIT_BYTES, limitRequestBodies } from './body-limits/body-limits';
import { GatewayConfig } from './gateway.config';
import { GatewayModule } from './gateway.module';

async function main(): Promise<void> {
  const config = loadConfigOrExit(GatewayConfig);
  const app = await NestFactory.create<NestFastifyApplication>(
    GatewayModule.register(config),
    new FastifyAdapter({ bodyLimit: BODY_LIMIT_BYTES }),
    // Fastify's own JSON parser stays, and limitRequestBodies wraps it with the per-operation limit.
    { bufferLogs: true, bodyParser: false },
  );
  app.useLogger(app.get(Logger));
  limitRequestBodies(app.getHttpAdapter().getInstance());
  app.enableShutdownHooks();
  await app.listen({ host: config.HOST, port: config.PORT });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
