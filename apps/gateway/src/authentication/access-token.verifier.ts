import { Injectable } from '@nestjs/common';
import {
  InvalidAccessToken,
  isRole,
  loadOrCreateLocalSigningKey,
  PersonPrincipal,
  verifyAccessToken,
} from '@tend/auth';
import { unauthenticated } from '@tend/graphql';
import { CohortsInternalApi } from '../composition/cohorts-internal-api';
import { GatewayConfig } from '../gateway.config';
import { PersonSignInCache } from './person-sign-in-cache';

/**
 * Turns a token of Tend's local key into the caller's principal, or refuses the request. The
 * token says who the person is; cohorts says whether they are still active and in which role,
 * as of the request (`PersonSignInCache` keeps its answer until a change of the organization's
 * people), so neither a deactivation nor a role change waits for the token to expire.
 */
@Injectable()
export class AccessTokenVerifier {
  private readonly publicKeyPem: string;

  constructor(
    private readonly config: GatewayConfig,
    private readonly cohorts: CohortsInternalApi,
    private readonly signIns: PersonSignInCache,
  ) {
    this.publicKeyPem = loadOrCreateLocalSigningKey(config.TEND_LOCAL_KEY_FILE).publicKeyPem;
  }

  async verify(authorization: string | undefined): Promise<PersonPrincipal> {
    const token = /^Bearer (\S+)$/i.exec(authorization ?? '')?.[1];
    if (!token) throw unauthenticated('Send a bearer token in the Authorization header');
    let claimed: PersonPrincipal;
    try {
      claimed = verifyAccessToken(this.publicKeyPem, token, {
        issuer: this.config.JWT_ISSUER,
        audience: this.config.JWT_AUDIENCE,
      });
    } catch (error) {
      if (error instanceof InvalidAccessToken) throw unauthenticated('The bearer token is not valid');
      throw error;
    }
    const refused = () => unauthenticated('The bearer token is not valid');
    const role = await this.signIns.roleOf(claimed.organizationId, claimed.personId, async () => {
      const answer = await this.cohorts.check<{ role: unknown }>(
        '/internal/people/sign-in',
        { organizationId: claimed.organizationId, personId: claimed.personId },
        refused,
      );
      if (!isRole(answer.role)) throw refused();
      return answer.role;
    });
    return { ...claimed, role };
  }
}
