import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n/i18n';

/**
 * A screen loaded on demand, so a learner's phone never downloads the leaders' or admins' code
 * (the first screen's budget, docs/ARCHITECTURE.md "The web app").
 */
export function LazyScreen({ load }: { load: () => Promise<{ default: ComponentType }> }) {
  const [Screen, setScreen] = useState<ComponentType | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    load()
      .then((module) => setScreen(() => module.default))
      .catch(() => setFailed(true));
  }, [load]);
  if (failed) return <p role="alert">{t('offlineBanner')}</p>;
  return Screen ? <Screen /> : <p aria-busy="true">{t('loading')}</p>;
}
