// Top level: start-up, then the login screen or the workspace. Also follows the sync status
// and the connection to the local Pult process (browser mode).
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoginScreen } from './features/login/LoginScreen.js';
import { DisplaySettings } from './features/preferences/DisplaySettings.js';
import { usePreferences } from './features/preferences/PreferencesContext.js';
import { Workspace } from './features/orders/Workspace.js';
import { errorMessage } from './i18n/errors.js';
import { useApi } from './platform/ApiContext.js';
import type { ConnectionState } from './platform/ws-client.js';
import { useSession } from './state/session.js';
import { useSync } from './state/sync.js';
import { Banner } from './ui/index.js';

export interface AppProps {
  connection?: () => ConnectionState;
  onConnection?: (l: (s: ConnectionState) => void) => () => void;
}

export function App({ connection, onConnection }: AppProps) {
  const { t } = useTranslation();
  const api = useApi();
  const { phase, appInfo, session, startError, bootstrap, clear } = useSession();
  const follow = useSync((s) => s.follow);
  const switchUser = usePreferences().switchUser;
  const userId = session?.user.id ?? null;
  // Each operator gets back their own text size, colours and language.
  useEffect(() => switchUser(userId), [switchUser, userId]);
  const [conn, setConn] = useState<ConnectionState>(connection?.() ?? 'open');

  useEffect(() => {
    const off = onConnection?.(setConn);
    // The socket may have opened between the first render and this subscription.
    if (connection) setConn(connection());
    return off;
  }, [connection, onConnection]);
  useEffect(() => {
    void bootstrap(api);
  }, [api, bootstrap]);
  useEffect(() => {
    if (!session) return;
    const off = follow(api);
    // The main side says the session ended (expired or logged out elsewhere): back to login.
    const offLogout = api.on('sync.status', (s) => {
      if (s.state === 'logged_out') clear();
    });
    return () => {
      off();
      offLogout();
    };
  }, [api, session, follow, clear]);

  const connBanner =
    conn === 'open' ? null : (
      <Banner tone="warn" role="status" data-testid="connection-banner">
        {conn === 'connecting' ? t('app.connectionConnecting') : t('app.connectionClosed')}
      </Banner>
    );

  let body;
  if (phase === 'starting') body = <p role="status" className="app__loading">{t('app.loading')}</p>;
  else if (phase === 'failed')
    body = (
      <Banner tone="error" role="alert">
        {t('app.startFailed')} {startError ? errorMessage(t, startError) : ''}
      </Banner>
    );
  else if (session) body = <Workspace session={session} />;
  else
    body = (
      <>
        <div className="app__toolbar">
          <DisplaySettings />
        </div>
        <LoginScreen defaultServerUrl={appInfo?.defaultServerUrl ?? ''} />
      </>
    );

  return (
    <>
      {connBanner && <div className="app__conn">{connBanner}</div>}
      {body}
    </>
  );
}
