import underPressure, { type FastifyUnderPressureOptions } from '@fastify/under-pressure';
import { Logger } from '@nestjs/common';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

export interface LoadSheddingLimits {
  /** Mean event-loop delay over the last sample, in ms; 0: not checked. */
  maxEventLoopDelayMs: number;
  /** Share of the last sample the event loop was busy (0-1); 0: not checked. */
  maxEventLoopUtilization: number;
  /** GraphQL requests worked on at once; 0: not checked. */
  maxInFlight: number;
  /** What a refusal's Retry-After says, in seconds. */
  retryAfterSeconds: number;
}

/** How often the event-loop figures are sampled: a busy spell is shed within half a second. */
const SAMPLE_INTERVAL_MS = 500;

/** Refusals are logged as one line per this long, not one per request: logging each would add to the load. */
const REPORT_EVERY_MS = 10_000;

/**
 * The liveness and readiness probes are never shed. A replica that sheds is doing its job: it
 * answers what it can in time and refuses the rest cheaply. Failing /health would have it
 * restarted, losing the work in flight; failing /ready would take it out of the load balancer and
 * push its share onto the other replicas, which would then shed (or fail) in turn. Both are cheap
 * (no I/O), and both are still slow when the event loop really is stuck, which is the signal a
 * probe's timeout is for. Prometheus's scrape of /metrics is not shed either: an overload is when
 * its figures are wanted.
 */
const PROBES = new Set(['/health', '/ready', '/metrics']);

function isProbe(request: FastifyRequest): boolean {
  return PROBES.has(request.url.split('?', 1)[0] ?? '');
}

type Reason = 'in-flight' | 'event-loop';

/** Sends refusals: HTTP 503, Retry-After, and a GraphQL-shaped body with a stable `extensions.code`. */
class Refusals {
  private readonly logger = new Logger('LoadShedding');
  private readonly counts: Record<Reason, number> = { 'in-flight': 0, 'event-loop': 0 };
  private report?: NodeJS.Timeout;

  constructor(private readonly retryAfterSeconds: number) {}

  /** The body to send; the status and headers are set on `reply`. */
  refuse(reply: FastifyReply, reason: Reason) {
    this.count(reason);
    reply.code(503).header('retry-after', String(this.retryAfterSeconds)).header('content-type', 'application/json');
    return {
      errors: [
        {
          message: `The gateway is too busy; try again in ${this.retryAfterSeconds} s`,
          extensions: { code: 'SERVICE_UNAVAILABLE', retryAfter: this.retryAfterSeconds },
        },
      ],
    };
  }

  private count(reason: Reason): void {
    this.counts[reason] += 1;
    this.report ??= setTimeout(() => {
      this.logger.warn({ refused: { ...this.counts }, seconds: REPORT_EVERY_MS / 1000 }, 'shed load');
      this.counts['in-flight'] = 0;
      this.counts['event-loop'] = 0;
      this.report = undefined;
    }, REPORT_EVERY_MS).unref();
  }
}

/**
 * What under-pressure does while over a limit. Nullish lets the request through; any other value
 * the plugin sends as the response, without running the request further (its README says so; its
 * types allow only void). Sending here instead and returning nothing would let the request go on
 * until the reply has been written.
 */
function refuseUnlessProbe(refusals: Refusals): FastifyUnderPressureOptions['pressureHandler'] {
  const handler = (request: FastifyRequest, reply: FastifyReply): unknown =>
    isProbe(request) ? undefined : refusals.refuse(reply, 'event-loop');
  return handler as FastifyUnderPressureOptions['pressureHandler'];
}

/**
 * Refuses requests at once (HTTP 503, Retry-After, SERVICE_UNAVAILABLE) rather than queueing them
 * behind work the gateway cannot finish in time, on two signals:
 *
 * - the event loop (@fastify/under-pressure): its mean delay, and optionally its utilization,
 *   over the last sample; everything but the probes is refused while either is over its limit;
 * - the queue: the requests the gateway works on at once, counted from their `onRequest` (headers
 *   read, before the body) until their response is done or its connection closed. One over the
 *   limit is refused before its body is read, parsed or authenticated.
 *
 * Register before Nest adds its middleware (NestFactory.create does), so that a refusal runs none of it.
 */
export async function shedLoad(fastify: FastifyInstance, limits: LoadSheddingLimits): Promise<void> {
  const refusals = new Refusals(limits.retryAfterSeconds);
  await fastify.register(underPressure, {
    maxEventLoopDelay: limits.maxEventLoopDelayMs,
    maxEventLoopUtilization: limits.maxEventLoopUtilization,
    // The plugin's default is the utilization since the process started, which says nothing about now.
    eventLoopUtilizationMode: 'interval',
    sampleInterval: SAMPLE_INTERVAL_MS,
    pressureHandler: refuseUnlessProbe(refusals),
  });

  if (limits.maxInFlight <= 0) return;
  let inFlight = 0;
  fastify.addHook('onRequest', (request, reply, done) => {
    if (isProbe(request)) return done();
    if (inFlight >= limits.maxInFlight) {
      // Not calling done ends the request here: no body is read, nothing else runs.
      reply.send(refusals.refuse(reply, 'in-flight'));
      return;
    }
    inFlight += 1;
    // `close` comes once for every response, sent or cut off by a client that left before it was
    // sent (which never reaches onResponse), so a slot is never lost.
    reply.raw.once('close', () => {
      inFlight -= 1;
    });
    done();
  });
}
