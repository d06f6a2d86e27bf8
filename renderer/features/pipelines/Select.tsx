// A labelled select with its problem below, in the TextField's look.
import { useId } from 'react';
import { Icon } from '../../ui/index.js';

export function Select({ label, value, onChange, options, error, testId, disabled }: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  options: Array<{ value: string; label: string }>;
  error?: string | null;
  testId?: string;
  disabled?: boolean;
}) {
  const id = useId();
  const errorId = error ? `${id}-error` : undefined;
  return (
    <div className={error ? 'field field--invalid' : 'field'}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <div className="field__row">
        <select id={id} className="field__input" value={value} disabled={disabled} aria-invalid={error ? true : undefined}
          aria-describedby={errorId} onChange={(e) => onChange(e.target.value)} data-testid={testId}>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </div>
      {error && (
        <p id={errorId} className="field__error">
          <Icon name="error" />
          <span>{error}</span>
        </p>
      )}
    </div>
  );
}
