// Dial pad: type or tap a number, «Позвонить». Bad input gets a clear Russian message and
// stays in the field.
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, TextField } from '../../ui/index.js';
import { useSoftphone } from './store.js';

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'];

export function DialPad({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const [value, setValue] = useState('');
  const input = useRef<HTMLInputElement>(null);
  const { dial, dialError, clearDialError } = useSoftphone();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    (window as unknown as { __pultClickAt?: number }).__pultClickAt = performance.now();
    if (dial(value)) onClose();
    else input.current?.focus();
  };
  return (
    <section className="dialpad" data-testid="dialpad" aria-labelledby="dialpad-title">
      <Button icon="back" onClick={onClose}>
        {t('order.back')}
      </Button>
      <h2 id="dialpad-title">{t('softphone.dialpad.title')}</h2>
      <form onSubmit={submit} noValidate>
        <TextField
          ref={input}
          label={t('softphone.dialpad.number')}
          hint={t('softphone.dialpad.hint')}
          value={value}
          inputMode="tel"
          autoComplete="off"
          autoFocus
          error={dialError ? t(`softphone.dialError.${dialError}`) : null}
          onChange={(e) => {
            setValue(e.target.value);
            if (dialError) clearDialError();
          }}
          data-testid="dialpad-input"
        />
        <div className="dialpad__keys">
          {KEYS.map((k) => (
            <button key={k} type="button" className="dialpad__key" onClick={() => setValue((v) => v + k)} data-testid={`dialpad-key-${k}`}>
              {k}
            </button>
          ))}
        </div>
        <Button type="submit" variant="primary" size="large" icon="phone" wide data-testid="dialpad-call">
          {t('softphone.dialpad.call')}
        </Button>
      </form>
    </section>
  );
}
