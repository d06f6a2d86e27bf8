// Everything about live calls, above the workspace: the incoming-call banner (full width,
// big «Ответить»/«Отклонить»), the screen pop, the in-call panel (timer, hold, mute, DTMF,
// transfer, the catalog, hang up, notes saved as typed) and how a call ended.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatPhone } from '../../format/phone.js';
import { showScreen } from '../../state/navigation.js';
import { Banner, Button } from '../../ui/index.js';
import { useShortcutKeys, useTransferRequest } from '../shortcuts/store.js';
import type { CallView } from './engine.js';
import { ScreenPop } from './ScreenPop.js';
import { useSoftphone } from './store.js';

type PopOf = ReturnType<typeof useSoftphone.getState>['pops'][string];

function who(c: CallView, t: (k: string) => string, pop?: PopOf): string {
  const num = c.remote.e164 ? formatPhone(c.remote.e164) : c.remote.raw;
  // The name from our own card beats whatever the caller's phone says about itself.
  const name = pop?.status === 'found' ? pop.data.customer.name : c.remote.name;
  if (name && num && name !== num) return `${name}, ${num}`;
  if (name) return name;
  return c.remote.name || num || t('softphone.hiddenNumber');
}

function useClock(active: boolean): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    if (!active) return;
    const id = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(id);
  }, [active]);
  return now;
}

function duration(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const mm = String(Math.floor(s / 60)).padStart(2, '0');
  const ss = String(s % 60).padStart(2, '0');
  return `${mm}:${ss}`;
}

export function CallArea() {
  const { t } = useTranslation();
  const calls = useSoftphone((s) => s.calls);
  const pops = useSoftphone((s) => s.pops);
  const problem = useSoftphone((s) => s.problem);
  const clearProblem = useSoftphone((s) => s.clearProblem);
  const ringing = calls.filter((c) => c.state === 'ringing');
  // The call being talked on comes first; a call on hold waits below, folded to one row.
  const live = calls.filter((c) => c.state === 'active' || c.state === 'held' || c.state === 'dialing').sort((a, b) => Number(a.held) - Number(b.held));
  const ended = calls.filter((c) => c.state === 'ended');
  // The call the keys act on (useShortcutActions): the one being talked on, else the held one.
  const talking = live.find((c) => c.state === 'active' || c.state === 'dialing') ?? live[0];
  if (calls.length === 0 && !problem) return null;
  return (
    <div className="call-area" data-testid="call-area">
      {problem && (
        <Banner tone="error" role="alert" data-testid="phone-problem" data-problem={problem}>
          {t(`softphone.problem.${problem}`)}{' '}
          <Button onClick={clearProblem}>{t('softphone.ok')}</Button>
        </Banner>
      )}
      {ringing.map((c) => (
        <Incoming key={c.id} call={c} otherLive={live.length > 0} pop={pops[c.id]} />
      ))}
      {live.map((c) => (
        <InCall key={c.id} call={c} pop={pops[c.id]} folded={c.held && live.length > 1} keyTarget={c.id === talking?.id} />
      ))}
      {ended.map((c) => (
        <Banner key={c.id} tone="info" role="status" data-testid="call-ended" data-reason={c.endReason ?? ''}>
          {t('softphone.ended', { who: who(c, t) })} {c.endReason ? t(`softphone.endReason.${c.endReason}`) : ''}
        </Banner>
      ))}
    </div>
  );
}

function Incoming({ call, otherLive, pop }: { call: CallView; otherLive: boolean; pop: PopOf | undefined }) {
  const { t } = useTranslation();
  const { answer, decline } = useSoftphone();
  const keys = useShortcutKeys((k) => k.keys);
  const ref = useRef<HTMLElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <section ref={ref} tabIndex={-1} className="incoming" data-testid="incoming-call" data-call-id={call.id} aria-labelledby={`in-${call.id}`}>
      <div className="incoming__head">
        <h2 id={`in-${call.id}`}>{t('softphone.incoming.title')}</h2>
        <p className="incoming__who" data-testid="incoming-who">
          {who(call, t, pop)}
        </p>
        {call.line && (
          <p className="incoming__line" data-testid="incoming-line">
            {t('softphone.incoming.line', { line: formatPhone(call.line) })}
          </p>
        )}
      </div>
      <div className="incoming__buttons">
        <Button variant="primary" size="large" icon="phone" className="btn--answer" onClick={() => void answer(call.id)} shortcut={keys.answer} data-testid="answer">
          {otherLive ? t('softphone.incoming.holdAndAnswer') : t('softphone.incoming.answer')}
        </Button>
        <Button size="large" icon="hangup" className="btn--decline" onClick={() => void decline(call.id)} shortcut={otherLive ? null : keys.hangup} data-testid="decline">
          {t('softphone.incoming.decline')}
        </Button>
      </div>
      <ScreenPop call={call} pop={pop} />
    </section>
  );
}

/** `keyTarget`: the shortcut keys act on this call, so its buttons show them. */
function InCall({ call, pop, folded, keyTarget }: { call: CallView; pop: PopOf | undefined; folded: boolean; keyTarget: boolean }) {
  const { t } = useTranslation();
  const s = useSoftphone();
  const now = useClock(call.state === 'active' || call.state === 'held');
  const [keypad, setKeypad] = useState(false);
  const [transfer, setTransfer] = useState(false);
  const [target, setTarget] = useState('');
  const [transferring, setTransferring] = useState(false);
  const note = s.notes[call.id] ?? '';
  const consultation = call.consultFor !== null;
  const allKeys = useShortcutKeys((k) => k.keys);
  const keys = keyTarget ? allKeys : { hold: null, mute: null, transfer: null, hangup: null };
  const ref = useRef<HTMLElement>(null);
  const targetRef = useRef<HTMLInputElement>(null);
  const transferAsked = useTransferRequest((r) => (r.callId === call.id ? r.seq : 0));
  // Answered from the banner (which is gone now): the keyboard continues here, not at the page top.
  useEffect(() => {
    if (document.activeElement === document.body || document.activeElement === null) ref.current?.focus();
  }, []);
  // «Перевести» by its key: open the form and put the cursor in the number field.
  useEffect(() => {
    if (transferAsked === 0) return;
    setTransfer(true);
    requestAnimationFrame(() => targetRef.current?.focus());
  }, [transferAsked]);
  return (
    <section
      ref={ref}
      tabIndex={-1}
      className={`in-call in-call--${call.state}`}
      data-testid="in-call"
      data-call-id={call.id}
      data-state={call.state}
      aria-labelledby={`call-${call.id}`}
    >
      <div className="in-call__head">
        <h2 id={`call-${call.id}`}>
          {call.state === 'dialing' ? t('softphone.call.dialing') : call.held ? t('softphone.call.held') : t('softphone.call.talking')}
        </h2>
        <p className="in-call__who" data-testid="call-who">
          {who(call, t, pop)}
        </p>
        {call.answeredAt !== null && (
          <p className="in-call__timer" data-testid="call-timer" aria-label={t('softphone.call.duration')}>
            {duration(now - call.answeredAt)}
          </p>
        )}
      </div>
      <div className="in-call__buttons">
        {call.state !== 'dialing' && !folded && (
          <>
            <Button icon="pause" aria-pressed={call.held} onClick={() => void s.hold(call.id, !call.held)} shortcut={keys.hold} data-testid="hold">
              {call.held ? t('softphone.call.unhold') : t('softphone.call.hold')}
            </Button>
            <Button icon={call.muted ? 'micOff' : 'mic'} aria-pressed={call.muted} onClick={() => s.mute(call.id, !call.muted)} shortcut={keys.mute} data-testid="mute">
              {call.muted ? t('softphone.call.unmute') : t('softphone.call.mute')}
            </Button>
            <Button icon="keypad" aria-expanded={keypad} onClick={() => setKeypad(!keypad)} data-testid="dtmf-toggle">
              {t('softphone.call.keypad')}
            </Button>
            {consultation ? (
              <Button icon="transfer" variant="primary" onClick={() => void s.completeTransfer(call.id)} data-testid="complete-transfer">
                {t('softphone.transfer.complete')}
              </Button>
            ) : (
              <Button icon="transfer" aria-expanded={transfer} onClick={() => setTransfer(!transfer)} shortcut={keys.transfer} data-testid="transfer-toggle">
                {t('softphone.transfer.open')}
              </Button>
            )}
            {/* A product question mid-call: the catalog opens below, the call panel stays above it. */}
            <Button icon="search" onClick={() => showScreen({ kind: 'catalog', city: pop?.status === 'found' ? pop.data.customer.city : null })} data-testid="call-catalog">
              {t('softphone.call.catalog')}
            </Button>
          </>
        )}
        {folded && (
          <Button icon="pause" aria-pressed onClick={() => void s.hold(call.id, false)} shortcut={keys.hold} data-testid="hold">
            {t('softphone.call.unhold')}
          </Button>
        )}
        <Button size="large" icon="hangup" className="btn--decline" onClick={() => void s.hangup(call.id)} shortcut={keys.hangup} data-testid="hangup">
          {t('softphone.call.hangup')}
        </Button>
      </div>
      {keypad && (
        <div className="in-call__dtmf" role="group" aria-label={t('softphone.call.keypad')}>
          {['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'].map((k) => (
            <button key={k} type="button" className="dialpad__key" onClick={() => s.dtmf(call.id, k)} data-testid={`dtmf-${k}`}>
              {k}
            </button>
          ))}
        </div>
      )}
      {transfer && !consultation && (
        <div className="in-call__transfer">
          <label className="field__label" htmlFor={`tr-${call.id}`}>
            {t('softphone.transfer.to')}
          </label>
          <input
            ref={targetRef}
            id={`tr-${call.id}`}
            className="field__input"
            value={target}
            onChange={(e) => {
              setTarget(e.target.value);
              s.clearDialError();
            }}
            data-testid="transfer-target"
          />
          {s.dialError && (
            <p className="field__error" role="alert">
              {t(`softphone.dialError.${s.dialError}`)}
            </p>
          )}
          <div className="in-call__buttons">
            <Button
              disabled={transferring}
              onClick={async () => {
                setTransferring(true);
                await s.blindTransfer(call.id, target);
                setTransferring(false);
              }}
              data-testid="transfer-blind"
            >
              {t('softphone.transfer.blind')}
            </Button>
            <Button
              disabled={transferring}
              onClick={async () => {
                setTransferring(true);
                if (await s.consult(call.id, target)) setTransfer(false);
                setTransferring(false);
              }}
              data-testid="transfer-consult"
            >
              {t('softphone.transfer.consult')}
            </Button>
          </div>
        </div>
      )}
      {!folded && <ScreenPop call={call} pop={pop} />}
      <div className="field in-call__note" hidden={folded}>
        <label className="field__label" htmlFor={`note-${call.id}`}>
          {t('softphone.call.note')}
        </label>
        <textarea id={`note-${call.id}`} className="field__input" rows={3} value={note} onChange={(e) => s.setNote(call.id, e.target.value)} data-testid="call-note" />
        <p className="field__hint">{t('softphone.call.noteHint')}</p>
      </div>
    </section>
  );
}
