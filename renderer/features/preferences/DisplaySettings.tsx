// «Настройки экрана»: text size, colours and language, reachable from every screen, login
// included (a person who cannot read the login form needs this first).
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../ui/index.js';
import { ZOOM_MAX, ZOOM_MIN, ZOOM_STEP, type Language, type Theme } from './preferences.js';
import { usePreferences } from './PreferencesContext.js';
import './preferences.css';

const THEMES: Theme[] = ['light', 'dark', 'contrast'];
const LANGUAGES: Language[] = ['ru', 'en'];

export function DisplaySettings() {
  const { t } = useTranslation();
  const { prefs, update } = usePreferences();
  const [open, setOpen] = useState(false);
  const titleId = useId();
  const panel = useRef<HTMLDivElement>(null);
  const openerId = useId();

  useEffect(() => {
    if (open) panel.current?.querySelector<HTMLElement>('button, input')?.focus();
  }, [open]);
  const close = () => {
    setOpen(false);
    document.getElementById(openerId)?.focus();
  };

  return (
    <div className="display-settings">
      <Button id={openerId} variant="secondary" icon="settings" aria-expanded={open} onClick={() => (open ? close() : setOpen(true))} data-testid="display-settings">
        {t('prefs.open')}
      </Button>
      {open && (
        <div
          ref={panel}
          className="display-settings__panel"
          role="dialog"
          aria-labelledby={titleId}
          onKeyDown={(e) => {
            if (e.key === 'Escape') close();
          }}
        >
          <h2 id={titleId}>{t('prefs.title')}</h2>
          <fieldset>
            <legend>{t('prefs.zoom')}</legend>
            <div className="display-settings__zoom">
              <Button variant="secondary" aria-label={t('prefs.zoomOut')} disabled={prefs.zoom <= ZOOM_MIN} onClick={() => update({ zoom: prefs.zoom - ZOOM_STEP })} data-testid="zoom-out">
                −
              </Button>
              <output aria-live="polite" data-testid="zoom-value">
                {prefs.zoom} %
              </output>
              <Button variant="secondary" aria-label={t('prefs.zoomIn')} disabled={prefs.zoom >= ZOOM_MAX} onClick={() => update({ zoom: prefs.zoom + ZOOM_STEP })} data-testid="zoom-in">
                +
              </Button>
            </div>
            <p className="display-settings__hint">{t('prefs.zoomHint')}</p>
          </fieldset>
          <fieldset>
            <legend>{t('prefs.theme')}</legend>
            {THEMES.map((theme) => (
              <label key={theme} className="display-settings__choice">
                <input type="radio" name="theme" checked={prefs.theme === theme} onChange={() => update({ theme })} data-testid={`theme-${theme}`} />
                {t(`prefs.themes.${theme}`)}
              </label>
            ))}
          </fieldset>
          <fieldset>
            <legend>{t('prefs.language')}</legend>
            {LANGUAGES.map((language) => (
              <label key={language} className="display-settings__choice" lang={language}>
                <input type="radio" name="language" checked={prefs.language === language} onChange={() => update({ language })} data-testid={`language-${language}`} />
                {t(`prefs.languages.${language}`)}
              </label>
            ))}
          </fieldset>
          <Button onClick={close} data-testid="display-settings-close">
            {t('prefs.done')}
          </Button>
        </div>
      )}
    </div>
  );
}
