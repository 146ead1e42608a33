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

  /**
   * Asks cohorts about the caller of a request: 401 means cohorts refuses the caller, and
   * `refused` says how; any other failure is cohorts', not the caller's.
   */
  async check<T>(path: string, body: unknown, refused: () => Error): Promise<T> {
    const response = await this.post(path, body);
    if (response.status === 401) throw refused();
    if (!response.ok) throw new Error(`cohorts answered ${response.status} to ${path}`);
    return (await response.json()) as T;
  }
}
