// Closing an order as failed («Отменён»): the operator picks why, from their role's list, or
// keeps the order. A modal dialog, so the failed close cannot happen without a reason — and it
// doubles as the confirmation of that destructive step.
import { useTranslation } from 'react-i18next';
import type { PipelineStage } from '../../../core/domain.js';
import type { FailureReason } from '../../../core/reasons.js';
import { Button, ModalDialog } from '../../ui/index.js';
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
  return (
    // Escape: the same as «Не отменять».
    <ModalDialog
      className="reason-picker"
      title={t('reasons.title', { number: orderNumber, stage: stage.name })}
      titleId="reason-picker-title"
      describedBy="reason-picker-hint"
      onEscape={onKeep}
      data-testid="reason-picker"
    >
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
    </ModalDialog>
  );
}
