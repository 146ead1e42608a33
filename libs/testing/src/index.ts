export * from './test-infrastructure';
export * from './test-stack';
export * from './graphql-client';
export * from './eventually';
export * from './story';
export * from './supergraph';
