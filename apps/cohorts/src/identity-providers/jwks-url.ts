const LOOPBACK_HOSTS = ['127.0.0.1', 'localhost'];

/**
 * Whether the gateway may fetch signing keys from this URL. Keys fetched over
 * plain HTTP could be swapped on the way, so only https is accepted, except a
 * loopback address with an explicit port when the deployment allows it (tests, demos).
 */
export function acceptsJwksUrl(value: string, allowLoopback: boolean): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.username || url.password) return false;
  if (url.protocol === 'https:') return true;
  return allowLoopback && url.protocol === 'http:' && LOOPBACK_HOSTS.includes(url.hostname) && url.port !== '';
}
