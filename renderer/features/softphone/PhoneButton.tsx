// Click-to-call: every phone number in the UI is this button.
import { useTranslation } from 'react-i18next';
import { formatPhone } from '../../format/phone.js';
import { Icon } from '../../ui/index.js';
import { useSoftphone } from './store.js';

export function PhoneButton({ e164, orderId, name }: { e164: string; orderId?: string; name?: string }) {
  const { t } = useTranslation();
  const dial = useSoftphone((s) => s.dial);
  const shown = formatPhone(e164);
  return (
    <button
      type="button"
      className="phone-button"
      data-testid="call-phone"
      data-phone={e164}
      aria-label={t('softphone.callTo', { who: name ? `${name}, ${shown}` : shown })}
      onClick={(e) => {
        e.stopPropagation();
        (window as unknown as { __pultClickAt?: number }).__pultClickAt = performance.now();
        dial(e164, orderId);
      }}
    >
      <Icon name="phone" />
      <span>{shown}</span>
    </button>
  );
}
