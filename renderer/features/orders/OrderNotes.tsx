// Notes on the open order: confirmed ones and the operator's own still waiting for the server.
// Adding a note works offline (it is saved locally first); what was typed is kept on any error.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrderDetails } from '../../../core/contract.js';
import type { ApiErrorBody } from '../../../core/errors.js';
import { errorMessage } from '../../i18n/errors.js';
import { useApi } from '../../platform/ApiContext.js';
import { useOrders } from '../../state/orders.js';
import { Banner, Button } from '../../ui/index.js';

export function OrderNotes({ details }: { details: OrderDetails }) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const [text, setText] = useState('');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<ApiErrorBody | null>(null);
  const notes = details.notes ?? [];
  const time = (iso: string) => new Date(iso).toLocaleString(i18n.language, { dateStyle: 'short', timeStyle: 'short', timeZone: 'Europe/Moscow' });

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!text.trim() || saving) return;
    setSaving(true);
    const r = await api.call('orders.addNote', { orderId: details.order.id, text });
    setSaving(false);
    if (r.ok) {
      setText('');
      setError(null);
      useOrders.setState({ details: r.value });
    } else {
      setError(r.error); // the text stays in the field
    }
  }

  return (
    <section className="order-card__notes" aria-labelledby="order-notes-title" data-testid="order-notes">
      <h3 id="order-notes-title">{t('notes.heading')}</h3>
      {notes.length === 0 ? <p>{t('notes.empty')}</p> : null}
      <ul>
        {notes.map((n) => (
          <li key={n.id} data-testid="order-note" data-pending={n.pending ? 'true' : 'false'}>
            <span className="order-note__text">{n.text}</span>{' '}
            <small>{n.pending ? t('notes.pending') : time(n.createdAt)}</small>
          </li>
        ))}
      </ul>
      <form onSubmit={(e) => void submit(e)}>
        <label htmlFor="order-note-input">{t('notes.label')}</label>
        <textarea id="order-note-input" data-testid="note-input" value={text} maxLength={10_000} rows={3} onChange={(e) => setText(e.target.value)} />
        {error ? <Banner tone="error">{errorMessage(t, error)}</Banner> : null}
        <Button type="submit" data-testid="note-submit" disabled={saving || !text.trim()}>
          {saving ? t('notes.saving') : t('notes.add')}
        </Button>
      </form>
    </section>
  );
}
