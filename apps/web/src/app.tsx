import { session } from './api/session';
import { t } from './i18n/i18n';
import { LearnerHome } from './shell/learner-home';
import { useRoute } from './shell/use-route';
import { useSessionToken } from './shell/use-session';

export function App() {
  const token = useSessionToken();
  const route = useRoute();
  if (!token) {
    return (
      <main class="page narrow">
        <h1>{t('signInTitle')}</h1>
        <p>{t('signInIntro')}</p>
      </main>
    );
  }
  return (
    <>
      <main class="page" id="main">
        <LearnerHome route={route} />
      </main>
      <nav class="tabs" aria-label={t('nav')}>
        <a href="#/" aria-current={route === '/' ? 'page' : undefined}>
          {t('navToday')}
        </a>
        <a href="#/history" aria-current={route === '/history' ? 'page' : undefined}>
          {t('navHistory')}
        </a>
        <button type="button" class="link" onClick={() => session.signOut()}>
          {t('signOut')}
        </button>
      </nav>
    </>
  );
}
