import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { Injectable } from '@nestjs/common';
import { OutboundPolicy, policedAgent } from '@tend/outbound';
import { SchedulerConfig } from '../scheduler.config';
import { XapiVersion } from './xapi-statements';

const TIMEOUT_MS = 15_000;

export interface LrsRequest {
  endpoint: string;
  username: string;
  password: string;
  version: XapiVersion;
  statements: unknown[];
}

/**
 * Posts a batch of statements to an LRS's `statements` resource with Basic auth and the
 * version header. The connection goes only where the outbound policy of webhooks allows
 * (checked after DNS resolution); redirects are not followed. Resolves on 2xx, throws
 * otherwise with what the LRS said.
 */
@Injectable()
export class LrsClient {
  private readonly policy: OutboundPolicy;

  constructor(config: SchedulerConfig) {
    this.policy = { allowLoopback: config.ALLOW_LOOPBACK_WEBHOOKS };
  }

  async postStatements(batch: LrsRequest): Promise<void> {
    const url = new URL(`${batch.endpoint.replace(/\/+$/, '')}/statements`);
    const body = JSON.stringify(batch.statements);
    const headers = {
      authorization: `Basic ${Buffer.from(`${batch.username}:${batch.password}`).toString('base64')}`,
      'content-type': 'application/json',
      'x-experience-api-version': batch.version,
      'user-agent': 'Tend-xAPI/1',
    };
    const agent = policedAgent(url.toString(), this.policy);
    const { status, text } = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const request = (url.protocol === 'https:' ? httpsRequest : httpRequest)(
        url,
        { method: 'POST', agent, headers, timeout: TIMEOUT_MS },
        (response) => {
          let text = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => (text = (text + chunk).slice(0, 500)));
          response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
          response.on('error', reject);
        },
      );
      request.on('timeout', () => request.destroy(new Error(`the LRS did not answer within ${TIMEOUT_MS} ms`)));
      request.on('error', reject);
      request.end(body);
    });
    if (status < 200 || status >= 300) throw new Error(`the LRS answered HTTP ${status}: ${text.slice(0, 300)}`);
  }
}
