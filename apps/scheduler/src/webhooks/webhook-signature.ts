import { createHmac, randomBytes } from 'node:crypto';

const PREFIX = 'whsec_';

export function newWebhookSecret(): string {
  return PREFIX + randomBytes(32).toString('base64');
}

/**
 * The three Standard Webhooks headers for one message: the id stays the same
 * on every retry, so a receiver can drop duplicates; the signature is
 * `v1,` and base64 of HMAC-SHA256 over `id.timestamp.body` with the secret's bytes.
 * With several secrets (a rotation's new and old), one signature per secret,
 * space-separated, as the spec allows: a receiver holding either verifies.
 */
export function signedWebhookHeaders(
  secrets: string | readonly string[],
  messageId: string,
  sentAt: Date,
  body: string,
): Record<'webhook-id' | 'webhook-timestamp' | 'webhook-signature', string> {
  const timestamp = String(Math.floor(sentAt.getTime() / 1000));
  const signatures = (typeof secrets === 'string' ? [secrets] : secrets).map((secret) => {
    if (!secret.startsWith(PREFIX)) throw new Error('a webhook secret starts with whsec_');
    const key = Buffer.from(secret.slice(PREFIX.length), 'base64');
    return `v1,${createHmac('sha256', key).update(`${messageId}.${timestamp}.${body}`).digest('base64')}`;
  });
  if (signatures.length === 0) throw new Error('a webhook is signed with at least one secret');
  return { 'webhook-id': messageId, 'webhook-timestamp': timestamp, 'webhook-signature': signatures.join(' ') };
}
