// «Слушать / Подсказать / Вмешаться» for one operator, and «Закончить». Self-contained: give it
// the operator (id and name) and place it anywhere a supervisor sees operators (the wallboard's
// rows). The current mode is marked in words and with aria-pressed. An operator whose Pult phone
// was never set up has nothing to listen to: the controls say so before anyone clicks.
import type { TFunction } from 'i18next';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { MonitorMode } from '../../../core/monitor.js';
import { errorMessage } from '../../i18n/errors.js';
import { useApi } from '../../platform/ApiContext.js';
import { Banner, Button } from '../../ui/index.js';
import { useSoftphone } from '../softphone/store.js';
import { useMonitoring, type MonitorError } from './store.js';
import './monitoring.css';

const MODES: readonly MonitorMode[] = ['listen', 'whisper', 'barge'];

function problemText(t: TFunction, e: MonitorError, name: string): string {
  if (e.kind === 'server') return errorMessage(t, e.error);
  if (e.kind === 'local') return t(`monitor.problems.${e.problem}`, { name });
  return t(`monitor.ended.${e.reason}`, { name });
}

export function MonitorControls({ agent }: { agent: { userId: string; name: string } }) {
  const { t } = useTranslation();
  const api = useApi();
  const leg = useSoftphone((s) => s.monitors.find((m) => m.side === 'supervisor' && m.agentUserId === agent.userId && m.state !== 'ended'));
  const busy = useMonitoring((s) => s.busy[agent.userId] ?? false);
  const error = useMonitoring((s) => s.errors[agent.userId] ?? null);
  const noPhone = useMonitoring((s) => s.agents.find((a) => a.userId === agent.userId)?.sipUri === null);
  // The address may have been published a moment ago (the operator just set the phone up).
  useEffect(() => void useMonitoring.getState().loadAgents(api), [api, agent.userId]);
  const { monitor, stop } = useMonitoring.getState();
  const status = leg ? (leg.state === 'connecting' ? t('monitor.connecting', { name: agent.name }) : t(`monitor.now.${leg.mode}`, { name: agent.name })) : null;

  return (
    <div className="monitor-controls" data-testid="monitor-controls" data-agent={agent.userId} data-mode={leg?.state === 'active' ? leg.mode : ''}>
      <div className="monitor-controls__buttons" role="group" aria-label={t('monitor.groupLabel', { name: agent.name })}>
        {MODES.map((mode) => {
          const on = leg?.state === 'active' && leg.mode === mode;
          return (
            <Button
              key={mode}
              variant={on ? 'primary' : 'secondary'}
              aria-pressed={on}
              disabled={busy || leg?.state === 'connecting'}
              onClick={() => void monitor(api, agent, mode)}
              data-testid={`monitor-${mode}`}>
              {t(`monitor.mode.${mode}`)}
            </Button>
          );
        })}
        {leg && (
          <Button className="btn--decline" onClick={() => void stop(agent.userId)} data-testid="monitor-stop">
            {t('monitor.stop')}
          </Button>
        )}
      </div>
      {noPhone && !leg && (
        <p className="monitor-controls__note" data-testid="monitor-no-phone">
          {t('monitor.noPhone')}
        </p>
      )}
      <p className="monitor-controls__status" role="status" data-testid="monitor-status">
        {status}
      </p>
      {error && (
        <Banner tone="error" role="alert" data-testid="monitor-error">
          {problemText(t, error, agent.name)}
        </Banner>
      )}
    </div>
  );
}
