import { randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { Injectable } from '@nestjs/common';
import { SignJWT } from 'jose';
import { Clock } from '@tend/clock';
import { OutboundPolicy, policedAgent } from '@tend/outbound';
import { SchedulerConfig } from '../scheduler.config';
import { LTI_TOOL_ALGORITHM, LtiToolKeyService } from './lti-tool-key.service';

const TIMEOUT_MS = 15_000;
export const SCORE_SCOPE = 'https://purl.imsglobal.org/spec/lti-ags/scope/score';
const SCORE_CONTENT_TYPE = 'application/vnd.ims.lis.v1.score+json';

export interface LineItemTarget {
  organizationId: string;
  tokenUrl: string;
  clientId: string;
  lineItemUrl: string;
}

export interface Score {
  userId: string;
  scoreGiven: number;
  scoreMaximum: number;
  timestamp: Date;
}

/**
 * Assignment and Grade Services 2.0, the tool's side: an access token by the client-credentials
 * grant with a JWT client assertion signed by the tool key (RFC 7523, IMS Security Framework §4.1),
 * then the score posted to the line item's `scores`. Connections go only where the outbound rules
 * allow (after DNS); redirects are not followed. Throws on anything but 2xx.
 */
@Injectable()
export class LtiGradeClient {
  private readonly policy: OutboundPolicy;
  /** A platform's token serves every score until shortly before it expires. */
  private readonly tokens = new Map<string, { token: string; expiresAtMs: number }>();

  constructor(
    config: SchedulerConfig,
    private readonly toolKeys: LtiToolKeyService,
    private readonly clock: Clock,
  ) {
    this.policy = { allowLoopback: config.ALLOW_LOOPBACK_IDENTITY_PROVIDERS };
  }

  async postScore(target: LineItemTarget, score: Score): Promise<void> {
    const token = await this.accessToken(target);
    const url = new URL(target.lineItemUrl);
    url.pathname = `${url.pathname.replace(/\/+$/, '')}/scores`;
    const answer = await this.post(
      url,
      { authorization: `Bearer ${token}`, 'content-type': SCORE_CONTENT_TYPE },
      JSON.stringify({
        userId: score.userId,
        scoreGiven: score.scoreGiven,
        scoreMaximum: score.scoreMaximum,
        activityProgress: 'Completed',
        gradingProgress: 'FullyGraded',
        timestamp: score.timestamp.toISOString(),
      }),
    );
    if (answer.status === 401) this.tokens.delete(tokenKey(target));
    if (answer.status < 200 || answer.status >= 300) {
      throw new Error(`the line item answered HTTP ${answer.status}: ${answer.text.slice(0, 300)}`);
    }
  }

  private async accessToken(target: LineItemTarget): Promise<string> {
    const kept = this.tokens.get(tokenKey(target));
    const now = this.clock.now().getTime();
    if (kept && kept.expiresAtMs > now) return kept.token;
    const key = await this.toolKeys.signingKey(target.organizationId);
    const seconds = Math.floor(now / 1000);
    const assertion = await new SignJWT({})
      .setProtectedHeader({ alg: LTI_TOOL_ALGORITHM, kid: key.kid, typ: 'JWT' })
      .setIssuer(target.clientId)
      .setSubject(target.clientId)
      .setAudience(target.tokenUrl)
      .setIssuedAt(seconds)
      .setExpirationTime(seconds + 5 * 60)
      .setJti(randomUUID())
      .sign(key.privateKey);
    const answer = await this.post(
      new URL(target.tokenUrl),
      { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      new URLSearchParams({
        grant_type: 'client_credentials',
        client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
        client_assertion: assertion,
        scope: SCORE_SCOPE,
      }).toString(),
    );
    if (answer.status < 200 || answer.status >= 300) {
      throw new Error(`the token endpoint answered HTTP ${answer.status}: ${answer.text.slice(0, 300)}`);
    }
    const granted = JSON.parse(answer.text) as { access_token?: unknown; expires_in?: unknown };
    if (typeof granted.access_token !== 'string') throw new Error('the token endpoint answered no access_token');
    const lifetimeMs = (typeof granted.expires_in === 'number' ? granted.expires_in : 3600) * 1000;
    this.tokens.set(tokenKey(target), { token: granted.access_token, expiresAtMs: now + lifetimeMs - 60_000 });
    return granted.access_token;
  }

  private post(url: URL, headers: Record<string, string>, body: string): Promise<{ status: number; text: string }> {
    const agent = policedAgent(url.toString(), this.policy);
    return new Promise((resolve, reject) => {
      const request = (url.protocol === 'https:' ? httpsRequest : httpRequest)(
        url,
        { method: 'POST', agent, headers: { ...headers, 'user-agent': 'Tend-LTI/1' }, timeout: TIMEOUT_MS },
        (response) => {
          let text = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => (text = (text + chunk).slice(0, 10_000)));
          response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
          response.on('error', reject);
        },
      );
      request.on('timeout', () => request.destroy(new Error(`${url.origin} did not answer within ${TIMEOUT_MS} ms`)));
      request.on('error', reject);
      request.end(body);
    });
  }
}

function tokenKey(target: LineItemTarget): string {
  return `${target.tokenUrl} ${target.clientId}`;
}
