// The signed-in screen: header (who, sync state, «Выйти») and either the list or one order.
import { lazy, Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionInfo } from '../../../core/contract.js';
import { defaultOrderScope } from '../../../core/permissions.js';
import { canSeeReports } from '../../../core/reports.js';
import { useApi } from '../../platform/ApiContext.js';
import { useOrders } from '../../state/orders.js';
import { useSession } from '../../state/session.js';
import { Button, Icon } from '../../ui/index.js';
import { DisplaySettings } from '../preferences/DisplaySettings.js';
import { useDesktopIntegration } from '../desktop/useDesktopIntegration.js';
import { CallArea, DialPad, PhoneStatus, SoftphoneSettings, useSoftphoneLifecycle } from '../softphone/index.js';
import '../softphone/softphone.css';
import { OrderCard } from './OrderCard.js';
import { OrdersList } from './OrdersList.js';
import { SyncStatusView } from './SyncStatusView.js';
import './orders.css';

// Reports (and their chart library) load only when a supervisor opens them.
const ReportsScreen = lazy(async () => ({ default: (await import('../reports/ReportsScreen.js')).ReportsScreen }));

export function Workspace({ session }: { session: SessionInfo }) {
  const { t } = useTranslation();
  const api = useApi();
  useDesktopIntegration(api);
  const { selectedId, load, open, close, refreshOpen, reset } = useOrders();
  const logout = useSession((s) => s.logout);
  const [leaving, setLeaving] = useState(false);
  const [returnTo, setReturnTo] = useState<string | null>(null);
  const [panel, setPanel] = useState<'none' | 'dialpad' | 'phoneSettings' | 'reports'>('none');
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

  const onOpen = (id: string) => {
    setReturnTo(null);
    void open(api, id);
  };
  const onBack = () => {
    setReturnTo(selectedId);
    close();
  };
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
          <Button icon="keypad" onClick={() => setPanel('dialpad')} data-testid="open-dialpad">
            {t('softphone.dialNumber')}
          </Button>
          <Button icon="settings" onClick={() => setPanel('phoneSettings')} data-testid="open-phone-settings">
            {t('softphone.settingsButton')}
          </Button>
          {canSeeReports(role) && (
            <Button icon="chart" onClick={() => setPanel('reports')} data-testid="open-reports">
              {t('reports.open')}
            </Button>
          )}
        </div>
        <SyncStatusView />
      </header>
      <CallArea />
      <main className={panel === 'reports' ? 'workspace__main workspace__main--wide' : 'workspace__main'}>
        {panel === 'reports' ? (
          <Suspense fallback={<p role="status">{t('app.loading')}</p>}>
            <ReportsScreen onBack={() => setPanel('none')} />
          </Suspense>
        ) : panel === 'dialpad' ? (
          <DialPad onClose={() => setPanel('none')} />
        ) : panel === 'phoneSettings' ? (
          <SoftphoneSettings onClose={() => setPanel('none')} />
        ) : selectedId ? (
          <OrderCard onBack={onBack} />
        ) : (
          <OrdersList onOpen={onOpen} focusId={returnTo} scope={defaultOrderScope(role)} />
        )}
      </main>
    </div>
  );
}
