import { useEffect, useState } from 'preact/hooks';
import { session } from './api/session';
import { t } from './i18n/i18n';
import { pendingCompletions } from './learner/completion-outbox';
import { LazyScreen } from './shell/lazy-screen';
import { LearnerHome } from './shell/learner-home';
import { useOnline } from './shell/use-online';
import { useRoute } from './shell/use-route';
import { useSessionToken } from './shell/use-session';
import {
  redeemOidcCode,
  redeemSignInLink,
  takeLinkFromAddress,
  takeOidcAnswer,
  takeSessionFromAddress,
} from './sign-in/sign-in-api';
import { SignInScreen } from './sign-in/sign-in-screen';

type LinkState = 'none' | 'redeeming' | 'refused';

const loadLeaderHome = () => import('./leader/leader-home');
const loadAdminHome = () => import('./admin/admin-home');

/** The tabs each role has: a leader also takes their own lessons, ahead of the team. */
const TABS = {
  LEARNER: [
    ['/', 'navToday'],
    ['/history', 'navHistory'],
  ],
  LEADER: [
    ['/', 'navToday'],
    ['/team', 'navTeam'],
    ['/history', 'navHistory'],
  ],
  ADMIN: [['/', 'navAdmin']],
} as const;

export function App() {
  const token = useSessionToken();
  const route = useRoute();
  const [link, setLink] = useState<LinkState>('none');
  const online = useOnline();

  useEffect(() => {
    const redeemFromAddress = () => {
      const launched = takeSessionFromAddress();
      if (launched) return session.signIn(launched);
      const answer = takeOidcAnswer();
      const secret = answer ? null : takeLinkFromAddress();
      if (answer && 'refused' in answer) return setLink('refused');
      const redeeming = answer ? redeemOidcCode(answer.attempt, answer.code) : secret ? redeemSignInLink(secret) : null;
      if (!redeeming) return;
      setLink('redeeming');
      redeeming
        .then((accessToken) => {
          session.signIn(accessToken);
          setLink('none');
        })
        .catch(() => setLink('refused'));
    };
    redeemFromAddress();
    // A link opened in a tab where the app already runs changes only the fragment.
    addEventListener('hashchange', redeemFromAddress);
    return () => removeEventListener('hashchange', redeemFromAddress);
  }, []);

  if (link === 'redeeming') {
    return (
      <main class="page narrow" id="main">
        <p aria-busy="true">{t('signingIn')}</p>
      </main>
    );
  }
  if (!token) return <SignInScreen linkRefused={link === 'refused'} />;
  const pending = pendingCompletions();
  const role = session.role() ?? 'LEARNER';
  return (
    <>
      {!online && (
        <p class="offline" role="status">
          {t('offlineBanner')}
        </p>
      )}
      {online && pending > 0 && (
        <p class="offline" role="status">
          {t('pendingSync', { count: pending })}
        </p>
      )}
      <main class="page" id="main">
        {role === 'ADMIN' ? (
          <LazyScreen load={loadAdminHome} />
        ) : role === 'LEADER' && route === '/team' ? (
          <LazyScreen load={loadLeaderHome} />
        ) : (
          <LearnerHome route={route} />
        )}
      </main>
      <nav class="tabs" aria-label={t('nav')}>
        {TABS[role].map(([path, label]) => (
          <a key={path} href={`#${path}`} aria-current={route === path ? 'page' : undefined}>
            {t(label)}
          </a>
        ))}
        <button type="button" class="link" onClick={() => session.signOut()}>
          {t('signOut')}
        </button>
      </nav>
    </>
  );
}
