import { isIP } from 'node:net';
import { assertAllowedHost } from '@tend/outbound';
import { WebhookErrors } from './webhook.errors';

const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'];

/**
 * The one rule for a URL an admin names for Tend to post to (the bridge endpoint and
 * event webhook subscriptions alike): https on public addresses only, every address its
 * name resolves to now, no credentials in it. The sender checks again at each
 * connection (`policedAgent`), as a name can resolve elsewhere later. Plain http to
 * loopback only when the deployment allows loopback (`ALLOW_LOOPBACK_WEBHOOKS`: tests, demos).
 * `field` names the input at fault in the refusal.
 */
export async function checkedWebhookUrl(raw: string, allowLoopback: boolean, field = 'input.url'): Promise<URL> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw WebhookErrors.notAUrl(field);
  }
  const loopbackHttp = allowLoopback && url.protocol === 'http:' && LOOPBACK_NAMES.includes(url.hostname);
  if ((url.protocol !== 'https:' && !loopbackHttp) || url.username || url.password) throw WebhookErrors.notAUrl(field);
  const bare = url.hostname.replace(/^\[|\]$/g, '');
  if (!isIP(bare) && !bare.includes('.') && bare !== 'localhost') throw WebhookErrors.refusedAddress(field);
  await assertAllowedHost(url.hostname, { allowLoopback }).catch(() => {
    throw WebhookErrors.refusedAddress(field);
  });
  return url;
}
