import { useEffect, useState } from 'preact/hooks';
import { session } from '../api/session';

/** The current token, re-rendering on sign-in and sign-out. */
export function useSessionToken(): string | null {
  const [token, setToken] = useState(session.token());
  useEffect(() => session.onChange(() => setToken(session.token())), []);
  return token;
}
