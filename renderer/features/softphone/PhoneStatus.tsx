// The one plain-language phone indicator in the header: words + icon + colour.
import { useTranslation } from 'react-i18next';
import { StatusBadge, type Tone } from '../../ui/index.js';
import { useSoftphone } from './store.js';

export function PhoneStatus() {
  const { t } = useTranslation();
  const link = useSoftphone((s) => s.link);
  const account = useSoftphone((s) => s.account);
  const loaded = useSoftphone((s) => s.accountLoaded);
  let tone: Tone;
  let text: string;
  if (loaded && !account) [tone, text] = ['neutral', t('softphone.status.noAccount')];
  else if (link.state === 'registered') [tone, text] = ['ok', t('softphone.status.ready')];
  else if (link.state === 'auth_failed') [tone, text] = ['error', t('softphone.status.authFailed')];
  else if (link.state === 'unreachable') [tone, text] = ['error', t('softphone.status.unreachable')];
  else if (link.state === 'off') [tone, text] = ['neutral', t('softphone.status.off')];
  else if (link.state === 'connecting') [tone, text] = ['busy', t('softphone.status.connecting')];
  else [tone, text] = ['warn', t('softphone.status.reconnecting')];
  return (
    <div role="status" className="phone-status">
      <StatusBadge tone={tone} text={text} data-testid="phone-status" data-state={loaded && !account ? 'no_account' : link.state} data-registrations={link.registrations} data-server-index={link.serverIndex} />
    </div>
  );
}
