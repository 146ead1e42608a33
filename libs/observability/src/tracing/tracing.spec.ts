import { context, ROOT_CONTEXT, SpanKind, trace, TraceFlags } from '@opentelemetry/api';
import { SamplingDecision } from '@opentelemetry/sdk-trace-base';
import { RequestRootedSampler } from './tracing';

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';

function decide(sampler: RequestRootedSampler, kind: SpanKind, parentFlags?: TraceFlags): SamplingDecision {
  const parent =
    parentFlags === undefined
      ? ROOT_CONTEXT
      : trace.setSpanContext(context.active(), {
          traceId: TRACE_ID,
          spanId: '00f067aa0ba902b7',
          traceFlags: parentFlags,
        });
  return sampler.shouldSample(parent, TRACE_ID, 'span', kind, {}, []).decision;
}

describe('which work starts a trace', () => {
  const everyRequest = new RequestRootedSampler(1);

  it('a request arriving starts one', () => {
    expect(decide(everyRequest, SpanKind.SERVER)).toBe(SamplingDecision.RECORD_AND_SAMPLED);
  });

  it("a schedule's own tick (a job added or checked outside any request) starts none", () => {
    for (const kind of [SpanKind.PRODUCER, SpanKind.CONSUMER, SpanKind.INTERNAL, SpanKind.CLIENT]) {
      expect(decide(everyRequest, kind)).toBe(SamplingDecision.NOT_RECORD);
    }
  });

  it("what a traced request sets off stays in its trace, and an untraced request's work stays out", () => {
    expect(decide(everyRequest, SpanKind.PRODUCER, TraceFlags.SAMPLED)).toBe(SamplingDecision.RECORD_AND_SAMPLED);
    expect(decide(everyRequest, SpanKind.CONSUMER, TraceFlags.SAMPLED)).toBe(SamplingDecision.RECORD_AND_SAMPLED);
    expect(decide(everyRequest, SpanKind.PRODUCER, TraceFlags.NONE)).toBe(SamplingDecision.NOT_RECORD);
  });

  it('a share of 0 traces no request', () => {
    expect(decide(new RequestRootedSampler(0), SpanKind.SERVER)).toBe(SamplingDecision.NOT_RECORD);
  });
});
