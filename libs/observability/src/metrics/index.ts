export * from './graphql-request-metrics.plugin';
export * from './metrics.module';
export * from './operation-labels';
export * from './scrape-gauges';
