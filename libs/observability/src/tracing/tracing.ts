import { IncomingMessage } from 'node:http';
import { Attributes, Context, isSpanContextValid, Link, SpanKind, trace } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { IORedisInstrumentation } from '@opentelemetry/instrumentation-ioredis';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BatchSpanProcessor,
  ParentBasedSampler,
  Sampler,
  SamplingDecision,
  SamplingResult,
  TraceIdRatioBasedSampler,
} from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import {
  ATTR_SERVICE_NAME,
  ATTR_SERVICE_VERSION,
  ATTR_URL_FULL,
  ATTR_URL_QUERY,
} from '@opentelemetry/semantic-conventions';
import { BullMQOtel } from 'bullmq-otel';

/** What the probes and Prometheus ask every few seconds: a trace of each would bury the requests. */
const UNTRACED_PATHS = new Set(['/health', '/ready', '/metrics']);

let provider: NodeTracerProvider | undefined;

/**
 * A trace starts where a request arrives, and takes in everything the request sets off: its
 * subgraph calls, statements, and the jobs it enqueues, however far they run. Work a schedule
 * starts on its own (the relay's tick every second, a stalled-job check) starts no trace, else
 * those ticks would outnumber the requests. `OTEL_TRACES_SAMPLER_ARG` is the share of requests
 * traced, 1 by default.
 */
export class RequestRootedSampler implements Sampler {
  private readonly requests: Sampler;

  constructor(ratio: number) {
    this.requests = new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(ratio) });
  }

  shouldSample(
    context: Context,
    traceId: string,
    name: string,
    kind: SpanKind,
    attributes: Attributes,
    links: Link[],
  ): SamplingResult {
    const parent = trace.getSpanContext(context);
    if ((!parent || !isSpanContextValid(parent)) && kind !== SpanKind.SERVER) {
      return { decision: SamplingDecision.NOT_RECORD };
    }
    return this.requests.shouldSample(context, traceId, name, kind, attributes, links);
  }

  toString(): string {
    return `RequestRootedSampler{${this.requests.toString()}}`;
  }
}

function requestShare(env: NodeJS.ProcessEnv): number {
  const share = Number(env.OTEL_TRACES_SAMPLER_ARG ?? 1);
  return Number.isFinite(share) && share >= 0 && share <= 1 ? share : 1;
}

/** Whether an OTLP endpoint is configured, by the variables every OpenTelemetry SDK reads. */
export function tracingConfigured(env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT || env.OTEL_EXPORTER_OTLP_ENDPOINT);
}

/**
 * Traces the process across its HTTP hops (W3C `traceparent` in and out), Postgres, Redis and
 * BullMQ jobs, exported over OTLP/HTTP to the configured endpoint (docs/ARCHITECTURE.md#traces).
 * Off, and free, without an endpoint. Must run before `pg` and `ioredis` are first required:
 * the instrumentations patch a module as it loads, so each service's main imports this first.
 */
export function startTracing(service: string, env: NodeJS.ProcessEnv = process.env): boolean {
  if (provider || !tracingConfigured(env)) return Boolean(provider);
  provider = new NodeTracerProvider({
    resource: resourceFromAttributes({
      [ATTR_SERVICE_NAME]: env.OTEL_SERVICE_NAME || `tend-${service}`,
      [ATTR_SERVICE_VERSION]: env.npm_package_version ?? '0.1.0',
    }),
    sampler: new RequestRootedSampler(requestShare(env)),
    // The exporter and the batch read OTEL_EXPORTER_OTLP_* and OTEL_BSP_* themselves.
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter())],
  });
  provider.register();
  registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (request) => UNTRACED_PATHS.has((request.url ?? '').split('?')[0]),
        // A query string can carry people's data (a SCIM filter names an email) or a receiver's
        // token: spans keep the path, as the logs do.
        requestHook: (span, request) => {
          if (request instanceof IncomingMessage) {
            if (request.url?.includes('?')) span.setAttribute(ATTR_URL_QUERY, '[redacted]');
          } else if (request.path.includes('?')) {
            span.setAttribute(ATTR_URL_FULL, `${request.protocol}//${request.host}${request.path.split('?')[0]}`);
          }
        },
      }),
      // Only inside a request's or a job's trace: the workers' polling would otherwise start a
      // trace of its own every few seconds.
      new PgInstrumentation({ requireParentSpan: true }),
      new IORedisInstrumentation({ requireParentSpan: true }),
    ],
  });
  return true;
}

/** Sends what is still batched, at shutdown; nothing when tracing is off. */
export async function flushTracing(): Promise<void> {
  await provider?.forceFlush();
}

/**
 * BullMQ's telemetry for queues and workers when tracing is on: a job added in a trace carries its
 * context in the job, and the worker's processing continues that trace.
 */
export function jobTelemetry(): BullMQOtel | undefined {
  return provider ? new BullMQOtel({ tracerName: 'tend-jobs' }) : undefined;
}

/** The ids a log line carries to find its trace; none outside one, or when tracing is off. */
export function activeTraceIds(): { trace_id: string; span_id: string } | Record<string, never> {
  if (!provider) return {};
  const span = trace.getActiveSpan();
  if (!span) return {};
  const { traceId, spanId } = span.spanContext();
  return { trace_id: traceId, span_id: spanId };
}
