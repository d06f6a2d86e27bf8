// Everything under the workspace header: the sections menu, a short notice line, the calls,
// and the screen in view — «Что делать сейчас», the order list, an order card, a customer's
// card, «Найти клиента», «Каталог», «Клавиши», the dial pad or the phone settings — with «Назад» returning
// to where the operator came from and the keyboard landing back on the item they opened.
import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../core/domain.js';
import { defaultOrderScope } from '../../../core/permissions.js';
import { useApi } from '../../platform/ApiContext.js';
import { currentScreen, showScreen, useNavigation, type Screen } from '../../state/navigation.js';
import { useOrders } from '../../state/orders.js';
import { Banner } from '../../ui/index.js';
import { CustomerCard } from '../customers/CustomerCard.js';
import { CatalogScreen } from '../catalog/CatalogScreen.js';
import { CustomerSearch } from '../customers/CustomerSearch.js';
import { DuplicatesScreen } from '../duplicates/DuplicatesScreen.js';
import { OrderCard } from '../orders/OrderCard.js';
import { OrdersList } from '../orders/OrdersList.js';
import { ShortcutSettings } from '../shortcuts/ShortcutSettings.js';
import { useShortcutKeys } from '../shortcuts/store.js';
import { useShortcutActions } from '../shortcuts/useShortcutActions.js';
import { MonitoredNotice } from '../monitoring/MonitoredNotice.js';
import { MonitoringBar } from '../monitoring/MonitoringBar.js';
import { CallArea, DialPad, SoftphoneSettings } from '../softphone/index.js';
import { AgentBar } from '../agent-state/AgentBar.js';
import { useAgentState } from '../agent-state/store.js';
import { isAgentRole } from '../../../core/agent-state.js';
import { HomeScreen } from './HomeScreen.js';
import { useHome } from './store.js';
import { WorkspaceNav } from './WorkspaceNav.js';

// Reports (and their chart library) load only when a supervisor opens them.
const ReportsScreen = lazy(async () => ({ default: (await import('../reports/ReportsScreen.js')).ReportsScreen }));
// The pipeline editor likewise loads only for an admin who opens it.
const PipelinesScreen = lazy(async () => ({ default: (await import('../pipelines/PipelinesScreen.js')).PipelinesScreen }));
const WallboardScreen = lazy(async () => ({ default: (await import('../wallboard/WallboardScreen.js')).WallboardScreen }));

/** Operators and field staff start at «Что делать сейчас»; supervisors watch all orders. */
export const homeScreenFor = (role: Role): Screen => (role === 'supervisor' ? { kind: 'orders' } : { kind: 'home' });

export function WorkspaceBody({ role, userId }: { role: Role; userId: string }) {
  const { t } = useTranslation();
  const api = useApi();
  const { selectedId, open, close } = useOrders();
  const nav = useNavigation();
  const screen = currentScreen(nav);
  const [returnTo, setReturnTo] = useState<string | null>(null);
  const lastOpened = useRef<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  // Each operator's own keys, kept beside their display preferences, and their own first screen.
  useEffect(() => {
    useShortcutKeys.getState().switchUser(userId);
    return () => useShortcutKeys.getState().switchUser(null);
  }, [userId]);
  useEffect(() => useNavigation.getState().reset(homeScreenFor(role)), [role]);
  // «Что делать сейчас» follows local data like the order list does.
  useEffect(() => {
    const { load, reset } = useHome.getState();
    void load(api);
    const off = api.on('data.changed', () => void load(api));
    return () => {
      off();
      reset();
    };
  }, [api]);
  // Operators publish their state (phone, after-call work, breaks) for the wallboard.
  const agent = isAgentRole(role);
  useEffect(() => (agent ? useAgentState.getState().start(api) : undefined), [api, agent]);
  useEffect(() => {
    if (!notice) return;
    const id = setTimeout(() => setNotice(null), 6000);
    return () => clearTimeout(id);
  }, [notice]);

  const show = (next: Screen, how: 'go' | 'tab' = 'go') => {
    setReturnTo(null);
    showScreen(next, how);
  };
  const openOrder = (id: string) => {
    setReturnTo(null);
    void open(api, id);
  };
  const closeOrder = () => {
    setReturnTo(selectedId);
    close();
  };
  const leaveScreen = () => {
    // Back on a list, the keyboard returns to the item that was opened.
    setReturnTo(lastOpened.current);
    const left = nav.back();
    if (left?.fromOrder) void open(api, left.fromOrder);
  };
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
  const backIfAny = nav.stack.length > 1 ? leaveScreen : null;

  return (
    <>
      <WorkspaceNav role={role} current={nav.stack[0]?.kind ?? null} onTab={(next) => show(next, 'tab')} />
      <div role="status" className="workspace__notice" data-testid="workspace-notice">
        {notice && <Banner tone="info">{notice}</Banner>}
      </div>
      <MonitoredNotice />
      {(selectedId || screen.kind !== 'wallboard') && (
        <MonitoringBar
          onOpenWallboard={() => {
            close();
            show({ kind: 'wallboard' }, 'tab');
          }}
        />
      )}
      <CallArea />
      {agent && <AgentBar />}
      <main className={!selectedId && (screen.kind === 'reports' || screen.kind === 'pipelines' || screen.kind === 'wallboard') ? 'workspace__main workspace__main--wide' : 'workspace__main'}>
        {selectedId ? (
          <OrderCard onBack={closeOrder} />
        ) : screen.kind === 'reports' ? (
          <Suspense fallback={<p role="status">{t('app.loading')}</p>}>
            <ReportsScreen onBack={backIfAny} />
          </Suspense>
        ) : screen.kind === 'pipelines' ? (
          <Suspense fallback={<p role="status">{t('app.loading')}</p>}>
            <PipelinesScreen onBack={backIfAny} />
          </Suspense>
        ) : screen.kind === 'wallboard' ? (
          <Suspense fallback={<p role="status">{t('app.loading')}</p>}>
            <WallboardScreen />
          </Suspense>
        ) : screen.kind === 'dialpad' ? (
          <DialPad onClose={leaveScreen} />
        ) : screen.kind === 'phoneSettings' ? (
          <SoftphoneSettings onClose={leaveScreen} />
        ) : screen.kind === 'customer' ? (
          <CustomerCard key={screen.id} id={screen.id} onBack={leaveScreen} onOpenOrder={openOrder} focusCall={screen.focus === 'call'} />
        ) : screen.kind === 'shortcuts' ? (
          <ShortcutSettings onBack={backIfAny} />
        ) : screen.kind === 'duplicates' ? (
          <DuplicatesScreen onBack={backIfAny} />
        ) : screen.kind === 'catalog' ? (
          <CatalogScreen key={screen.city ?? ''} city={screen.city ?? null} onBack={backIfAny} />
        ) : screen.kind === 'search' ? (
          <CustomerSearch onBack={backIfAny} onOpen={(id) => show({ kind: 'customer', id })} />
        ) : screen.kind === 'home' ? (
          <HomeScreen
            focusId={returnTo}
            onNextCallback={nextCallback}
            onOpen={(item) => {
              lastOpened.current = item.id;
              if (item.kind !== 'callback') openOrder(item.id);
              else if (item.customer) show({ kind: 'customer', id: item.customer.id });
            }}
          />
        ) : (
          <OrdersList onOpen={openOrder} focusId={returnTo} scope={defaultOrderScope(role)} />
        )}
      </main>
    </>
  );
}
