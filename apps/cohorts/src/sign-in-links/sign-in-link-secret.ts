import { createHash, randomBytes } from 'node:crypto';
import { isUUID } from 'class-validator';

/** What a sign-in link carries in its fragment: `<organization id>.<secret>`, the secret 32 random bytes in base64url. */
export interface SignInLinkSecret {
  organizationId: string;
  secret: string;
}

const SECRET = /^[A-Za-z0-9_-]{43}$/;

export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** Only this is stored: the secret has 256 bits, so a plain SHA-256 is enough to make a stolen table useless. */
export function hashOfSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function formatLinkSecret({ organizationId, secret }: SignInLinkSecret): string {
  return `${organizationId}.${secret}`;
}

/** The fragment's value read back, or null when it is not one Tend could have made. */
export function parseLinkSecret(value: unknown): SignInLinkSecret | null {
  if (typeof value !== 'string') return null;
  const [organizationId, secret, ...rest] = value.split('.');
  if (rest.length > 0 || !isUUID(organizationId ?? '') || !SECRET.test(secret ?? '')) return null;
  return { organizationId: organizationId.toLowerCase(), secret };
}

/** The web app's URL with the secret in the fragment, which browsers never send to a server. */
export function signInLinkUrl(webAppUrl: string, link: SignInLinkSecret): string {
  const url = new URL(webAppUrl);
  url.hash = `sign-in=${formatLinkSecret(link)}`;
  return url.toString();
}
