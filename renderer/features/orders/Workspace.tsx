// The signed-in screen: header (who, sync state, «Выйти») and either the list or one order.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionInfo } from '../../../core/contract.js';
import { defaultOrderScope } from '../../../core/permissions.js';
import { useApi } from '../../platform/ApiContext.js';
import { useOrders } from '../../state/orders.js';
import { useSession } from '../../state/session.js';
import { currentScreen, useNavigation, type Screen } from '../../state/navigation.js';
import { Banner, Button, Icon } from '../../ui/index.js';
import { CustomerCard } from '../customers/CustomerCard.js';
import { CustomerSearch } from '../customers/CustomerSearch.js';
import { DisplaySettings } from '../preferences/DisplaySettings.js';
import { useDesktopIntegration } from '../desktop/useDesktopIntegration.js';
import { HomeScreen } from '../home/HomeScreen.js';
import { ShortcutSettings } from '../shortcuts/ShortcutSettings.js';
import { useShortcutKeys } from '../shortcuts/store.js';
import { useShortcutActions } from '../shortcuts/useShortcutActions.js';
import { useHome } from '../home/store.js';
import { WorkspaceNav } from '../home/WorkspaceNav.js';
import { CallArea, DialPad, PhoneStatus, SoftphoneSettings, useSoftphoneLifecycle } from '../softphone/index.js';
import '../softphone/softphone.css';
import { OrderCard } from './OrderCard.js';
import { OrdersList } from './OrdersList.js';
import { SyncStatusView } from './SyncStatusView.js';
import './orders.css';

/** Operators and field staff start at «Что делать сейчас»; supervisors watch all orders. */
export const homeScreenFor = (role: SessionInfo['user']['role']): Screen => (role === 'supervisor' ? { kind: 'orders' } : { kind: 'home' });

export function Workspace({ session }: { session: SessionInfo }) {
  const { t } = useTranslation();
  const api = useApi();
  useDesktopIntegration(api);
  const { selectedId, load, open, close, refreshOpen, reset } = useOrders();
  const logout = useSession((s) => s.logout);
  const [leaving, setLeaving] = useState(false);
  const [returnTo, setReturnTo] = useState<string | null>(null);
  const lastOpened = useRef<string | null>(null);
  const nav = useNavigation();
  const screen = currentScreen(nav);
  const loadHome = useHome((s) => s.load);
  const resetHome = useHome((s) => s.reset);
  useSoftphoneLifecycle();

  const role = session.user.role;
  const userId = session.user.id;
  // Each operator's own keys, kept beside their display preferences.
  useEffect(() => {
    useShortcutKeys.getState().switchUser(userId);
    return () => useShortcutKeys.getState().switchUser(null);
  }, [userId]);
  useEffect(() => {
    useNavigation.getState().reset(homeScreenFor(role));
    void load(api, role);
    void loadHome(api);
    // Local data changed (pull or local mutation): re-query; reads are cheap (local cache).
    const off = api.on('data.changed', () => {
      void load(api, role);
      void loadHome(api);
      void refreshOpen(api);
    });
    return () => {
      off();
      reset();
      resetHome();
    };
  }, [api, role, load, loadHome, refreshOpen, reset, resetHome]);

  const onOpen = (id: string) => {
    setReturnTo(null);
    void open(api, id);
  };
  const onBack = () => {
    setReturnTo(selectedId);
    close();
  };
  /** A menu section or another screen: an open order card gives way to it. */
  const show = (next: Screen, how: 'go' | 'tab' = 'go') => {
    if (selectedId) close();
    setReturnTo(null);
    nav[how](next);
    // A new screen starts at its top, not where the last one was scrolled to.
    window.scrollTo(0, 0);
  };
  const [notice, setNotice] = useState<string | null>(null);
  useEffect(() => {
    if (!notice) return;
    const id = setTimeout(() => setNotice(null), 6000);
    return () => clearTimeout(id);
  }, [notice]);
  /** The most urgent callback: its customer's card with the phone button ready, or its row at home. */
  const nextCallback = () => {
    const item = useHome.getState().items.find((i) => i.kind === 'callback');
    if (!item) return setNotice(t('home.noCallbacks'));
    setNotice(null);
    lastOpened.current = item.id;
    if (item.customer) show({ kind: 'customer', id: item.customer.id, focus: 'call' });
    else {
      show({ kind: 'home' }, 'tab');
      setReturnTo(item.id);
    }
  };
  useShortcutActions({
    searchCustomer: () => {
      if (!selectedId && screen.kind === 'search') document.querySelector<HTMLElement>('[data-testid="search-input"]')?.focus();
      else show({ kind: 'search' });
    },
    nextCallback,
  });

  const leaveScreen = () => {
    // Back on a list, the keyboard returns to the item that was opened.
    setReturnTo(lastOpened.current);
    const left = nav.back();
    if (left?.kind === 'customer' && left.fromOrder) void open(api, left.fromOrder);
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
          <Button icon="keypad" onClick={() => show({ kind: 'dialpad' })} data-testid="open-dialpad">
            {t('softphone.dialNumber')}
          </Button>
          <Button icon="settings" onClick={() => show({ kind: 'phoneSettings' })} data-testid="open-phone-settings">
            {t('softphone.settingsButton')}
          </Button>
        </div>
        <SyncStatusView />
      </header>
      <WorkspaceNav role={role} current={nav.stack[0]?.kind ?? null} onTab={(next) => show(next, 'tab')} />
      <div role="status" className="workspace__notice" data-testid="workspace-notice">
        {notice && <Banner tone="info">{notice}</Banner>}
      </div>
      <CallArea />
      <main className="workspace__main">
        {selectedId ? (
          <OrderCard onBack={onBack} />
        ) : screen.kind === 'dialpad' ? (
          <DialPad onClose={leaveScreen} />
        ) : screen.kind === 'phoneSettings' ? (
          <SoftphoneSettings onClose={leaveScreen} />
        ) : screen.kind === 'customer' ? (
          <CustomerCard key={screen.id} id={screen.id} onBack={leaveScreen} onOpenOrder={onOpen} focusCall={screen.focus === 'call'} />
        ) : screen.kind === 'shortcuts' ? (
          <ShortcutSettings onBack={nav.stack.length > 1 ? leaveScreen : null} />
        ) : screen.kind === 'search' ? (
          <CustomerSearch onBack={nav.stack.length > 1 ? leaveScreen : null} onOpen={(id) => show({ kind: 'customer', id })} />
        ) : screen.kind === 'home' ? (
          <HomeScreen
            focusId={returnTo}
            onNextCallback={nextCallback}
            onOpen={(item) => {
              if (item.kind === 'callback') {
                if (item.customer) show({ kind: 'customer', id: item.customer.id });
              } else onOpen(item.id);
              lastOpened.current = item.id;
            }}
          />
        ) : (
          <OrdersList onOpen={onOpen} focusId={returnTo} scope={defaultOrderScope(role)} />
        )}
      </main>
    </div>
  );
}
