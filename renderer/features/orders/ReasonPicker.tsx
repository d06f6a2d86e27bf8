// Closing an order as failed («Отменён»): the operator picks why, from their role's list, or
// keeps the order. A modal dialog, so the failed close cannot happen without a reason — and it
// doubles as the confirmation of that destructive step.
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { PipelineStage } from '../../../core/domain.js';
import type { FailureReason } from '../../../core/reasons.js';
import { Button } from '../../ui/index.js';
import { reasonName } from './reasonName.js';

export interface ReasonPickerProps {
  orderNumber: string;
  stage: PipelineStage;
  reasons: readonly FailureReason[];
  onPick: (code: string) => void;
  onKeep: () => void;
}

export function ReasonPicker({ orderNumber, stage, reasons, onPick, onKeep }: ReasonPickerProps) {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  const title = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    const d = dialog.current;
    // showModal makes the rest of the window inert; the browser gives focus back on close.
    if (d && !d.open) {
      if (typeof d.showModal === 'function') d.showModal();
      else d.setAttribute('open', '');
    }
    // The question has the focus (APG: a dialog taller than the screen at 200 % must not open
    // scrolled to its end); Tab goes on to the reasons, Escape keeps the order.
    title.current?.focus();
    return () => {
      if (d?.open && typeof d.close === 'function') d.close();
    };
  }, []);

  return (
    <dialog
      ref={dialog}
      className="reason-picker"
      aria-labelledby="reason-picker-title"
      aria-describedby="reason-picker-hint"
      data-testid="reason-picker"
      // Escape: the same as «Не отменять».
      onCancel={(e) => {
        e.preventDefault();
        onKeep();
      }}
    >
      <h2 id="reason-picker-title" ref={title} tabIndex={-1}>{t('reasons.title', { number: orderNumber, stage: stage.name })}</h2>
      <p id="reason-picker-hint" className="reason-picker__hint">
        {t('reasons.hint', { stage: stage.name })}
      </p>
      <div className="reason-picker__reasons" role="group" aria-labelledby="reason-picker-title">
        {reasons.map((r) => (
          <Button key={r.code} size="large" className="reason-picker__reason" onClick={() => onPick(r.code)} data-testid="reason-button" data-reason={r.code}>
            {reasonName(t, r.code)}
          </Button>
        ))}
      </div>
      {reasons.length === 0 && <p role="alert">{t('reasons.none')}</p>}
      <Button size="large" variant="primary" icon="back" onClick={onKeep} className="reason-picker__keep" data-testid="reason-cancel">
        {t('reasons.keep')}
      </Button>
    </dialog>
  );
}
