import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkBuilderConfig, parseConfig, policyErrors, REQUIRED_FUSES, schemaErrors, SCHEMA_FILE } from './check-builder-config.js';

const root = path.resolve(import.meta.dirname, '..');
const read = (rel: string) => {
  try {
    return fs.readFileSync(path.join(root, rel), 'utf8');
  } catch {
    return null;
  }
};
const config = () => parseConfig(read('electron-builder.yml')!) as Record<string, unknown>;
const schema = JSON.parse(read(SCHEMA_FILE)!) as object;

describe('electron-builder.yml', () => {
  it('validates against electron-builder’s schema and Pult’s packaging policy', () => {
    expect(checkBuilderConfig(root)).toEqual([]);
  });

  it('fuse settings read from the builder config: runAsNode off, cookie encryption on, asar integrity, app only from asar', () => {
    const fuses = config().electronFuses as Record<string, boolean>;
    expect(fuses).toMatchObject({ runAsNode: false, enableCookieEncryption: true, enableEmbeddedAsarIntegrityValidation: true, onlyLoadAppFromAsar: true });
    expect(fuses).toEqual(REQUIRED_FUSES);
  });

  it('fails a weakened fuse, a per-machine installer, a missing mic entitlement or scheme', () => {
    const c = config();
    const weak = { ...c, electronFuses: { ...(c.electronFuses as object), runAsNode: true }, nsis: { ...(c.nsis as object), perMachine: true }, protocols: [{ name: 'x', schemes: ['tel'] }] };
    const errors = policyErrors(weak, (rel) => (rel.endsWith('.plist') ? '<plist/>' : read(rel)));
    expect(errors).toEqual(expect.arrayContaining([
      'electronFuses.runAsNode must be false (is true)',
      'nsis.perMachine must be false (per-user install)',
      'mac.entitlements must grant com.apple.security.device.audio-input',
      'protocols must include callto',
      'protocols must include sip',
    ]));
  });

  it('the schema catches unknown keys and wrong types', { timeout: 60_000 }, () => {
    expect(schemaErrors({ ...config(), asarr: true }, schema).join('\n')).toMatch(/additional properties.*asarr/);
    expect(schemaErrors({ ...config(), nsis: { oneClick: 'no' } }, schema).length).toBeGreaterThan(0);
  });
});
