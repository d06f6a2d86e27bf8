// The operator's own state under the calls: a quiet line with «Уйти на перерыв» while free, and
// a calm banner with one big button when something needs them — after-call work (timer, the
// order's next stages, «Готов»), a break («Вернуться к работе»), «не на месте» («Я на месте»).
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BreakReason, acwSecondsLeft } from '../../../core/agent-state.js';
import { useApi } from '../../platform/ApiContext.js';
import { Banner, Button } from '../../ui/index.js';
import { useAgentState } from './store.js';
import './agent-state.css';

function useSecondTick(active: boolean): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    if (!active) return;
    setNow(Date.now()); // the clock was asleep: start from now, not from when it last ticked
    const id = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(id);
  }, [active]);
  return now;
}

export function AgentBar() {
  const { t } = useTranslation();
  const api = useApi();
  const { status, disposition, bySupervisor, error, takeBreak, ready, dispose } = useAgentState();
  const [choosing, setChoosing] = useState(false);
  const now = useSecondTick(status.kind === 'after_call');
  const stateWords = t(`agent.state.${status.kind}`);

  const primary = useRef<HTMLButtonElement>(null);
  const firstReason = useRef<HTMLButtonElement>(null);
  useEffect(() => setChoosing(false), [status.kind]);
  // The button that ends the new state takes the keyboard when the old focus went away with the
  // old controls (a click here, the call panel closing) — never from a field being typed in.
  const seenKind = useRef(status.kind);
  useEffect(() => {
    if (seenKind.current === status.kind) return; // not on mount: the screen decides its first focus
    seenKind.current = status.kind;
    const active = document.activeElement;
    if (!active || active === document.body) primary.current?.focus();
  }, [status.kind]);
  useEffect(() => {
    if (choosing) firstReason.current?.focus();
  }, [choosing]);

  const note = bySupervisor ? <p className="agent-bar__note">{t('agent.setBySupervisor', { state: stateWords })}</p> : null;
  const plan = status.afterCall ? (
    <p className="agent-bar__note" data-testid="agent-after-call-plan">
      {t(`agent.afterCallPlan.${status.afterCall.kind}`, { reason: t(`agent.reason.${status.afterCall.reason ?? 'rest'}`) })}
    </p>
  ) : null;

  if (status.kind === 'after_call') {
    return (
      <section className="agent-bar" aria-label={t('agent.label')} data-testid="agent-bar" data-state={status.kind}>
        <Banner tone="info" data-testid="acw-banner">
          <p className="agent-bar__title">{t('agent.acwTitle')}</p>
          {plan}
          <p data-testid="acw-left">{t('agent.acwLeft', { seconds: acwSecondsLeft(status.acwEndsAt, new Date(now)) })}</p>
          {disposition && (
            <>
              <p>{t('agent.acwChoose', { number: disposition.number })}</p>
              <div className="agent-bar__actions">
                {disposition.stages.map((st) => (
                  <Button key={st.id} onClick={() => void dispose(api, st.id)} data-testid="acw-stage" data-stage={st.id}>
                    {st.name}
                  </Button>
                ))}
              </div>
            </>
          )}
          {error && <p role="alert">{t('agent.failed')}</p>}
          <div className="agent-bar__actions">
            <Button ref={primary} variant="primary" size="large" icon="check" onClick={() => ready(api)} data-testid="acw-ready">
              {t('agent.ready')}
            </Button>
          </div>
        </Banner>
      </section>
    );
  }

  if (status.kind === 'away' || status.kind === 'break') {
    const away = status.kind === 'away';
    return (
      <section className="agent-bar" aria-label={t('agent.label')} data-testid="agent-bar" data-state={status.kind}>
        <Banner tone={away ? 'warn' : 'info'} data-testid={away ? 'away-banner' : 'break-banner'}>
          {note}
          <p>{away ? t('agent.awayText') : t('agent.onBreak', { reason: t(`agent.reason.${status.reason ?? 'rest'}`) })}</p>
          <div className="agent-bar__actions">
            <Button ref={primary} variant="primary" size="large" icon="check" onClick={() => ready(api)} data-testid={away ? 'im-here' : 'break-end'}>
              {away ? t('agent.imHere') : t('agent.back')}
            </Button>
          </div>
        </Banner>
      </section>
    );
  }

  return (
    <section className="agent-bar agent-bar--quiet" aria-label={t('agent.label')} data-testid="agent-bar" data-state={status.kind}>
      <p className="agent-bar__line">
        <span className={`agent-dot agent-dot--${status.kind}`} aria-hidden="true" />
        <span data-testid="agent-state">{t('agent.you', { state: stateWords })}</span>
      </p>
      {note}
      {plan}
      {status.kind === 'available' &&
        (choosing ? (
          <fieldset className="agent-bar__reasons">
            <legend>{t('agent.chooseReason')}</legend>
            {BreakReason.options.map((r, i) => (
              <Button key={r} ref={i === 0 ? firstReason : undefined} onClick={() => takeBreak(api, r)} data-testid="break-reason" data-reason={r}>
                {t(`agent.reason.${r}`)}
              </Button>
            ))}
            <Button onClick={() => setChoosing(false)}>{t('agent.cancel')}</Button>
          </fieldset>
        ) : (
          <Button ref={primary} icon="pause" onClick={() => setChoosing(true)} data-testid="break-start">
            {t('agent.takeBreak')}
          </Button>
        ))}
    </section>
  );
}
