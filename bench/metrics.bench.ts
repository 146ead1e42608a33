// `npm run bench -- metrics`: what Prometheus metrics cost a GraphQL request, measured as the
// cheapest request there is (one constant field through Apollo Server, no HTTP), with and without
// Tend's request metrics plugin, alternating runs in the same process; and what a scrape of
// /metrics costs once the operation label set is full. A real request (a learner's `today` through
// the gateway) costs milliseconds, so the plugin's share of it is smaller still.
import { performance } from 'node:perf_hooks';
import { ApolloServer, ApolloServerPlugin } from '@apollo/server';
import { register } from 'prom-client';
import { graphqlRequestMetricsPlugin, OPERATION_LABEL_LIMIT, OperationLabels } from '@tend/observability';

const REQUESTS = 20_000;
const ROUNDS = 5;
const OPERATIONS = ['Today', 'Me', 'Tracks', 'CompleteLesson', 'ReviewCard'];

async function serverWith(plugins: ApolloServerPlugin[]): Promise<ApolloServer> {
  const server = new ApolloServer({
    typeDefs: 'type Query { hello: String! }',
    resolvers: { Query: { hello: () => 'world' } },
    plugins,
  });
  await server.start();
  return server;
}

/** Microseconds a request, the median of ROUNDS runs of REQUESTS requests. */
async function microsecondsPerRequest(server: ApolloServer, runs: number[]): Promise<void> {
  const started = performance.now();
  for (let i = 0; i < REQUESTS; i++) {
    const operationName = OPERATIONS[i % OPERATIONS.length];
    await server.executeOperation({ query: `query ${operationName} { hello }`, operationName });
  }
  runs.push(((performance.now() - started) * 1000) / REQUESTS);
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main(): Promise<void> {
  const bare = await serverWith([]);
  const measured = await serverWith([graphqlRequestMetricsPlugin()]);
  const bareRuns: number[] = [];
  const measuredRuns: number[] = [];
  await microsecondsPerRequest(bare, []);
  await microsecondsPerRequest(measured, []);
  for (let round = 0; round < ROUNDS; round++) {
    await microsecondsPerRequest(bare, bareRuns);
    await microsecondsPerRequest(measured, measuredRuns);
  }
  const [withMetrics, without] = [median(measuredRuns), median(bareRuns)];
  console.log(
    `one constant field through Apollo Server: ${withMetrics.toFixed(1)} us a request with the metrics plugin` +
      ` | without: ${without.toFixed(1)} us | cost ${(withMetrics - without).toFixed(1)} us` +
      ` (${(((withMetrics - without) / without) * 100).toFixed(1)}%)`,
  );
  await bare.stop();
  await measured.stop();

  // A scrape with every operation label in use, each with its three outcomes.
  const labels = new OperationLabels(OPERATION_LABEL_LIMIT);
  const full = await serverWith([graphqlRequestMetricsPlugin(labels)]);
  for (let i = 0; i <= OPERATION_LABEL_LIMIT; i++) {
    await full.executeOperation({ query: `query Operation${i} { hello }`, operationName: `Operation${i}` });
    await full.executeOperation({ query: `query Operation${i} { nope }`, operationName: `Operation${i}` });
  }
  await full.stop();
  const scrapes: number[] = [];
  let size = 0;
  for (let i = 0; i < 50; i++) {
    const started = performance.now();
    size = (await register.metrics()).length;
    scrapes.push(performance.now() - started);
  }
  console.log(
    `a scrape of the request durations of ${OPERATION_LABEL_LIMIT} operations: ` +
      `${median(scrapes).toFixed(2)} ms, ${(size / 1024).toFixed(0)} KiB`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
