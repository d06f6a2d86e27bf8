// «Каталог»: find a product while talking. Results from the local cache as you type, priced for
// the order's city (or the one the operator picks), with the stock in words. The text field
// keeps the cursor; ↑ ↓ (Page Up/Down, Home, End) walk the rows, which a screen reader reads
// as they are reached (combobox + listbox).
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CatalogHit } from '../../../core/catalog.js';
import { formatRoubles } from '../../format/money.js';
import { errorMessage } from '../../i18n/errors.js';
import { useApi } from '../../platform/ApiContext.js';
import { Banner, Button, Icon, TextField } from '../../ui/index.js';
import { isRowKey, moveActive } from './activeRow.js';
import { useCatalogSearch } from './useCatalogSearch.js';
import './catalog.css';

/** `city`: the order's or caller's city, preselected. `onBack`: null when chosen from the menu. */
export function CatalogScreen({ city: initialCity, onBack }: { city: string | null; onBack: (() => void) | null }) {
  const { t } = useTranslation();
  const api = useApi();
  const [query, setQuery] = useState('');
  const [city, setCity] = useState<string>(initialCity ?? '');
  const [cities, setCities] = useState<string[]>([]);
  const [active, setActive] = useState(-1);
  const input = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLUListElement>(null);
  const ids = useId();
  const listId = `${ids}-results`;
  const cityId = `${ids}-city`;
  const { answer, error, searchable } = useCatalogSearch(api, query, city === '' ? null : city);
  const hits = answer?.hits ?? [];

  useEffect(() => {
    input.current?.focus();
    void api.call('catalog.cities', {}).then((r) => {
      if (r.ok) setCities(r.value.cities);
    });
  }, [api]);
  // New results: no row is chosen until the operator presses ↓.
  useEffect(() => setActive(-1), [answer]);
  useEffect(() => {
    if (active < 0) return;
    list.current?.querySelector(`#${CSS.escape(`${listId}-${active}`)}`)?.scrollIntoView({ block: 'nearest' });
  }, [active, listId]);

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (isRowKey(e.key) && hits.length > 0) {
      // Home/End stay with the text until a row is chosen: they move the text cursor there.
      if ((e.key === 'Home' || e.key === 'End') && active < 0) return;
      e.preventDefault();
      setActive(moveActive(active, e.key, hits.length));
    } else if (e.key === 'Escape' && (active >= 0 || query !== '')) {
      e.preventDefault();
      if (active >= 0) setActive(-1);
      else setQuery('');
    }
  };

  const cityChoices = [...new Set([...(initialCity ? [initialCity] : []), ...cities])].sort((a, b) => a.localeCompare(b, 'ru'));
  const expanded = hits.length > 0;

  return (
    <section className="catalog" data-testid="catalog" aria-labelledby={`${ids}-heading`}>
      {onBack && (
        <Button icon="back" onClick={onBack} className="customer-card__back" data-testid="catalog-back">
          {t('catalog.back')}
        </Button>
      )}
      <h2 id={`${ids}-heading`}>{t('catalog.heading')}</h2>
      <form role="search" className="catalog__controls" onSubmit={(e) => e.preventDefault()}>
        <TextField
          ref={input}
          label={t('catalog.label')}
          hint={t('catalog.hint')}
          value={query}
          autoComplete="off"
          spellCheck={false}
          maxLength={200}
          role="combobox"
          aria-expanded={expanded}
          aria-autocomplete="list"
          aria-controls={expanded ? listId : undefined}
          aria-activedescendant={active >= 0 ? `${listId}-${active}` : undefined}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={onKeyDown}
          data-testid="catalog-input"
        />
        <div className="field">
          <label className="field__label" htmlFor={cityId}>
            {t('catalog.city')}
          </label>
          <div className="field__row">
            <select id={cityId} className="field__input" value={city} onChange={(e) => setCity(e.target.value)} data-testid="catalog-city">
              <option value="">{t('catalog.anyCity')}</option>
              {cityChoices.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
          </div>
        </div>
      </form>
      {error && (
        <Banner tone="error" role="alert">
          {errorMessage(t, error)}
        </Banner>
      )}
      <div role="status" className="catalog__status" data-testid="catalog-status">
        {!searchable && (query.trim() === '' ? t('catalog.start') : t('catalog.needLetters'))}
        {searchable && !answer && !error && t('catalog.searching')}
        {answer && answer.hits.length === 0 && t('catalog.none', { text: answer.query.trim() })}
        {answer && answer.hits.length > 0 && (answer.more ? t('catalog.foundMore', { count: answer.hits.length }) : t('catalog.found', { count: answer.hits.length }))}
        {answer && answer.hits.length > 0 && <span className="catalog__keys"> {t('catalog.keysHint')}</span>}
      </div>
      {expanded && (
        <ul ref={list} id={listId} role="listbox" aria-label={t('catalog.results')} className="catalog__list" data-testid="catalog-results">
          {hits.map((hit, i) => (
            <CatalogRow key={hit.id} id={`${listId}-${i}`} hit={hit} city={city} active={i === active} onPick={() => setActive(i)} />
          ))}
        </ul>
      )}
    </section>
  );
}

function CatalogRow({ id, hit, city, active, onPick }: { id: string; hit: CatalogHit; city: string; active: boolean; onPick: () => void }) {
  const { t } = useTranslation();
  const where = hit.cityPrice ? t('catalog.priceIn', { city }) : t('catalog.priceGeneral');
  return (
    // Clicking a row marks it, like ↑ ↓ do; the cursor stays in the text field.
    <li
      id={id}
      role="option"
      aria-selected={active}
      className={active ? 'catalog-row catalog-row--active' : 'catalog-row'}
      onMouseDown={(e) => e.preventDefault()}
      onClick={onPick}
      data-testid="catalog-result"
      data-sku={hit.sku}
      data-in-stock={hit.inStock}
    >
      <span className="catalog-row__name">{hit.name}</span>
      <span className="catalog-row__price" data-testid="catalog-price">
        {hit.priceKopecks === null ? (
          t('catalog.noPrice')
        ) : (
          <>
            <strong>{formatRoubles(hit.priceKopecks)}</strong> <span className="catalog-row__where">{where}</span>
          </>
        )}
      </span>
      <span className="catalog-row__code">
        {t('catalog.code')}: <span className="catalog-row__sku">{hit.sku}</span>
      </span>
      <span className={hit.inStock ? 'catalog-row__stock' : 'catalog-row__stock catalog-row__stock--out'} data-testid="catalog-stock">
        <Icon name={hit.inStock ? 'check' : 'warning'} />
        {hit.inStock ? t('catalog.inStock', { count: hit.stock }) : t('catalog.outOfStock')}
      </span>
    </li>
  );
}
