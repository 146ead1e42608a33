import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ApiClientPrincipal, isApiScope } from '@tend/auth';
import { unauthenticated } from '@tend/graphql';
import { CohortsInternalApi } from '../composition/cohorts-internal-api';
import { ApiKeyRateLimiter } from './api-key-rate-limiter';
import { OperationAllowList } from './operation-allow-list';
import { SignInAnswerCache } from './sign-in-answer-cache';

interface VerifiedClient {
  organizationId: string;
  clientId: string;
  scopes: unknown[];
  allowedOperations: { sha256: string; document: string }[] | null;
}

const API_KEY_AUTHORIZATION = /^Bearer (tend_\S+)$/i;

/** Whether the Authorization header carries an API key rather than a person's JWT. */
export function carriesApiKey(authorization: string | undefined): boolean {
  return API_KEY_AUTHORIZATION.test(authorization ?? '');
}

/**
 * Turns an API key into its client's principal by asking cohorts, which owns the keys. The
 * answer is kept (`SignInAnswerCache`) until the organization's API clients or people change, so a
 * revoked key or a new allow-list applies from the next request on.
 */
@Injectable()
export class ApiKeyVerifier {
  constructor(
    private readonly cohorts: CohortsInternalApi,
    private readonly rateLimiter: ApiKeyRateLimiter,
    private readonly answers: SignInAnswerCache,
  ) {}

  async verify(
    authorization: string | undefined,
  ): Promise<{ principal: ApiClientPrincipal; allowList: OperationAllowList | null }> {
    const key = API_KEY_AUTHORIZATION.exec(authorization ?? '')?.[1];
    if (!key) throw unauthenticated('Send the API key as a bearer token in the Authorization header');
    const ask = () =>
      this.cohorts.check<VerifiedClient>('/internal/api-keys/verify', { key }, () =>
        unauthenticated('The API key is not valid'),
      );
    const keyHash = createHash('sha256').update(key).digest('base64url');
    const client = await this.answers.keptForCredential(`api-key:${keyHash}`, ask);
    await this.rateLimiter.admit(client.clientId);
    return {
      principal: {
        kind: 'api-client',
        organizationId: client.organizationId,
        clientId: client.clientId,
        scopes: client.scopes.filter(isApiScope),
      },
      allowList: client.allowedOperations
        ? new Map(client.allowedOperations.map((operation) => [operation.sha256, operation.document]))
        : null,
    };
  }
}
