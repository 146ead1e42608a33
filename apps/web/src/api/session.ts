const TOKEN_KEY = 'tend.token';

type Listener = () => void;
const listeners = new Set<Listener>();

/**
 * The signed-in person's access token. It lives in localStorage, never in a URL: the sign-in link's
 * secret arrives in the fragment and is exchanged for it by POST (docs/ARCHITECTURE.md, "The web app").
 */
export const session = {
  token(): string | null {
    return localStorage.getItem(TOKEN_KEY);
  },
  /**
   * The role the token was signed with, which picks the screens; the API decides what the person
   * may do, request by request, whatever this says.
   */
  role(): 'ADMIN' | 'LEADER' | 'LEARNER' | null {
    const payload = localStorage.getItem(TOKEN_KEY)?.split('.')[1];
    if (!payload) return null;
    try {
      const { role } = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))) as { role?: unknown };
      return role === 'ADMIN' || role === 'LEADER' || role === 'LEARNER' ? role : null;
    } catch {
      return null;
    }
  },
  signIn(token: string): void {
    localStorage.setItem(TOKEN_KEY, token);
    for (const listener of listeners) listener();
  },
  signOut(): void {
    if (localStorage.getItem(TOKEN_KEY) === null) return;
    localStorage.removeItem(TOKEN_KEY);
    // The next person on this device must not read the last one's day.
    localStorage.removeItem('tend.today');
    for (const listener of listeners) listener();
  },
  onChange(listener: Listener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};
