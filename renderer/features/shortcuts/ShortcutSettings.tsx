// «Клавиши»: which key does what, and changing it: «Изменить», then press the new key. A key
// that is taken or needed elsewhere gets a plain message and nothing changes; Esc cancels.
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Banner, Button } from '../../ui/index.js';
import { keyOf, SHORTCUT_ACTIONS, type Refusal, type ShortcutAction } from './shortcuts.js';
import { useShortcutKeys } from './store.js';
import './shortcuts.css';

type Outcome = { action: ShortcutAction; key: string; refusal: Refusal | null } | { reset: true };

export function ShortcutSettings({ onBack }: { onBack: (() => void) | null }) {
  const { t } = useTranslation();
  const { keys, assign, resetAll, setCapturing } = useShortcutKeys();
  const [capturing, setCapturingAction] = useState<ShortcutAction | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const buttons = useRef<Partial<Record<ShortcutAction, HTMLButtonElement | null>>>({});

  useEffect(() => {
    heading.current?.focus();
  }, []);
  // While a key is being chosen, pressing it must not also answer a call or open search.
  useEffect(() => {
    setCapturing(capturing !== null);
    return () => setCapturing(false);
  }, [capturing, setCapturing]);

  const label = (a: ShortcutAction) => t(`shortcuts.actions.${a}`);
  const stop = (a: ShortcutAction) => {
    setCapturingAction(null);
    buttons.current[a]?.focus();
  };
  const onCaptureKey = (a: ShortcutAction, e: KeyboardEvent<HTMLButtonElement>) => {
    if (e.key === 'Tab') return; // moving on with the keyboard leaves the capture (on blur)
    e.preventDefault();
    e.stopPropagation();
    if (e.key === 'Escape' && !e.ctrlKey && !e.altKey && !e.shiftKey) return stop(a);
    const key = keyOf(e);
    if (!key) return; // a lone Ctrl/Alt/Shift: wait for the rest
    const refusal = assign(a, key);
    setOutcome({ action: a, key, refusal });
    if (!refusal) stop(a);
  };

  const message = (o: Outcome) => {
    if ('reset' in o) return t('shortcuts.resetDone');
    if (!o.refusal) return t('shortcuts.saved', { action: label(o.action), key: o.key });
    if (o.refusal.reason === 'taken') return t('shortcuts.refused.taken', { key: o.key, action: label(o.refusal.by) });
    return t(`shortcuts.refused.${o.refusal.reason}`, { key: o.key });
  };
  const refused = outcome !== null && !('reset' in outcome) && outcome.refusal !== null;

  return (
    <section className="shortcut-settings" data-testid="shortcut-settings" aria-labelledby="shortcuts-heading">
      {onBack && (
        <Button icon="back" onClick={onBack} className="customer-card__back">
          {t('customer.back')}
        </Button>
      )}
      <h2 id="shortcuts-heading" ref={heading} tabIndex={-1}>
        {t('shortcuts.heading')}
      </h2>
      <p>{t('shortcuts.intro')}</p>
      <div role="alert">
        {outcome && refused && (
          <Banner tone="error" data-testid="shortcut-error">
            {message(outcome)}
          </Banner>
        )}
      </div>
      <div role="status">
        {outcome && !refused && (
          <Banner tone="ok" data-testid="shortcut-saved">
            {message(outcome)}
          </Banner>
        )}
      </div>
      <ul className="shortcut-list">
        {SHORTCUT_ACTIONS.map((a) => {
          const on = capturing === a;
          return (
            <li key={a} className={on ? 'shortcut shortcut--capturing' : 'shortcut'} data-testid={`shortcut-${a}`}>
              <span className="shortcut__label" id={`sc-${a}`}>
                {label(a)}
              </span>
              <kbd className="shortcut__key" data-testid={`shortcut-key-${a}`}>
                {keys[a]}
              </kbd>
              <Button
                ref={(el) => {
                  buttons.current[a] = el;
                }}
                variant={on ? 'primary' : 'secondary'}
                aria-describedby={on ? `sc-${a} sc-hint-${a}` : `sc-${a}`}
                aria-pressed={on}
                onClick={() => (on ? stop(a) : (setCapturingAction(a), setOutcome(null)))}
                onKeyDown={on ? (e) => onCaptureKey(a, e) : undefined}
                onBlur={on ? () => setCapturingAction(null) : undefined}
                data-testid={`shortcut-change-${a}`}
              >
                {on ? t('shortcuts.cancel') : t('shortcuts.change')}
              </Button>
              {on && (
                <p className="shortcut__hint" id={`sc-hint-${a}`}>
                  {t('shortcuts.pressKey', { action: label(a) })}
                </p>
              )}
            </li>
          );
        })}
      </ul>
      <Button
        onClick={() => {
          resetAll();
          setCapturingAction(null);
          setOutcome({ reset: true });
        }}
        data-testid="shortcuts-reset"
      >
        {t('shortcuts.reset')}
      </Button>
    </section>
  );
}
