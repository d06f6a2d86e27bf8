// «Что делать сейчас»: the operator's first screen. One list, most urgent first: a ringing
// call, then callbacks and orders by deadline, each with its countdown in words + icon + colour.
// Opening an order shows the order card (customer, allowed next steps); a callback opens the
// customer card.
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { TodoItem } from '../../../core/todo.js';
import { errorMessage } from '../../i18n/errors.js';
import { Banner, Button } from '../../ui/index.js';
import { useShortcutLabel } from '../shortcuts/store.js';
import { useSoftphone } from '../softphone/index.js';
import { useHome } from './store.js';
import { RingingRow, TodoRow } from './TodoRow.js';
import './home.css';

export function HomeScreen({ onOpen, onNextCallback, focusId }: { onOpen: (item: TodoItem) => void; onNextCallback: () => void; focusId?: string | null }) {
  const { t } = useTranslation();
  const { items, loaded, error } = useHome();
  const calls = useSoftphone((s) => s.calls);
  const ringing = calls.filter((c) => c.state === 'ringing');
  const nextKey = useShortcutLabel('nextCallback');
  const hasCallbacks = items.some((i) => i.kind === 'callback');
  const heading = useRef<HTMLHeadingElement>(null);
  const list = useRef<HTMLUListElement>(null);

  // Keyboard users land on the list (or back on the item they opened), never at the page top.
  useEffect(() => {
    const row = focusId ? list.current?.querySelector<HTMLElement>(`[data-todo-id="${CSS.escape(focusId)}"]`) : null;
    // A row that cannot be opened (a callback to an unknown number) offers its phone button instead.
    const back = row?.tagName === 'BUTTON' ? row : row?.closest('li')?.querySelector<HTMLElement>('[data-testid="call-phone"]');
    if (back) back.focus();
    else if (!document.querySelector('[data-testid="incoming-call"]')) heading.current?.focus();
  }, [focusId]);

  const total = items.length + ringing.length;
  return (
    <section className="home" data-testid="home" aria-labelledby="home-heading">
      <div className="home__head">
        <h2 id="home-heading" ref={heading} tabIndex={-1}>
          {t('home.heading')}
        </h2>
        {loaded && total > 0 && (
          <p className="home__count" data-testid="home-count">
            {t('home.count', { count: total })}
          </p>
        )}
        {hasCallbacks && (
          <Button icon="phone" className="home__next" onClick={onNextCallback} shortcut={nextKey} data-testid="next-callback">
            {t('home.nextCallback')}
          </Button>
        )}
      </div>
      {error && (
        <Banner tone="error" role="alert">
          {errorMessage(t, error)}
        </Banner>
      )}
      {!loaded && <p role="status">{t('home.loading')}</p>}
      {loaded && total === 0 && !error && (
        <Banner tone="ok" data-testid="home-empty">
          {t('home.empty')}
        </Banner>
      )}
      {total > 0 && <p className="home__intro">{t('home.intro')}</p>}
      <ul className="todo-list" aria-labelledby="home-heading" data-testid="todo-list" ref={list}>
        {ringing.map((c) => (
          <RingingRow key={c.id} call={c} />
        ))}
        {items.map((item) => (
          <TodoRow key={`${item.kind}:${item.id}`} item={item} onOpen={onOpen} />
        ))}
      </ul>
    </section>
  );
}
