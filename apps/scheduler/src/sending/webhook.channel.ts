import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { Injectable } from '@nestjs/common';
import { OutboundPolicy, policedAgent, RefusedDestination } from '@tend/outbound';
import { SchedulerConfig } from '../scheduler.config';
import { signedWebhookHeaders } from '../webhooks/webhook-signature';

export interface WebhookMessage {
  url: string;
  /** One, or a rotation's new and old: the message carries a signature per secret. */
  secret: string | readonly string[];
  /** The same on every retry of one delivery (Standard Webhooks' idempotency key). */
  messageId: string;
  body: string;
}

/** A send that failed; `permanent` when retrying cannot help. */
export class WebhookFailure extends Error {
  override readonly name = 'WebhookFailure';

  constructor(
    message: string,
    readonly permanent: boolean,
    /** The endpoint's HTTP status, when it answered. */
    readonly status: number | null = null,
  ) {
    super(message);
  }
}

const TIMEOUT_MS = 10_000;

/**
 * Posts signed messages to webhook endpoints. The connection goes only to
 * addresses the outbound policy allows, checked after DNS resolution, so a name
 * that has come to point inside the network is refused at the connection.
 * Redirects are not followed: a 3xx fails for good, as would a 410 (the
 * receiver is gone) or a refused address; anything else may pass on a retry.
 */
@Injectable()
export class WebhookChannel {
  private readonly policy: OutboundPolicy;

  constructor(config: SchedulerConfig) {
    this.policy = { allowLoopback: config.ALLOW_LOOPBACK_WEBHOOKS };
  }

  /** Resolves with the endpoint's 2xx status; throws `WebhookFailure` otherwise. */
  async post(message: WebhookMessage): Promise<number> {
    const url = new URL(message.url);
    let agent;
    try {
      agent = policedAgent(message.url, this.policy);
    } catch (error) {
      throw new WebhookFailure((error as Error).message, true);
    }
    const headers = {
      'content-type': 'application/json',
      'user-agent': 'Tend-Webhooks/1',
      // The wall clock, not the injected one: receivers check this timestamp against their own
      // clocks to refuse replays, so it must be the real moment of sending.
      ...signedWebhookHeaders(message.secret, message.messageId, new Date(), message.body),
    };
    const status = await new Promise<number>((resolve, reject) => {
      const request = (url.protocol === 'https:' ? httpsRequest : httpRequest)(
        url,
        { method: 'POST', agent, headers, timeout: TIMEOUT_MS },
        (response) => {
          response.resume();
          response.on('end', () => resolve(response.statusCode ?? 0));
          response.on('error', reject);
        },
      );
      request.on('timeout', () => request.destroy(new Error(`no answer within ${TIMEOUT_MS} ms`)));
      request.on('error', reject);
      request.end(message.body);
    }).catch((error: unknown) => {
      const refused = error instanceof RefusedDestination || (error as { code?: string }).code === 'ENOTALLOWED';
      throw new WebhookFailure((error as Error).message, refused);
    });
    if (status >= 200 && status < 300) return status;
    const permanent = status === 410 || (status >= 300 && status < 400);
    throw new WebhookFailure(`the endpoint answered HTTP ${status}`, permanent, status);
  }
}
