import { composeServices } from '@apollo/composition';
import { GraphQLSchema, parse } from 'graphql';
import type { TestStack } from './test-stack';

/** The subgraphs and where docker-compose.yml runs them, the URLs a production gateway calls. */
const DEPLOYED_SUBGRAPHS = { content: 4001, cohorts: 4002, scheduler: 4003 } as const;

/** Composes the running subgraphs' SDL the way the gateway does, for comparison with the committed supergraph. */
export async function composeRunningSupergraph(stack: TestStack): Promise<string> {
  return (await compose(stack)).supergraphSdl;
}

/** The public API schema the gateway serves, as graphql-js sees it: for tests generated from the schema. */
export async function publicApiSchema(stack: TestStack): Promise<GraphQLSchema> {
  return (await compose(stack)).schema.toAPISchema().toGraphQLJSSchema();
}

async function compose(stack: TestStack) {
  const subgraphs = [];
  for (const [name, port] of Object.entries(DEPLOYED_SUBGRAPHS) as [keyof typeof DEPLOYED_SUBGRAPHS, number][]) {
    const response = await fetch(`${stack.urls[name]}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...stack.signer.sign({ kind: 'gateway' }) },
      body: JSON.stringify({ query: '{ _service { sdl } }' }),
    });
    const body = (await response.json()) as { data: { _service: { sdl: string } } };
    subgraphs.push({ name, url: `http://${name}:${port}/graphql`, typeDefs: parse(body.data._service.sdl) });
  }
  const result = composeServices(subgraphs);
  if (result.errors) throw new Error(result.errors.map((error) => error.message).join('\n'));
  return result;
}
