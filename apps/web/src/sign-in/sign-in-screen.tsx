import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../api/graphql-client';
import { t } from '../i18n/i18n';
import { emailSignInLink, identityProviderOf, organizationFromAddress, startOidcSignIn } from './sign-in-api';

type Provider = Awaited<ReturnType<typeof identityProviderOf>>;

/** The signed-out screen: an email address, and a link sent to it. */
export function SignInScreen({ linkRefused }: { linkRefused: boolean }) {
  const [email, setEmail] = useState('');
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const [organizationId] = useState(organizationFromAddress);
  const [provider, setProvider] = useState<Provider>(null);
  useEffect(() => {
    if (organizationId) identityProviderOf(organizationId).then(setProvider, () => setProvider(null));
  }, [organizationId]);

  const submit = async (event: Event) => {
    event.preventDefault();
    setProblem(null);
    setSending(true);
    try {
      await emailSignInLink(email.trim());
      setSentTo(email.trim());
    } catch (error) {
      setProblem(error instanceof ApiError ? error.message : t('offlineBanner'));
    } finally {
      setSending(false);
    }
  };

  return (
    <main class="page narrow" id="main">
      <h1>{t('signInTitle')}</h1>
      {linkRefused && (
        <p class="problem" role="alert">
          {t('linkRefused')}
        </p>
      )}
      {provider && organizationId ? (
        <div class="card">
          <button type="button" class="primary" onClick={() => startOidcSignIn(organizationId, provider)}>
            {t('signInWithProvider')}
          </button>
        </div>
      ) : sentTo ? (
        <p class="notice" role="status">
          {t('linkSent', { email: sentTo })}
        </p>
      ) : (
        <form onSubmit={submit} class="card">
          <p>{t('signInIntro')}</p>
          <label class="field">
            <span>{t('emailLabel')}</span>
            <input
              type="email"
              name="email"
              autocomplete="email"
              required
              value={email}
              onInput={(event) => setEmail((event.target as HTMLInputElement).value)}
            />
          </label>
          {problem && (
            <p class="problem" role="alert">
              {problem}
            </p>
          )}
          <button type="submit" class="primary" disabled={sending}>
            {t('sendLink')}
          </button>
        </form>
      )}
    </main>
  );
}
