import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import { loadConfigOrExit } from '@tend/config';
import { GatewayConfig } from './gateway.config';
import { GatewayModule } from './gateway.module';

/** GraphQL requests are small; anything larger is refused before parsing. */
const BODY_LIMIT_BYTES = 256 * 1024;

async function main(): Promise<void> {
  const config = loadConfigOrExit(GatewayConfig);
  const app = await NestFactory.create<NestFastifyApplication>(
    GatewayModule.register(config),
    new FastifyAdapter({ bodyLimit: BODY_LIMIT_BYTES }),
    { bufferLogs: true },
  );
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  await app.listen({ host: config.HOST, port: config.PORT });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
