// «Объединить карточки?»: says plainly what happens before it happens. A modal dialog;
// Escape or «Отмена» changes nothing.
import { useTranslation } from 'react-i18next';
import type { DuplicateCard } from '../../../core/duplicates.js';
import { Button, ModalDialog } from '../../ui/index.js';

export function MergeConfirm({ keep, drop, busy, onConfirm, onCancel }: { keep: DuplicateCard; drop: DuplicateCard[]; busy: boolean; onConfirm: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const orders = drop.reduce((n, c) => n + c.orders, 0);
  const calls = drop.reduce((n, c) => n + c.calls, 0);
  const dropped = drop.map((c) => `«${c.customer.name}»`).join(', ');
  return (
    <ModalDialog
      className="merge-confirm"
      title={t('duplicates.confirmTitle')}
      describedBy="merge-confirm-text"
      onEscape={() => {
        if (!busy) onCancel();
      }}
      data-testid="merge-confirm"
    >
      <div id="merge-confirm-text">
        <p>{t('duplicates.confirmMove', { dropped, kept: keep.customer.name, orders, calls })}</p>
        <p>{t('duplicates.confirmFill')}</p>
        <p className="merge-confirm__warn">{t('duplicates.confirmDelete', { count: drop.length, dropped })}</p>
      </div>
      <div className="merge-confirm__buttons">
        <Button variant="primary" size="large" onClick={onConfirm} disabled={busy} data-testid="merge-confirm-yes">
          {busy ? t('duplicates.merging') : t('duplicates.confirmYes')}
        </Button>
        <Button size="large" onClick={onCancel} disabled={busy} data-testid="merge-confirm-no">
          {t('duplicates.confirmNo')}
        </Button>
      </div>
    </ModalDialog>
  );
}
