import { performance } from 'node:perf_hooks';
import { ApolloFederationDriver, ApolloFederationDriverConfig } from '@nestjs/apollo';
import { DynamicModule, Module } from '@nestjs/common';
import { APP_PIPE } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
} from '@apollo/server/plugin/disabled';
import type { FastifyRequest } from 'fastify';
import type { RequestContext } from '@tend/auth';
import { graphqlRequestMetricsPlugin, TimedRequestContext } from '@tend/observability';
import { formatGraphQLError } from './format-error';
import { LocalDateScalar } from './date.scalar';
import { InputValidationPipe } from './input-validation.pipe';

/**
 * A code-first Apollo Federation 2 subgraph on Fastify. The principal comes
 * from the gateway's signed headers, checked before GraphQL runs.
 */
@Module({})
export class SubgraphModule {
  /**
   * `orphanedTypes`: entities the subgraph only contributes fields to, which no
   * query of its own returns, so the schema would otherwise leave them out.
   */
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- the type Nest's option takes
  static forRoot(options: { orphanedTypes?: Function[] } = {}): DynamicModule {
    return {
      module: SubgraphModule,
      imports: [
        GraphQLModule.forRoot<ApolloFederationDriverConfig>({
          driver: ApolloFederationDriver,
          path: '/graphql',
          autoSchemaFile: { federation: 2 },
          sortSchema: true,
          buildSchemaOptions: { dateScalarMode: 'isoDate', orphanedTypes: options.orphanedTypes },
          // The federation build keeps only its own scalars' functions; ours must be passed again,
          // also to subgraphs whose schema has no Date.
          resolvers: { Date: LocalDateScalar },
          resolverValidationOptions: { requireResolversToMatchSchema: 'ignore' },
          formatError: formatGraphQLError,
          includeStacktraceInErrorResponses: false,
          // Traces would tell any caller how long each resolver took; the gateway does not need them.
          // Cache hints go unused (no response is cached by HTTP), and the plugin that computes them
          // wraps every field's resolver: a twentieth of a subgraph's CPU on a field-heavy `track`.
          plugins: [
            ApolloServerPluginInlineTraceDisabled(),
            ApolloServerPluginCacheControlDisabled(),
            graphqlRequestMetricsPlugin(),
          ],
          context: (request: FastifyRequest): RequestContext & TimedRequestContext => ({
            receivedAt: performance.now(),
            principal: request.principal,
            loaders: new Map(),
          }),
        }),
      ],
      providers: [{ provide: APP_PIPE, useClass: InputValidationPipe }],
    };
  }
}
