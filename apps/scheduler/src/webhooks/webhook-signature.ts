import { createHmac, randomBytes } from 'node:crypto';

const PREFIX = 'whsec_';

export function newWebhookSecret(): string {
  return PREFIX + randomBytes(32).toString('base64');
}

/**
 * The three Standard Webhooks headers for one message: the id stays the same
 * on every retry, so a receiver can drop duplicates; the signature is
 * `v1,` and base64 of HMAC-SHA256 over `id.timestamp.body` with the secret's bytes.
 */
export function signedWebhookHeaders(
  secret: string,
  messageId: string,
  sentAt: Date,
  body: string,
): Record<'webhook-id' | 'webhook-timestamp' | 'webhook-signature', string> {
  if (!secret.startsWith(PREFIX)) throw new Error('a webhook secret starts with whsec_');
  const timestamp = String(Math.floor(sentAt.getTime() / 1000));
  const key = Buffer.from(secret.slice(PREFIX.length), 'base64');
  const signature = createHmac('sha256', key).update(`${messageId}.${timestamp}.${body}`).digest('base64');
  return { 'webhook-id': messageId, 'webhook-timestamp': timestamp, 'webhook-signature': `v1,${signature}` };
}
