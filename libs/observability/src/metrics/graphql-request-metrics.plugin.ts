import { performance } from 'node:perf_hooks';
import type { ApolloServerPlugin } from '@apollo/server';
import { Histogram } from 'prom-client';
import { INVALID_OPERATION, OperationLabels } from './operation-labels';

/** Distinct operation names a process gives a series of their own; any further name is `other`. */
export const OPERATION_LABEL_LIMIT = 100;

/**
 * How a request ended: `ok` (no error), `error` (it ran, and its response carries an error),
 * `refused` (its document did not parse or validate, or broke a limit, so it never ran).
 */
export type RequestOutcome = 'ok' | 'error' | 'refused';

export const graphqlRequestDuration = new Histogram({
  name: 'tend_graphql_request_duration_seconds',
  help: 'GraphQL requests from their arrival to their response, by operation name and outcome (ok, error, refused)',
  labelNames: ['operation', 'outcome'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
});

/** A request context that says when the request arrived, before the context was built (authentication, say). */
export interface TimedRequestContext {
  receivedAt?: number;
}

/**
 * Times every GraphQL request into `tend_graphql_request_duration_seconds`. A request costs two
 * clock reads, a lookup of its operation's label and one histogram observation; the operation name
 * is taken only once the document has parsed and validated (Apollo's `didResolveOperation`), and
 * the number of names is bounded (`OperationLabels`).
 */
export function graphqlRequestMetricsPlugin(
  labels: OperationLabels = new OperationLabels(OPERATION_LABEL_LIMIT),
): ApolloServerPlugin<TimedRequestContext> {
  return {
    async requestDidStart({ contextValue }) {
      const startedAt = contextValue.receivedAt ?? performance.now();
      let operation = INVALID_OPERATION;
      return {
        async didResolveOperation({ operationName }) {
          operation = labels.labelFor(operationName);
        },
        async willSendResponse({ response }) {
          const failed = response.body.kind === 'single' && (response.body.singleResult.errors?.length ?? 0) > 0;
          const outcome: RequestOutcome = operation === INVALID_OPERATION ? 'refused' : failed ? 'error' : 'ok';
          graphqlRequestDuration.observe({ operation, outcome }, (performance.now() - startedAt) / 1000);
        },
      };
    },
  };
}
