import { randomUUID } from 'node:crypto';
import { DynamicModule } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import pino from 'pino';
import { activeTraceIds } from './tracing/tracing';

/**
 * The id a request is logged under: the caller's `x-request-id` when it is a short plain token,
 * else a fresh one, so a caller can correlate its requests but cannot write into the logs.
 */
export function requestIdFrom(given: unknown): string {
  return typeof given === 'string' && /^[\w-]{1,64}$/.test(given) ? given : randomUUID();
}

/**
 * Fastify's id for a request, which the request log and every line logged while serving it carry:
 * the gateway forwards it to the subgraphs as `x-request-id`, so one id names the request everywhere.
 */
export const fastifyRequestIds = {
  genReqId: (request: { headers: Record<string, string | string[] | undefined> }): string =>
    requestIdFrom(request.headers['x-request-id']),
};

/** The probes and Prometheus's scrapes, which would fill the log with lines that say nothing. */
const UNLOGGED_PATHS = new Set(['/health', '/ready', '/metrics']);

/**
 * Structured JSON logs with a request id. Credentials and bodies are never
 * logged: the redaction list covers every header that carries a secret.
 */
export function loggingModule(service: string, level: string): DynamicModule {
  return LoggerModule.forRoot({
    pinoHttp: [
      {
        level,
        name: service,
        // When tracing, each line names its trace, so a log line leads to the request's whole path.
        mixin: activeTraceIds,
        redact: {
          paths: [
            'req.headers.authorization',
            'req.headers.cookie',
            'req.headers["x-tend-principal"]',
            'req.headers["x-tend-signature"]',
          ],
          censor: '[redacted]',
        },
        serializers: {
          // The path alone: a query string can carry people's data (a SCIM filter names an email).
          req: (req: { id: string; method: string; url: string }) => ({
            id: req.id,
            method: req.method,
            url: req.url.split('?')[0],
          }),
        },
        autoLogging: { ignore: (request) => UNLOGGED_PATHS.has(request.url ?? '') },
      },
      // Written without blocking: while one write is under way, the lines after it gather and leave
      // in one write. A write of its own per request cost a service about a twentieth of its CPU.
      pino.destination({ dest: 1, sync: false }),
    ],
  });
}
