import { render } from 'preact';
import { App } from './app';
import { chooseLanguage } from './i18n/i18n';
import './styles.css';

chooseLanguage(navigator.language);
const root = document.getElementById('app');
if (!root) throw new Error('index.html has no #app element');
render(<App />, root);
// Keeps the app's files for offline use; without a service worker (an old browser) it still works online.
if ('serviceWorker' in navigator) {
  navigator.serviceWorker.register('/sw.js').catch(() => undefined);
}
