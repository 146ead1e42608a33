import { useEffect, useState } from 'preact/hooks';

/**
 * The screen, from the fragment (`#/history`). Routing in the fragment needs no server fallback:
 * the gateway serves the app's files and nothing else at its paths.
 */
export function useRoute(): string {
  const read = () => (location.hash.startsWith('#/') ? location.hash.slice(1) : '/');
  const [route, setRoute] = useState(read);
  useEffect(() => {
    const changed = () => setRoute(read());
    addEventListener('hashchange', changed);
    return () => removeEventListener('hashchange', changed);
  }, []);
  return route;
}
