import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../core/errors.js';
import { FAILURE_REASONS } from '../../core/reasons.js';
import en from './en.json';
import ru from './ru.json';
import { createI18n } from './index.js';

type Tree = { [key: string]: string | Tree };

function leafKeys(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : leafKeys(v, `${prefix}${k}.`)));
}

function leaf(tree: Tree, path: string): unknown {
  return path.split('.').reduce<unknown>((node, k) => (node && typeof node === 'object' ? (node as Tree)[k] : undefined), tree);
}

/** i18next plural forms: `key_one`, `key_few`… Each language has the forms its grammar needs. */
const PLURAL = /_(zero|one|two|few|many|other)$/;
const baseKey = (k: string) => k.replace(PLURAL, '');
const unique = (keys: string[]) => [...new Set(keys)];

describe('translations', () => {
  const ruKeys = leafKeys(ru);
  const enKeys = leafKeys(en);

  it('ru and en have the same keys', () => {
    const ruBase = unique(ruKeys.map(baseKey));
    const enBase = unique(enKeys.map(baseKey));
    expect(ruBase.filter((k) => !enBase.includes(k)), 'in ru.json only').toEqual([]);
    expect(enBase.filter((k) => !ruBase.includes(k)), 'in en.json only').toEqual([]);
  });

  it('a plural key has every form the language needs', () => {
    for (const [lang, keys] of [['ru', ruKeys], ['en', enKeys]] as const) {
      const needed = new Intl.PluralRules(lang).resolvedOptions().pluralCategories;
      for (const base of unique(keys.filter((k) => PLURAL.test(k)).map(baseKey))) {
        for (const form of needed) expect(keys, `${lang}: ${base}_${form}`).toContain(`${base}_${form}`);
      }
    }
  });

  it('has no empty strings', () => {
    for (const [name, tree, keys] of [['ru', ru, ruKeys], ['en', en, enKeys]] as const) {
      for (const k of keys) expect(String(leaf(tree, k)).trim(), `${name}:${k}`).not.toBe('');
    }
  });

  it('every ErrorCode has a plain-language message in both languages', () => {
    for (const code of ErrorCode.options) {
      expect(typeof leaf(ru, `errors.${code}`), `ru errors.${code}`).toBe('string');
      expect(typeof leaf(en, `errors.${code}`), `en errors.${code}`).toBe('string');
    }
  });

  it('every failure reason has a name in both languages; the Russian one is the core’s', () => {
    for (const r of FAILURE_REASONS) {
      expect(leaf(ru, `reasons.codes.${r.code}`), `ru reasons.codes.${r.code}`).toBe(r.name);
      expect(typeof leaf(en, `reasons.codes.${r.code}`), `en reasons.codes.${r.code}`).toBe('string');
    }
  });

  it('uses the same interpolation variables in both languages', () => {
    const vars = (s: unknown) => [...String(s).matchAll(/{{\s*(\w+)\s*}}/g)].map((m) => m[1]).sort();
    for (const k of ruKeys) {
      const enKey = PLURAL.test(k) && !enKeys.includes(k) ? `${baseKey(k)}_other` : k;
      expect(vars(leaf(en, enKey)), k).toEqual(vars(leaf(ru, k)));
    }
  });

  it('resolves error codes with dots through i18next', () => {
    const i18n = createI18n('ru');
    expect(i18n.t('errors.auth.invalid_credentials')).toBe('Неверный логин или пароль. Проверьте раскладку клавиатуры и Caps Lock.');
    expect(i18n.t('errors.server.unreachable')).toBe('Сервер не отвечает. Проверьте адрес сервера и подключение к сети.');
    expect(i18n.t('sync.offline', { count: 3 })).toContain('Несохранённых изменений: 3');
  });
});
