import { readFileSync } from 'node:fs';
import { IntrospectAndCompose } from '@apollo/gateway';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { ApolloGatewayDriver, ApolloGatewayDriverConfig } from '@nestjs/apollo';
import { Controller, DynamicModule, Get, Module } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import type { FastifyRequest } from 'fastify';
import { GraphQLError } from 'graphql';
import { Principal, PrincipalSigner } from '@tend/auth';
import { DomainError } from '@tend/graphql';
import { loggingModule } from '@tend/observability';
import { AccessTokenVerifier } from './authentication/access-token.verifier';
import { ApiKeyRateLimiter } from './authentication/api-key-rate-limiter';
import { ApiKeyVerifier, carriesApiKey } from './authentication/api-key.verifier';
import { IdentityProviderVerifier } from './authentication/identity-provider.verifier';
import { admitAllowedOperation } from './authentication/operation-allow-list';
import { auditTrailPlugin } from './audit/audit-trail.plugin';
import { abuseLimits } from './composition/abuse-limits';
import { CohortsInternalApi } from './composition/cohorts-internal-api';
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
      providers: [
        { provide: GatewayConfig, useValue: config },
        AccessTokenVerifier,
        CohortsInternalApi,
        ApiKeyRateLimiter,
        ApiKeyVerifier,
        IdentityProviderVerifier,
      ],
      exports: [GatewayConfig, AccessTokenVerifier, ApiKeyVerifier, IdentityProviderVerifier, CohortsInternalApi],
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
          inject: [AccessTokenVerifier, ApiKeyVerifier, IdentityProviderVerifier, CohortsInternalApi],
          useFactory: (
            accessTokens: AccessTokenVerifier,
            apiKeys: ApiKeyVerifier,
            identityProviders: IdentityProviderVerifier,
            cohorts: CohortsInternalApi,
          ) => {
            const limits = abuseLimits(config.INTROSPECTION);
            return {
              server: {
                path: '/graphql',
                introspection: config.INTROSPECTION,
                includeStacktraceInErrorResponses: false,
                plugins: [ApolloServerPluginInlineTraceDisabled(), ...limits.plugins, auditTrailPlugin(cohorts)],
                validationRules: limits.validationRules,
                allowBatchedHttpRequests: limits.allowBatchedHttpRequests,
                csrfPrevention: limits.csrfPrevention,
                formatError: formatGatewayError,
                context: async (request: FastifyRequest): Promise<GatewayRequestContext> => ({
                  principal: await authenticate({ accessTokens, apiKeys, identityProviders }, request),
                  requestId: String(request.id),
                  clientAddress: request.ip,
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

interface Verifiers {
  accessTokens: AccessTokenVerifier;
  apiKeys: ApiKeyVerifier;
  identityProviders: IdentityProviderVerifier;
}

/**
 * Every operation of the API needs a caller: an LMS with an API key, or a person
 * with a JWT, signed by the organization's identity provider or by the local key
 * when it carries the local issuer. A missing or bad credential stops the
 * request before planning, and so does an operation outside a restricted API
 * client's allow-list.
 */
async function authenticate(
  { accessTokens, apiKeys, identityProviders }: Verifiers,
  request: FastifyRequest,
): Promise<Principal> {
  const authorization = request.headers.authorization;
  try {
    if (carriesApiKey(authorization)) {
      const { principal, allowList } = await apiKeys.verify(authorization);
      if (allowList) admitAllowedOperation(allowList, request);
      return principal;
    }
    if (identityProviders.handles(authorization)) return await identityProviders.verify(authorization);
    return await accessTokens.verify(authorization);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    throw new GraphQLError(error.message, { extensions: { code: error.code, http: { status: 401 } } });
  }
}
