import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { IntrospectAndCompose } from '@apollo/gateway';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { ApolloGatewayDriver, ApolloGatewayDriverConfig } from '@nestjs/apollo';
import { Controller, DynamicModule, Get, Module } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import type { FastifyRequest } from 'fastify';
import { PrincipalSigner } from '@tend/auth';
import { graphqlRequestMetricsPlugin, loggingModule, MetricsModule, TracingModule } from '@tend/observability';
import { AccessTokenVerifier } from './authentication/access-token.verifier';
import { ApiKeyRateLimiter } from './authentication/api-key-rate-limiter';
import { ApiKeyVerifier } from './authentication/api-key.verifier';
import { authenticate } from './authentication/authenticate';
import { IdentityProviderVerifier } from './authentication/identity-provider.verifier';
import { ScimTokenVerifier } from './authentication/scim-token.verifier';
import { SignInAnswerCache } from './authentication/sign-in-answer-cache';
import { auditTrailPlugin } from './audit/audit-trail.plugin';
import { abuseLimits } from './composition/abuse-limits';
import { CohortsInternalApi } from './composition/cohorts-internal-api';
import { formatGatewayError } from './composition/format-gateway-error';
import { GatewayRequestContext, SignedSubgraphDataSource } from './composition/signed-subgraph.data-source';
import { GatewayConfig } from './gateway.config';
import { LtiProxyController } from './lti/lti-proxy.controller';
import { ScimProxyController } from './scim/scim-proxy.controller';
import { LocalTokenIssuer } from './sign-in/local-token-issuer';
import { OidcSignIn } from './sign-in/oidc-sign-in';
import { OidcSignInController } from './sign-in/oidc-sign-in.controller';
import { SignInLinkController } from './sign-in/sign-in-link.controller';

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
        SignInAnswerCache,
        CohortsInternalApi,
        ApiKeyRateLimiter,
        ApiKeyVerifier,
        IdentityProviderVerifier,
        ScimTokenVerifier,
        LocalTokenIssuer,
        OidcSignIn,
      ],
      exports: [
        GatewayConfig,
        AccessTokenVerifier,
        ApiKeyVerifier,
        IdentityProviderVerifier,
        CohortsInternalApi,
        ScimTokenVerifier,
        ApiKeyRateLimiter,
        LocalTokenIssuer,
        OidcSignIn,
      ],
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
        TracingModule,
        // The gateway's port is the public one: /metrics is served only behind the operator's token.
        ...(config.METRICS_TOKEN
          ? [MetricsModule.forService({ service: 'gateway', token: config.METRICS_TOKEN })]
          : []),
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
                // No IDE page at /graphql: Nest's default outside NODE_ENV=production serves GraphQL
                // Playground, which loads its scripts from a CDN. Developers bring their own client.
                playground: false,
                includeStacktraceInErrorResponses: false,
                plugins: [
                  graphqlRequestMetricsPlugin(),
                  ApolloServerPluginInlineTraceDisabled(),
                  ...limits.plugins,
                  auditTrailPlugin(cohorts),
                ],
                validationRules: limits.validationRules,
                validationOptions: limits.validationOptions,
                allowBatchedHttpRequests: limits.allowBatchedHttpRequests,
                csrfPrevention: limits.csrfPrevention,
                formatError: formatGatewayError,
                context: async (request: FastifyRequest): Promise<GatewayRequestContext> => ({
                  receivedAt: performance.now(),
                  principal: await authenticate(
                    { accessTokens, apiKeys, identityProviders },
                    { authorization: request.headers.authorization, method: request.method, body: request.body },
                  ),
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
      controllers: [
        GatewayHealthController,
        ScimProxyController,
        LtiProxyController,
        SignInLinkController,
        OidcSignInController,
      ],
    };
  }
}
