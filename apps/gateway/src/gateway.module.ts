import { readFileSync } from 'node:fs';
import { IntrospectAndCompose } from '@apollo/gateway';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { ApolloGatewayDriver, ApolloGatewayDriverConfig } from '@nestjs/apollo';
import { Controller, DynamicModule, Get, Module } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import type { FastifyRequest } from 'fastify';
import { GraphQLError } from 'graphql';
import { PrincipalSigner } from '@tend/auth';
import { DomainError } from '@tend/graphql';
import { loggingModule } from '@tend/observability';
import { AccessTokenVerifier } from './authentication/access-token.verifier';
import { abuseLimits } from './composition/abuse-limits';
import { formatGatewayError } from './composition/format-gateway-error';
import { GatewayRequestContext, SignedSubgraphDataSource } from './composition/signed-subgraph.data-source';
import { GatewayConfig } from './gateway.config';

@Controller()
class GatewayHealthController {
  /** The gateway listens only after it has composed the supergraph, so answering means ready. */
  @Get(['health', 'ready'])
  health(): { status: 'ok' } {
    return { status: 'ok' };
  }
}

@Module({})
class GatewayConfigModule {
  static register(config: GatewayConfig): DynamicModule {
    return {
      module: GatewayConfigModule,
      global: true,
      providers: [{ provide: GatewayConfig, useValue: config }, AccessTokenVerifier],
      exports: [GatewayConfig, AccessTokenVerifier],
    };
  }
}

@Module({})
export class GatewayModule {
  static register(config: GatewayConfig): DynamicModule {
    const signer = new PrincipalSigner(config.GATEWAY_SIGNING_SECRET);
    return {
      module: GatewayModule,
      imports: [
        GatewayConfigModule.register(config),
        loggingModule('gateway', config.LOG_LEVEL),
        GraphQLModule.forRootAsync<ApolloGatewayDriverConfig>({
          driver: ApolloGatewayDriver,
          inject: [AccessTokenVerifier],
          useFactory: (verifier: AccessTokenVerifier) => {
            const limits = abuseLimits(config.INTROSPECTION);
            return {
              server: {
                path: '/graphql',
                introspection: config.INTROSPECTION,
                includeStacktraceInErrorResponses: false,
                plugins: [ApolloServerPluginInlineTraceDisabled(), ...limits.plugins],
                validationRules: limits.validationRules,
                allowBatchedHttpRequests: limits.allowBatchedHttpRequests,
                csrfPrevention: limits.csrfPrevention,
                formatError: formatGatewayError,
                context: async (request: FastifyRequest): Promise<GatewayRequestContext> => ({
                  principal: authenticate(verifier, request),
                  requestId: String(request.id),
                }),
              },
              gateway: {
                supergraphSdl: config.SUPERGRAPH_FILE
                  ? readFileSync(config.SUPERGRAPH_FILE, 'utf8')
                  : new IntrospectAndCompose({
                      subgraphs: [
                        { name: 'content', url: config.CONTENT_URL },
                        { name: 'cohorts', url: config.COHORTS_URL },
                        { name: 'scheduler', url: config.SCHEDULER_URL },
                      ],
                    }),
                buildService: ({ url }) => new SignedSubgraphDataSource(url ?? '', signer),
              },
            };
          },
        }),
      ],
      controllers: [GatewayHealthController],
    };
  }
}

/** Every operation of the API needs a caller; a missing or bad token stops the request before planning. */
function authenticate(verifier: AccessTokenVerifier, request: FastifyRequest) {
  try {
    return verifier.verify(request.headers.authorization);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    throw new GraphQLError(error.message, { extensions: { code: error.code, http: { status: 401 } } });
  }
}
