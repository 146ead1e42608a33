import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { Injectable } from '@nestjs/common';
import { DomainError } from '@tend/graphql';
import { policedAgent } from '@tend/outbound';
import { IdentityProviderVerifier } from '../authentication/identity-provider.verifier';
import { CohortsInternalApi } from '../composition/cohorts-internal-api';
import { GatewayConfig } from '../gateway.config';
import { LocalTokenIssuer } from './local-token-issuer';

/** What the web app needs to send a person to their identity provider. */
export interface OidcProvider {
  issuer: string;
  /** The organization's configured audience: an ID token's `aud` is the client id it was issued to. */
  clientId: string;
  authorizationEndpoint: string;
}

export interface OidcCodeExchange {
  organizationId: string;
  code: string;
  codeVerifier: string;
  redirectUri: string;
}

interface Discovery {
  issuer?: unknown;
  authorization_endpoint?: unknown;
  token_endpoint?: unknown;
}

/**
 * Sign-in by OIDC authorization code with PKCE (README "The web app"), for organizations with an
 * identity provider. The browser sends the person to the provider with the code challenge; the
 * gateway trades the code and its verifier at the provider's token endpoint (a public client:
 * no secret, PKCE binds the code to the browser that asked), checks the ID token exactly as it
 * checks any of that provider's tokens, and signs the person a local token.
 */
@Injectable()
export class OidcSignIn {
  constructor(
    private readonly config: GatewayConfig,
    private readonly cohorts: CohortsInternalApi,
    private readonly identityProviders: IdentityProviderVerifier,
    private readonly tokens: LocalTokenIssuer,
  ) {}

  /** The organization's provider and where to send the person, or null when it has none. */
  async providerOf(organizationId: string): Promise<OidcProvider | null> {
    const configured = await this.configuredProvider(organizationId);
    if (!configured) return null;
    const discovery = await this.discover(configured.issuer);
    return {
      issuer: configured.issuer,
      clientId: configured.audience,
      authorizationEndpoint: discovery.authorizationEndpoint,
    };
  }

  /** The local token of the person the provider signed in, or null when any step refuses. */
  async signIn(exchange: OidcCodeExchange): Promise<string | null> {
    const configured = await this.configuredProvider(exchange.organizationId);
    if (!configured) return null;
    const { tokenEndpoint } = await this.discover(configured.issuer);
    const answer = await this.send(tokenEndpoint, {
      method: 'POST',
      contentType: 'application/x-www-form-urlencoded',
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code: exchange.code,
        redirect_uri: exchange.redirectUri,
        client_id: configured.audience,
        code_verifier: exchange.codeVerifier,
      }).toString(),
    });
    const idToken = answer.status === 200 ? (jsonOf(answer.body) as { id_token?: unknown }).id_token : undefined;
    if (typeof idToken !== 'string') return null;
    try {
      const person = await this.identityProviders.verify(`Bearer ${idToken}`);
      if (person.organizationId !== exchange.organizationId) return null;
      return this.tokens.issue(person);
    } catch (error) {
      if (error instanceof DomainError) return null;
      throw error;
    }
  }

  private async configuredProvider(organizationId: string): Promise<{ issuer: string; audience: string } | null> {
    const answer = await this.cohorts.post('/internal/identity-providers/of-organization', { organizationId });
    if (answer.status === 404) return null;
    if (!answer.ok)
      throw new Error(`cohorts answered ${answer.status} to /internal/identity-providers/of-organization`);
    return (await answer.json()) as { issuer: string; audience: string };
  }

  /** The provider's OpenID configuration, which must name the issuer it was asked about. */
  private async discover(issuer: string): Promise<{ authorizationEndpoint: string; tokenEndpoint: string }> {
    const answer = await this.send(`${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`, { method: 'GET' });
    const discovery = (answer.status === 200 ? jsonOf(answer.body) : {}) as Discovery;
    const { authorization_endpoint: authorizationEndpoint, token_endpoint: tokenEndpoint } = discovery;
    if (
      discovery.issuer !== issuer ||
      typeof authorizationEndpoint !== 'string' ||
      typeof tokenEndpoint !== 'string' ||
      !/^https?:\/\//.test(authorizationEndpoint) ||
      !/^https?:\/\//.test(tokenEndpoint)
    ) {
      throw new Error(`the identity provider ${issuer} publishes no usable OpenID configuration`);
    }
    return { authorizationEndpoint, tokenEndpoint };
  }

  /** One request through the outbound address policy: the provider's URLs are an admin's to name. */
  private send(
    url: string,
    options: { method: 'GET' | 'POST'; contentType?: string; body?: string },
  ): Promise<{ status: number; body: string }> {
    const agent = policedAgent(url, { allowLoopback: this.config.ALLOW_LOOPBACK_IDENTITY_PROVIDERS });
    const request = url.startsWith('https:') ? httpsRequest : httpRequest;
    return new Promise((resolve, reject) => {
      const outgoing = request(
        url,
        {
          method: options.method,
          agent,
          timeout: 5_000,
          headers: { accept: 'application/json', ...(options.contentType && { 'content-type': options.contentType }) },
        },
        (response) => {
          let body = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => {
            body += chunk;
            if (body.length > 1_000_000) outgoing.destroy(new Error('the identity provider answered too much'));
          });
          response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
        },
      );
      outgoing.on('timeout', () => outgoing.destroy(new Error('the identity provider did not answer in time')));
      outgoing.on('error', reject);
      outgoing.end(options.body);
    });
  }
}

function jsonOf(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return {};
  }
}
