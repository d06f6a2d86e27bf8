// «Операторы онлайн» (supervisors and admins): who is at work and on a call, with the
// monitoring buttons for each. Small on purpose: the wallboard will carry MonitorControls too.
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { MonitorAgent } from '../../../core/monitor.js';
import { errorMessage } from '../../i18n/errors.js';
import { useApi } from '../../platform/ApiContext.js';
import { Banner, Button } from '../../ui/index.js';
import { MonitorControls } from './MonitorControls.js';
import { useMonitoring } from './store.js';
import './monitoring.css';

/** Presence changes are not pushed to this screen yet: a light poll keeps it fresh. */
const REFRESH_MS = 5_000;

function stateOf(a: MonitorAgent): 'onCall' | 'online' | 'offline' {
  return a.onCall ? 'onCall' : a.online ? 'online' : 'offline';
}

export function AgentsScreen({ onBack }: { onBack: (() => void) | null }) {
  const { t } = useTranslation();
  const api = useApi();
  const agents = useMonitoring((s) => s.agents);
  const loaded = useMonitoring((s) => s.loaded);
  const listError = useMonitoring((s) => s.listError);

  useEffect(() => {
    const load = () => void useMonitoring.getState().loadAgents(api);
    load();
    const id = setInterval(load, REFRESH_MS);
    return () => clearInterval(id);
  }, [api]);

  // Operators at work first (on a call, then online), then the rest.
  const order = { onCall: 0, online: 1, offline: 2 } as const;
  const sorted = [...agents].sort((a, b) => order[stateOf(a)] - order[stateOf(b)]);

  return (
    <section className="agents" aria-labelledby="agents-title" data-testid="agents-screen">
      <div className="agents__head">
        <h1 id="agents-title">{t('monitor.title')}</h1>
        {onBack && <Button onClick={onBack}>{t('monitor.back')}</Button>}
      </div>
      <p className="agents__intro">{t('monitor.intro')}</p>
      {listError && (
        <Banner tone="error" role="alert">
          {errorMessage(t, listError)}
        </Banner>
      )}
      {!loaded && <p role="status">{t('app.loading')}</p>}
      {loaded && sorted.length === 0 && !listError && <p>{t('monitor.nobody')}</p>}
      <ul className="agents__list">
        {sorted.map((a) => {
          const state = stateOf(a);
          return (
            <li key={a.userId} className="agents__row" data-testid="agent-row" data-user={a.userId} data-state={state}>
              <div className="agents__who">
                <h2 className="agents__name">{a.name}</h2>
                <p className={`agents__state agents__state--${state}`}>{t(`monitor.state.${state}`)}</p>
                {!a.sipUri && <p className="agents__note">{t('monitor.noPhone')}</p>}
              </div>
              <MonitorControls agent={{ userId: a.userId, name: a.name }} />
            </li>
          );
        })}
      </ul>
    </section>
  );
}
