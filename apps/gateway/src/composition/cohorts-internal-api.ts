import { Injectable } from '@nestjs/common';
import { PrincipalSigner } from '@tend/auth';
import { GatewayConfig } from '../gateway.config';

/**
 * Cohorts' internal endpoints (API keys, identity providers, the audit log)
 * answer only the gateway's own signed principal; every call goes through here.
 */
@Injectable()
export class CohortsInternalApi {
  private readonly signer: PrincipalSigner;

  constructor(private readonly config: GatewayConfig) {
    this.signer = new PrincipalSigner(config.GATEWAY_SIGNING_SECRET);
  }

  post(path: string, body: unknown): Promise<Response> {
    return fetch(new URL(path, this.config.COHORTS_URL), {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...this.signer.sign({ kind: 'gateway' }) },
      body: JSON.stringify(body),
    });
  }
}
