import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ScimTokenPrincipal } from '@tend/auth';
import { CohortsInternalApi } from '../composition/cohorts-internal-api';
import { SignInAnswerCache } from './sign-in-answer-cache';

const SCIM_TOKEN_AUTHORIZATION = /^Bearer (tend_scim_\S+)$/i;

/**
 * Why a SCIM request is refused before it reaches cohorts: a path outside SCIM (404), no valid
 * token (401), or too many requests (429).
 */
export class ScimRefusal extends Error {
  constructor(
    readonly status: 401 | 404 | 429,
    message: string,
    readonly retryAfter?: number,
  ) {
    super(message);
  }
}

/**
 * Turns an organization's SCIM token into its principal by asking cohorts, which owns the tokens.
 * The answer is kept like an API key's (`SignInAnswerCache`), so a revoked token is refused from
 * the next request on.
 */
@Injectable()
export class ScimTokenVerifier {
  constructor(
    private readonly cohorts: CohortsInternalApi,
    private readonly answers: SignInAnswerCache,
  ) {}

  async verify(authorization: string | undefined): Promise<ScimTokenPrincipal> {
    const token = SCIM_TOKEN_AUTHORIZATION.exec(authorization ?? '')?.[1];
    if (!token) throw new ScimRefusal(401, 'Send the organization SCIM token as a bearer token');
    const tokenHash = createHash('sha256').update(token).digest('base64url');
    const answer = await this.answers.keptForCredential(`scim-token:${tokenHash}`, () =>
      this.cohorts.check<ScimTokenPrincipal>(
        '/internal/scim-tokens/verify',
        { token },
        () => new ScimRefusal(401, 'The SCIM token is not valid'),
      ),
    );
    return { kind: 'scim-token', organizationId: answer.organizationId, tokenId: answer.tokenId };
  }
}
