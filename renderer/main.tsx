// Entry point: pick the platform, set up Russian texts, render.
// Design-system CSS first, so feature styles loaded with their components can refine it.
import './ui/theme.css';
import './ui/base.css';
import './ui/components.css';
import './app.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { App } from './App.js';
import { createI18n } from './i18n/index.js';
import { ApiProvider } from './platform/ApiContext.js';
import { PreferencesProvider } from './features/preferences/PreferencesContext.js';
import { createPreferencesStore } from './features/preferences/store.js';
import { createPlatform } from './platform/index.js';

const platform = createPlatform();
const i18n = createI18n('ru');
const preferences = createPreferencesStore(window.localStorage, document, i18n);
preferences.getState().switchUser(null); // the last user's size and colours, before login

const root = document.getElementById('root');
if (!root) throw new Error('#root missing in index.html');
createRoot(root).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <PreferencesProvider store={preferences}>
        <ApiProvider api={platform.api}>
          <App connection={platform.connection} onConnection={platform.onConnection} />
        </ApiProvider>
      </PreferencesProvider>
    </I18nextProvider>
  </StrictMode>,
);
