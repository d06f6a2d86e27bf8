// The signed-in screen: header (who, sync state, «Выйти», the phone) and, under it, the sections
// and the screen in view (WorkspaceBody).
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionInfo } from '../../../core/contract.js';
import { useApi } from '../../platform/ApiContext.js';
import { useOrders } from '../../state/orders.js';
import { showScreen } from '../../state/navigation.js';
import { useSession } from '../../state/session.js';
import { Button, Icon } from '../../ui/index.js';
import { DisplaySettings } from '../preferences/DisplaySettings.js';
import { useDesktopIntegration } from '../desktop/useDesktopIntegration.js';
import { WorkspaceBody } from '../home/WorkspaceBody.js';
import { PhoneStatus, useSoftphoneLifecycle } from '../softphone/index.js';
import '../softphone/softphone.css';
import { SyncStatusView } from './SyncStatusView.js';
import './orders.css';

export function Workspace({ session }: { session: SessionInfo }) {
  const { t } = useTranslation();
  const api = useApi();
  useDesktopIntegration(api);
  const { load, refreshOpen, reset } = useOrders();
  const logout = useSession((s) => s.logout);
  const [leaving, setLeaving] = useState(false);
  useSoftphoneLifecycle();

  const role = session.user.role;
  useEffect(() => {
    void load(api, role);
    // Local data changed (pull or local mutation): re-query; reads are cheap (local cache).
    const off = api.on('data.changed', () => {
      void load(api, role);
      void refreshOpen(api);
    });
    return () => {
      off();
      reset();
    };
  }, [api, role, load, refreshOpen, reset]);

  const onLogout = async () => {
    setLeaving(true);
    await logout(api);
  };

  const { user } = session;
  return (
    <div className="workspace">
      <header className="workspace__header">
        <div className="workspace__who">
          <Icon name="user" size={32} />
          <p>
            <span className="visually-hidden">{t('workspace.userLabel')}: </span>
            <strong data-testid="user-name">{user.displayName}</strong>
            <span className="workspace__role" data-testid="user-role">
              {t(`roles.${user.role}`)}
            </span>
          </p>
        </div>
        <DisplaySettings />
        <Button icon="logout" onClick={() => void onLogout()} disabled={leaving} data-testid="logout">
          {leaving ? t('workspace.loggingOut') : t('workspace.logout')}
        </Button>
        <div className="workspace__phone">
          <PhoneStatus />
          <Button icon="keypad" onClick={() => showScreen({ kind: 'dialpad' })} data-testid="open-dialpad">
            {t('softphone.dialNumber')}
          </Button>
          <Button icon="settings" onClick={() => showScreen({ kind: 'phoneSettings' })} data-testid="open-phone-settings">
            {t('softphone.settingsButton')}
          </Button>
        </div>
        <SyncStatusView />
      </header>
      <WorkspaceBody role={role} userId={user.id} />
    </div>
  );
}
