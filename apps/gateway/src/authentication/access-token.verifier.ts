import { Injectable } from '@nestjs/common';
import { InvalidAccessToken, loadOrCreateLocalSigningKey, PersonPrincipal, verifyAccessToken } from '@tend/auth';
import { unauthenticated } from '@tend/graphql';
import { GatewayConfig } from '../gateway.config';

/** Turns the Authorization header into the caller's principal, or refuses the request. */
@Injectable()
export class AccessTokenVerifier {
  private readonly publicKeyPem: string;

  constructor(private readonly config: GatewayConfig) {
    this.publicKeyPem = loadOrCreateLocalSigningKey(config.TEND_LOCAL_KEY_FILE).publicKeyPem;
  }

  verify(authorization: string | undefined): PersonPrincipal {
    const token = /^Bearer (\S+)$/i.exec(authorization ?? '')?.[1];
    if (!token) throw unauthenticated('Send a bearer token in the Authorization header');
    try {
      return verifyAccessToken(this.publicKeyPem, token, {
        issuer: this.config.JWT_ISSUER,
        audience: this.config.JWT_AUDIENCE,
      });
    } catch (error) {
      if (error instanceof InvalidAccessToken) throw unauthenticated('The bearer token is not valid');
      throw error;
    }
  }
}
