// What a supervisor can do from an agent's row: change the state now; call monitoring
// («Слушать / Подсказать / Вмешаться», renderer/features/monitoring) goes in `monitor`.
import { useEffect, useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgentView, SupervisorSetState } from '../../../core/agent-state.js';
import { Button } from '../../ui/index.js';

const CHOICES: Array<SupervisorSetState['kind']> = ['available', 'break', 'away'];

export function AgentRowActions({ agent, onSetState, monitor }: {
  agent: AgentView;
  onSetState: (state: SupervisorSetState) => void;
  /** The monitoring buttons for this agent's call (while they are on one). */
  monitor?: ReactNode;
}) {
  const { t } = useTranslation();
  const id = useId();
  const current = agent.state.kind;
  const suggested = current === 'available' ? 'break' : 'available';
  const [choice, setChoice] = useState<SupervisorSetState['kind']>(suggested);
  // A new state suggests a new choice (an agent who went away is most likely brought back).
  useEffect(() => setChoice(suggested), [suggested]);
  if (current === 'offline') return <span className="wallboard__muted">{t('wallboard.offlineAgent')}</span>;
  return (
    <div className="wallboard__row-actions">
      <label className="visually-hidden" htmlFor={id}>
        {t('wallboard.changeState', { name: agent.name })}
      </label>
      <select id={id} className="field__input wallboard__select" value={choice} onChange={(e) => setChoice(e.target.value as SupervisorSetState['kind'])} data-testid="agent-state-select">
        {CHOICES.map((k) => (
          <option key={k} value={k}>
            {t(`agent.state.${k}`)}
          </option>
        ))}
      </select>
      <Button onClick={() => onSetState(choice === 'break' ? { kind: 'break', reason: 'rest' } : { kind: choice })} data-testid="agent-state-apply">
        {t('wallboard.apply')}
      </Button>
      {monitor && (
        <div className="wallboard__monitor-slot" data-testid="monitor-slot" aria-label={t('wallboard.monitorSlot')} role="group">
          {monitor}
        </div>
      )}
    </div>
  );
}
