import { Injectable } from '@nestjs/common';
import { ApiClientPrincipal, isApiScope, PrincipalSigner } from '@tend/auth';
import { unauthenticated } from '@tend/graphql';
import { GatewayConfig } from '../gateway.config';
import { ApiKeyRateLimiter } from './api-key-rate-limiter';

const API_KEY_AUTHORIZATION = /^Bearer (tend_\S+)$/i;

/** Whether the Authorization header carries an API key rather than a person's JWT. */
export function carriesApiKey(authorization: string | undefined): boolean {
  return API_KEY_AUTHORIZATION.test(authorization ?? '');
}

/**
 * Turns an API key into its client's principal by asking cohorts, which owns
 * the keys, on every request: a revoked key is refused from the next request on.
 */
@Injectable()
export class ApiKeyVerifier {
  private readonly verifyUrl: string;
  private readonly signer: PrincipalSigner;

  constructor(
    config: GatewayConfig,
    private readonly rateLimiter: ApiKeyRateLimiter,
  ) {
    this.verifyUrl = new URL('/internal/api-keys/verify', config.COHORTS_URL).toString();
    this.signer = new PrincipalSigner(config.GATEWAY_SIGNING_SECRET);
  }

  async verify(authorization: string | undefined): Promise<ApiClientPrincipal> {
    const key = API_KEY_AUTHORIZATION.exec(authorization ?? '')?.[1];
    if (!key) throw unauthenticated('Send the API key as a bearer token in the Authorization header');
    const response = await fetch(this.verifyUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...this.signer.sign({ kind: 'gateway' }) },
      body: JSON.stringify({ key }),
    });
    if (response.status === 401) throw unauthenticated('The API key is not valid');
    if (!response.ok) throw new Error(`cohorts answered ${response.status} to an API key check`);
    const client = (await response.json()) as { organizationId: string; clientId: string; scopes: unknown[] };
    await this.rateLimiter.admit(client.clientId);
    return {
      kind: 'api-client',
      organizationId: client.organizationId,
      clientId: client.clientId,
      scopes: client.scopes.filter(isApiScope),
    };
  }
}
