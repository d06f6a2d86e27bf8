// «Найти клиента»: phone digits (any Russian way of writing them) or part of a name; results
// come from the local cache as you type. Enter in the field opens the only match.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Customer } from '../../../core/domain.js';
import { planCustomerSearch } from '../../../core/customer-search.js';
import { errorMessage } from '../../i18n/errors.js';
import { formatPhone } from '../../format/phone.js';
import { useApi } from '../../platform/ApiContext.js';
import { Banner, Button, TextField } from '../../ui/index.js';
import type { ApiErrorBody } from '../../../core/errors.js';
import './customers.css';

/** `onBack`: null when search is where this history starts (chosen from the menu). */
export function CustomerSearch({ onOpen, onBack }: { onOpen: (customerId: string) => void; onBack: (() => void) | null }) {
  const { t } = useTranslation();
  const api = useApi();
  const [text, setText] = useState('');
  const [results, setResults] = useState<{ text: string; customers: Customer[] } | null>(null);
  const [error, setError] = useState<ApiErrorBody | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const plan = planCustomerSearch(text);
  const searchable = plan.phonePrefix !== null || plan.words.length > 0;

  useEffect(() => {
    input.current?.focus();
  }, []);
  useEffect(() => {
    if (!searchable) return;
    const typed = text;
    const timer = setTimeout(() => {
      void api.call('customers.search', { text: typed }).then((r) => {
        if (r.ok) {
          setResults({ text: typed, customers: r.value });
          setError(null);
        } else setError(r.error);
      });
    }, 150);
    return () => clearTimeout(timer);
  }, [api, text, searchable]);

  const shown = searchable && results ? results : null;
  return (
    <section className="customer-search" data-testid="customer-search" aria-labelledby="search-heading">
      {onBack && (
        <Button icon="back" onClick={onBack} className="customer-card__back">
          {t('customer.back')}
        </Button>
      )}
      <h2 id="search-heading">{t('search.heading')}</h2>
      <form
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          const only = shown?.customers.length === 1 ? shown.customers[0] : undefined;
          if (only) onOpen(only.id);
        }}
      >
        <TextField
          ref={input}
          label={t('search.label')}
          hint={t('search.hint')}
          value={text}
          autoComplete="off"
          maxLength={200}
          onChange={(e) => setText(e.target.value)}
          data-testid="search-input"
        />
      </form>
      {error && (
        <Banner tone="error" role="alert">
          {errorMessage(t, error)}
        </Banner>
      )}
      <div role="status" className="customer-search__status" data-testid="search-status">
        {text.trim() !== '' && !searchable && t('search.tooShort')}
        {searchable && !shown && t('search.searching')}
        {shown && shown.customers.length === 0 && t('search.none', { text: shown.text.trim() })}
        {shown && shown.customers.length > 0 && t('search.found', { count: shown.customers.length })}
      </div>
      {shown && shown.customers.length > 0 && (
        <ul className="customer-card__list" data-testid="search-results">
          {shown.customers.map((c) => (
            <li key={c.id}>
              <button type="button" className="customer-order" data-testid="search-result" data-customer-id={c.id} onClick={() => onOpen(c.id)}>
                <span className="customer-order__line">
                  <strong>{c.name}</strong>
                  <span className="customer-order__phone">{formatPhone(c.phone)}</span>
                </span>
                {(c.city || c.partnerNumber) && (
                  <span className="customer-order__title">{[c.city, c.partnerNumber && `${t('customer.partner')}: ${c.partnerNumber}`].filter(Boolean).join(' · ')}</span>
                )}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
