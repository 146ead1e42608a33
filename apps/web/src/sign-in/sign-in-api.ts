import { ApiError, OfflineError } from '../api/graphql-client';

const FRAGMENT = /^#sign-in=([^&]+)$/;

async function post(path: string, body: unknown): Promise<Record<string, unknown>> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
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
  await post('/sign-in/email-link', { email });
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

/** Trades the link's secret for an access token, by POST so that the secret travels in no URL. */
export async function redeemSignInLink(link: string): Promise<string> {
  const { accessToken } = await post('/sign-in/redeem', { link });
  if (typeof accessToken !== 'string') throw new ApiError('The server sent no token', 'BAD_RESPONSE');
  return accessToken;
}
