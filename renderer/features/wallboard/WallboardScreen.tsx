// «Монитор» for supervisors and admins: today's counts, every operator with their state in
// words, colour and icon and the time in it, calls now with their durations, callbacks with
// their countdowns, and orders past their time limit — breaches stand out in red with words.
// From a row the supervisor changes an agent's state or gives a callback/order to someone else.
import { useEffect, useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgentStateKind, AgentView } from '../../../core/agent-state.js';
import type { ReassignRequest } from '../../../core/wallboard.js';
import { formatPhone } from '../../format/phone.js';
import { errorMessage } from '../../i18n/errors.js';
import { useApi } from '../../platform/ApiContext.js';
import { Banner, Button, Icon, type IconName } from '../../ui/index.js';
import { MonitorControls } from '../monitoring/MonitorControls.js';
import { useMonitoredAgentIds } from '../monitoring/store.js';
import { AgentRowActions } from './AgentRowActions.js';
import { useWallboard } from './store.js';
import { clockText, useServerClock } from './useServerClock.js';
import '../agent-state/agent-state.css';
import './wallboard.css';

const STATE_ICON: Record<AgentStateKind, IconName> = {
  available: 'check', ringing: 'phone', on_call: 'phone', after_call: 'clock', break: 'pause', away: 'warning', offline: 'logout',
};

export function AgentStateLabel({ kind }: { kind: AgentStateKind }) {
  const { t } = useTranslation();
  return (
    <span className={`wallboard__state wallboard__state--${kind}`} data-testid="agent-row-state" data-state={kind}>
      <Icon name={STATE_ICON[kind]} />
      <span>{t(`agent.state.${kind}`)}</span>
    </span>
  );
}

/** An operator picker and «Передать» for a callback or order row. */
function Reassign({ what, entity, id, current, agents, onReassign }: {
  what: string; entity: ReassignRequest['entity']; id: string; current: string | null; agents: AgentView[]; onReassign: (req: ReassignRequest) => void;
}) {
  const { t } = useTranslation();
  const selectId = useId();
  const others = agents.filter((a) => a.userId !== current);
  const [userId, setUserId] = useState(others[0]?.userId ?? '');
  if (others.length === 0) return null;
  return (
    <div className="wallboard__row-actions">
      <label className="visually-hidden" htmlFor={selectId}>
        {t('wallboard.reassignTo', { what })}
      </label>
      <select id={selectId} className="field__input wallboard__select" value={userId} onChange={(e) => setUserId(e.target.value)} data-testid="reassign-select">
        {others.map((a) => (
          <option key={a.userId} value={a.userId}>
            {a.name}
          </option>
        ))}
      </select>
      <Button onClick={() => userId && onReassign({ entity, id, userId })} data-testid="reassign-apply">
        {t('wallboard.reassign')}
      </Button>
    </div>
  );
}

function Due({ dueAt, now }: { dueAt: string; now: number }) {
  const { t } = useTranslation();
  const ms = Date.parse(dueAt) - now;
  const late = ms < 0;
  const urgency = late ? 'overdue' : ms < 60_000 ? 'soon' : 'later';
  return (
    <span className={`countdown countdown--${urgency}`} data-testid="wallboard-due" data-urgency={urgency}>
      <Icon name={late ? 'warning' : 'clock'} />
      <span>{late ? t('wallboard.overdue', { time: clockText(-ms) }) : t('wallboard.left', { time: clockText(ms) })}</span>
    </span>
  );
}

export function WallboardScreen() {
  const { t } = useTranslation();
  const api = useApi();
  const { snapshot, agents, offsetMs, error, outcome, load, agentChanged, setAgentState, reassign, clearOutcome, reset } = useWallboard();
  const now = useServerClock(offsetMs);
  const monitored = useMonitoredAgentIds();
  // «Готово» goes after a while; an error stays until the next action.
  useEffect(() => {
    if (!outcome?.ok) return;
    const id = setTimeout(clearOutcome, 6000);
    return () => clearTimeout(id);
  }, [outcome]);

  useEffect(() => {
    void load(api);
    const offAgent = api.on('agent.changed', (view) => agentChanged(view));
    // Callbacks and orders change through sync: read the snapshot again, at most twice a second.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const offData = api.on('data.changed', () => {
      clearTimeout(timer);
      timer = setTimeout(() => void load(api), 500);
    });
    return () => {
      offAgent();
      offData();
      clearTimeout(timer);
      reset();
    };
  }, [api]);

  if (error && !snapshot) {
    return (
      <section className="wallboard" data-testid="wallboard">
        <h2>{t('wallboard.heading')}</h2>
        <Banner tone="error" role="alert" data-testid="wallboard-error">
          {errorMessage(t, error)}
        </Banner>
      </section>
    );
  }
  if (!snapshot) return <p role="status">{t('wallboard.loading')}</p>;

  const calls = agents.filter((a) => a.state.kind === 'on_call' || a.state.kind === 'ringing');
  const since = (iso: string) => clockText(now - Date.parse(iso));
  const who = (peer: { phone: string; name: string } | null | undefined) =>
    peer ? (
      <>
        {peer.name && <span className="wallboard__peer-name">{peer.name}</span>}
        <span className={peer.name ? 'wallboard__sub wallboard__nowrap' : 'wallboard__nowrap'}>{formatPhone(peer.phone)}</span>
      </>
    ) : null;

  return (
    <section className="wallboard" data-testid="wallboard" aria-labelledby="wallboard-heading">
      <div className="wallboard__head">
        <h2 id="wallboard-heading">{t('wallboard.heading')}</h2>
        <p className="wallboard__intro">{t('wallboard.intro')}</p>
      </div>
      <div role="status" data-testid="wallboard-outcome">
        {outcome && (outcome.ok ? <Banner tone="ok">{t('wallboard.saved')}</Banner> : <Banner tone="error">{errorMessage(t, outcome.error)}</Banner>)}
      </div>

      <section aria-labelledby="wb-today">
        <h3 id="wb-today">{t('wallboard.today')}</h3>
        <dl className="wallboard__counts" data-testid="wallboard-today">
          {(['callsIncoming', 'callsAnswered', 'callsMissed', 'ordersCreated', 'callbacksDone'] as const).map((k) => (
            <div key={k} className={`wallboard__count${k === 'callsMissed' && snapshot.today[k] > 0 ? ' wallboard__count--bad' : ''}`}>
              <dt>{t(`wallboard.counts.${k}`)}</dt>
              <dd data-testid={`count-${k}`}>{snapshot.today[k]}</dd>
            </div>
          ))}
        </dl>
      </section>

      <BoardTable id="wb-agents" stackWhenNarrow title={t('wallboard.agents')} empty={agents.length === 0 ? t('wallboard.noAgents') : null} testId="wallboard-agents" caption={t('wallboard.agentsCaption')} columns={['wallboard.col.name', 'wallboard.col.state', 'wallboard.col.time', 'wallboard.col.with', 'wallboard.col.actions'].map((k) => t(k))}>
          {agents.map((a) => (
            <tr key={a.userId} data-testid="agent-row" data-user={a.userId} data-state={a.state.kind} className={a.state.kind === 'away' ? 'wallboard__row--bad' : undefined}>
              <th scope="row">{a.name}</th>
              <td>
                <AgentStateLabel kind={a.state.kind} />
                {a.state.kind === 'break' && a.state.reason && <span className="wallboard__reason">{t(`agent.reason.${a.state.reason}`)}</span>}
                {a.state.afterCall && (
                  <span className="wallboard__reason" data-testid="agent-row-plan">
                    {t(`wallboard.afterCallPlan.${a.state.afterCall.kind}`, { reason: t(`agent.reason.${a.state.afterCall.reason ?? 'rest'}`) })}
                  </span>
                )}
              </td>
              <td className="wallboard__num" data-label={t('wallboard.col.time')} data-testid="agent-row-time">{a.state.kind === 'offline' ? '—' : since(a.state.since)}</td>
              <td data-label={a.state.peer ? t('wallboard.col.with') : undefined} data-testid="agent-row-peer">{who(a.state.peer)}</td>
              <td className="wallboard__actions">
                <AgentRowActions
                  agent={a}
                  onSetState={(s) => void setAgentState(api, a.userId, s)}
                  // Listen / whisper / barge while the operator is on a call; «Закончить» stays while we are still connected.
                  monitor={a.state.kind === 'on_call' || monitored.includes(a.userId) ? <MonitorControls agent={{ userId: a.userId, name: a.name }} /> : undefined}
                />
              </td>
            </tr>
          ))}
      </BoardTable>

      <BoardTable id="wb-calls" title={t('wallboard.calls')} empty={calls.length === 0 ? t('wallboard.noCalls') : null} emptyTestId="wallboard-no-calls" testId="wallboard-calls" columns={['wallboard.col.operator', 'wallboard.col.caller', 'wallboard.col.state', 'wallboard.col.duration'].map((k) => t(k))}>
        {calls.map((a) => (
          <tr key={a.userId} data-testid="call-row">
            <th scope="row">{a.name}</th>
            <td>{who(a.state.peer)}</td>
            <td>
              <AgentStateLabel kind={a.state.kind} />
            </td>
            <td className="wallboard__num">{since(a.state.since)}</td>
          </tr>
        ))}
      </BoardTable>

      <BoardTable id="wb-callbacks" title={t('wallboard.callbacks')} empty={snapshot.callbacks.length === 0 ? t('wallboard.noCallbacks') : null} testId="wallboard-callbacks" columns={['wallboard.col.customer', 'wallboard.col.due', 'wallboard.col.assignee', 'wallboard.col.actions'].map((k) => t(k))}>
          {snapshot.callbacks.map((c) => (
            <tr key={c.id} data-testid="callback-row" className={Date.parse(c.dueAt) < now ? 'wallboard__row--bad' : undefined}>
              <th scope="row">
                {c.customerName ?? t('wallboard.unknownCustomer')}
                <span className="wallboard__sub">{formatPhone(c.phone)}</span>
              </th>
              <td>
                <Due dueAt={c.dueAt} now={now} />
              </td>
              <td>{c.assigneeName ?? t('wallboard.pool')}</td>
              <td>
                <Reassign what={formatPhone(c.phone)} entity="callbacks" id={c.id} current={c.assigneeId} agents={agents} onReassign={(r) => void reassign(api, r)} />
              </td>
            </tr>
          ))}
      </BoardTable>

      <BoardTable id="wb-orders" title={t('wallboard.orders')} empty={snapshot.ordersPastSla.length === 0 ? t('wallboard.noOrders') : null} testId="wallboard-orders" columns={['wallboard.col.order', 'wallboard.col.stage', 'wallboard.col.late', 'wallboard.col.operator', 'wallboard.col.actions'].map((k) => t(k))}>
          {snapshot.ordersPastSla.map((o) => (
            <tr key={o.id} data-testid="sla-row" className="wallboard__row--bad">
              <th scope="row">
                {o.number}
                <span className="wallboard__sub">{o.customerName ?? o.title}</span>
              </th>
              <td>{o.stageName}</td>
              <td>
                <span className="countdown countdown--overdue">
                  <Icon name="warning" />
                  <span>{t('wallboard.lateBy', { time: clockText(now - Date.parse(o.slaDueAt)) })}</span>
                </span>
              </td>
              <td>{o.operatorName ?? t('wallboard.pool')}</td>
              <td>
                <Reassign what={o.number} entity="orders" id={o.id} current={o.operatorId} agents={agents} onReassign={(r) => void reassign(api, r)} />
              </td>
            </tr>
          ))}
      </BoardTable>
    </section>
  );
}

/** A wallboard section: its heading, a line in words when it is empty, else its table. */
function BoardTable({ id, title, empty, emptyTestId, testId, caption, columns, children, stackWhenNarrow = false }: {
  id: string;
  /** Where the table is narrower than its columns need (200 %), each row becomes a block. */
  stackWhenNarrow?: boolean;
  title: string;
  /** What to say instead of the table when there is nothing to list. */
  empty: string | null;
  emptyTestId?: string;
  testId: string;
  caption?: string;
  columns: string[];
  children: ReactNode;
}) {
  return (
    <section aria-labelledby={id}>
      <h3 id={id}>{title}</h3>
      {empty !== null ? (
        <p data-testid={emptyTestId}>{empty}</p>
      ) : (
        <div className="wallboard__table-wrap">
          <table className={stackWhenNarrow ? 'wallboard__table wallboard__table--stack' : 'wallboard__table'} data-testid={testId}>
            {caption && <caption className="visually-hidden">{caption}</caption>}
            <thead>
              <tr>
                {columns.map((c) => (
                  <th key={c} scope="col">
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>{children}</tbody>
          </table>
        </div>
      )}
    </section>
  );
}
