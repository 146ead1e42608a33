import { ApiError, OfflineError } from '../api/graphql-client';

const FRAGMENT = /^#sign-in=([^&]+)$/;

async function call(path: string, body?: unknown): Promise<Record<string, unknown>> {
  let response: Response;
  try {
    response = await fetch(
      path,
      body === undefined
        ? {}
        : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) },
    );
  } catch {
    throw new OfflineError('offline');
  }
  const answer = (await response.json().catch(() => ({}))) as {
    errors?: { message: string; extensions?: { code?: string; field?: string } }[];
  };
  const error = answer.errors?.[0];
  if (error) throw new ApiError(error.message, error.extensions?.code ?? 'BAD_RESPONSE', error.extensions?.field);
  if (!response.ok) throw new ApiError(`The server answered ${response.status}`, 'BAD_RESPONSE');
  return answer as Record<string, unknown>;
}

/** Asks for a sign-in link by email; the answer is the same whether or not anyone has the address. */
export async function emailSignInLink(email: string): Promise<void> {
  await call('/sign-in/email-link', { email });
}

/**
 * The sign-in link's secret, if the page was opened from one, taken out of the address bar at
 * once: it must not stay in the URL, the history or a bookmark.
 */
export function takeLinkFromAddress(): string | null {
  const match = FRAGMENT.exec(location.hash);
  if (!match) return null;
  history.replaceState(null, '', location.pathname + location.search);
  return decodeURIComponent(match[1]);
}

const SESSION_FRAGMENT = /^#session=([^&]+)&expiresIn=\d+$/;

/**
 * The session the gateway issued at an LTI launch (README "LTI 1.3 Advantage"), if the page was
 * opened from one: an access token already, taken out of the address bar at once like a link.
 */
export function takeSessionFromAddress(): string | null {
  const match = SESSION_FRAGMENT.exec(location.hash);
  if (!match) return null;
  history.replaceState(null, '', location.pathname + location.search);
  return decodeURIComponent(match[1]);
}

/** Trades the link's secret for an access token, by POST so that the secret travels in no URL. */
export async function redeemSignInLink(link: string): Promise<string> {
  const { accessToken } = await call('/sign-in/redeem', { link });
  if (typeof accessToken !== 'string') throw new ApiError('The server sent no token', 'BAD_RESPONSE');
  return accessToken;
}

const OIDC_KEY = 'tend.oidc';

/** What the sign-in page keeps while the person is at their identity provider, in this tab only. */
interface OidcAttempt {
  organizationId: string;
  state: string;
  codeVerifier: string;
  redirectUri: string;
}

/** The workplace a sign-in page was opened for: `<web app>?organization=<id>`, the link an admin shares. */
export function organizationFromAddress(): string | null {
  const id = new URLSearchParams(location.search).get('organization');
  return id && /^[0-9a-f-]{36}$/i.test(id) ? id : null;
}

/** Whether the workplace signs in through its identity provider; null when it signs in by email link. */
export async function identityProviderOf(
  organizationId: string,
): Promise<{ authorizationEndpoint: string; clientId: string } | null> {
  try {
    const provider = await call(`/sign-in/oidc/${organizationId}`);
    return provider as unknown as { authorizationEndpoint: string; clientId: string };
  } catch (error) {
    if (error instanceof ApiError && error.code === 'NOT_FOUND') return null;
    throw error;
  }
}

function base64url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

/**
 * Sends the person to their identity provider, authorization code with PKCE (RFC 7636, S256): the
 * verifier stays in this tab's sessionStorage, only its hash travels.
 */
export async function startOidcSignIn(
  organizationId: string,
  provider: { authorizationEndpoint: string; clientId: string },
): Promise<void> {
  const codeVerifier = base64url(crypto.getRandomValues(new Uint8Array(32)));
  const challenge = base64url(
    new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(codeVerifier))),
  );
  const attempt: OidcAttempt = {
    organizationId,
    state: base64url(crypto.getRandomValues(new Uint8Array(16))),
    codeVerifier,
    redirectUri: `${location.origin}/`,
  };
  sessionStorage.setItem(OIDC_KEY, JSON.stringify(attempt));
  const url = new URL(provider.authorizationEndpoint);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: provider.clientId,
    redirect_uri: attempt.redirectUri,
    scope: 'openid email',
    state: attempt.state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  }).toString();
  location.assign(url.toString());
}

/**
 * The provider's answer, if the page was opened by it (`?code=...&state=...`), taken out of the
 * address bar at once. Null when there is none; an answer whose state is not this tab's is refused.
 */
export function takeOidcAnswer(): { refused: true } | { attempt: OidcAttempt; code: string } | null {
  const query = new URLSearchParams(location.search);
  const code = query.get('code');
  const state = query.get('state');
  if (!code && !query.has('error')) return null;
  history.replaceState(null, '', location.pathname);
  const kept = sessionStorage.getItem(OIDC_KEY);
  sessionStorage.removeItem(OIDC_KEY);
  const attempt = kept ? (JSON.parse(kept) as OidcAttempt) : null;
  if (!code || !attempt || attempt.state !== state) return { refused: true };
  return { attempt, code };
}

/** Trades the provider's code and this tab's verifier for an access token. */
export async function redeemOidcCode(attempt: OidcAttempt, code: string): Promise<string> {
  const { accessToken } = await call('/sign-in/oidc/token', {
    organizationId: attempt.organizationId,
    code,
    codeVerifier: attempt.codeVerifier,
    redirectUri: attempt.redirectUri,
  });
  if (typeof accessToken !== 'string') throw new ApiError('The server sent no token', 'BAD_RESPONSE');
  return accessToken;
}
