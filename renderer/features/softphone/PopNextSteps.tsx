// The next steps of the caller's order right in the screen pop, as big buttons generated from
// the pipeline's transitions for this role: «Подтверждён» is one press away while talking.
// Closing stages (e.g. «Отменён») need a reason, so they stay in the order card.
import { useState, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import type { Order, PipelineStage } from '../../../core/domain.js';
import type { ApiErrorBody } from '../../../core/errors.js';
import { errorMessage } from '../../i18n/errors.js';
import { useApi } from '../../platform/ApiContext.js';
import { useOrders } from '../../state/orders.js';
import { Banner, Button } from '../../ui/index.js';
import { useSoftphone } from './store.js';

export function PopNextSteps({ callId, order, next }: { callId: string; order: Order; next: PipelineStage[] }) {
  const { t } = useTranslation();
  const api = useApi();
  const refreshPop = useSoftphone((s) => s.refreshPop);
  const [saving, setSaving] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<ApiErrorBody | null>(null);
  const offered = next.filter((s) => s.kind !== 'failure');

  const move = async (stage: PipelineStage) => {
    setSaving(stage.id);
    setError(null);
    setDone(null);
    const r = await api.call('orders.changeStage', { orderId: order.id, toStageId: stage.id });
    setSaving(null);
    if (!r.ok) return setError(r.error);
    setDone(r.value.stage?.name ?? stage.name);
    // The card of the same order, if open below, shows the new stage too.
    if (useOrders.getState().selectedId === order.id) useOrders.setState({ details: r.value });
    await refreshPop(callId);
  };

  if (offered.length === 0 && !done) return null;
  return (
    <div className="pop-steps" role="group" aria-label={t('softphone.pop.nextSteps', { number: order.number })} data-testid="pop-next-steps" data-order-id={order.id}>
      {offered.map((s) => (
        <Button
          key={s.id}
          size="large"
          className="stage-button"
          style={{ '--stage-color': s.color } as CSSProperties}
          disabled={saving !== null}
          onClick={() => void move(s)}
          data-testid="pop-stage-button"
          data-stage-id={s.id}
        >
          {s.name}
        </Button>
      ))}
      <div role="status">{done && <Banner tone="ok">{t('order.changed', { stage: done })}</Banner>}</div>
      <div role="alert">{error && <Banner tone="error">{errorMessage(t, error)}</Banner>}</div>
    </div>
  );
}
