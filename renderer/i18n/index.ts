// i18next set up synchronously with bundled resources: no network, no flash of raw keys.
import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './en.json';
import ru from './ru.json';

export const resources = { ru: { translation: ru }, en: { translation: en } } as const;
export type Language = keyof typeof resources;

export function createI18n(lng: Language = 'ru'): I18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    resources,
    lng,
    fallbackLng: 'ru',
    initAsync: false,
    interpolation: { escapeValue: false }, // React escapes already
  });
  return instance;
}
