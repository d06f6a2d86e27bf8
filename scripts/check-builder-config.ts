// Static check (CI): electron-builder.yml is valid against electron-builder's own JSON schema
// (node_modules/app-builder-lib/scheme.json, validated with ajv) and keeps Pult's packaging
// policy: Electron fuses, per-user NSIS with the link registrations, hardened + notarized macOS
// with the microphone entitlement and a Russian usage text, tel:/callto:/sip: protocols, and
// updates from a generic server.
// Usage: tsx scripts/check-builder-config.ts   → prints each problem, exit 1.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Ajv } from 'ajv';
import { load } from 'js-yaml';

export const CONFIG_FILE = 'electron-builder.yml';
export const SCHEMA_FILE = 'node_modules/app-builder-lib/scheme.json';

/** The fuse values Pult ships with (SECURITY.md item 19). */
export const REQUIRED_FUSES: Record<string, boolean> = {
  runAsNode: false,
  enableCookieEncryption: true,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
  grantFileProtocolExtraPrivileges: false,
};

export function parseConfig(text: string): unknown {
  return load(text, { filename: CONFIG_FILE });
}

/** Schema errors as readable lines; [] when valid. */
export function schemaErrors(config: unknown, schema: object): string[] {
  // strict off: the schema uses draft-07 keywords ajv's strict mode frowns upon; allErrors for one pass.
  const ajv = new Ajv({ allErrors: true, strict: false, allowUnionTypes: true });
  const validate = ajv.compile(schema);
  if (validate(config)) return [];
  return (validate.errors ?? []).map((e) => `schema: ${e.instancePath || '/'} ${e.message ?? ''}${e.params && 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : ''}`);
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});

/** Pult's packaging policy over the parsed config; `readFile` reads repo files (entitlements). */
export function policyErrors(config: unknown, readFile: (rel: string) => string | null): string[] {
  const c = obj(config);
  const out: string[] = [];
  const fuses = obj(c.electronFuses);
  for (const [fuse, want] of Object.entries(REQUIRED_FUSES)) {
    if (fuses[fuse] !== want) out.push(`electronFuses.${fuse} must be ${String(want)} (is ${String(fuses[fuse])})`);
  }
  if (c.asar !== true) out.push('asar must be true (asar integrity and onlyLoadAppFromAsar need it)');
  const nsis = obj(c.nsis);
  if (nsis.perMachine !== false) out.push('nsis.perMachine must be false (per-user install)');
  if (typeof nsis.include !== 'string' || readFile(nsis.include) === null) out.push('nsis.include must name the installer script that registers tel:/callto:/sip:');
  else {
    const nsh = readFile(nsis.include) ?? '';
    if (!nsh.includes('!macro customInstall') || !nsh.includes('URLAssociations') || !nsh.includes('-- "%1"')) {
      out.push(`${nsis.include} must register URLAssociations in customInstall, passing the link after "--"`);
    }
  }
  const winTargets = JSON.stringify(obj(c.win).target ?? '');
  if (!winTargets.includes('nsis')) out.push('win.target must include nsis');
  const mac = obj(c.mac);
  const macTargets = JSON.stringify(mac.target ?? '');
  if (!macTargets.includes('dmg') || !macTargets.includes('zip')) out.push('mac.target must include dmg and zip (zip feeds electron-updater)');
  if (mac.hardenedRuntime !== true) out.push('mac.hardenedRuntime must be true');
  if (mac.notarize !== true) out.push('mac.notarize must be true');
  const mic = obj(mac.extendInfo).NSMicrophoneUsageDescription;
  if (typeof mic !== 'string' || !/[а-яё]/i.test(mic)) out.push('mac.extendInfo.NSMicrophoneUsageDescription must be set, in Russian');
  for (const key of ['entitlements', 'entitlementsInherit'] as const) {
    const file = mac[key];
    const text = typeof file === 'string' ? readFile(file) : null;
    if (!text || !/<key>com\.apple\.security\.device\.audio-input<\/key>\s*<true\/>/.test(text)) out.push(`mac.${key} must grant com.apple.security.device.audio-input`);
  }
  const schemes = new Set(
    (Array.isArray(c.protocols) ? c.protocols : [c.protocols]).flatMap((p) => {
      const s = obj(p).schemes;
      return Array.isArray(s) ? s.map(String) : [];
    }),
  );
  for (const s of ['tel', 'callto', 'sip']) if (!schemes.has(s)) out.push(`protocols must include ${s}`);
  const publish = (Array.isArray(c.publish) ? c.publish : [c.publish]).map(obj);
  if (!publish.some((p) => p.provider === 'generic' && typeof p.url === 'string')) out.push('publish must include a generic provider with a url (electron-updater)');
  return out;
}

export function checkBuilderConfig(root: string): string[] {
  const read = (rel: string): string | null => {
    try {
      return fs.readFileSync(path.join(root, rel), 'utf8');
    } catch {
      return null;
    }
  };
  const text = read(CONFIG_FILE);
  if (text === null) return [`${CONFIG_FILE} not found`];
  let config: unknown;
  try {
    config = parseConfig(text);
  } catch (e) {
    return [`${CONFIG_FILE}: YAML error: ${String(e)}`];
  }
  const schemaText = read(SCHEMA_FILE);
  if (schemaText === null) return [`${SCHEMA_FILE} not found (is electron-builder installed?)`];
  return [...schemaErrors(config, JSON.parse(schemaText) as object), ...policyErrors(config, read)];
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const problems = checkBuilderConfig(process.cwd());
  for (const p of problems) console.error(`${CONFIG_FILE}: ${p}`);
  if (problems.length > 0) {
    console.error(`check-builder-config: ${problems.length} problem(s)`);
    process.exit(1);
  }
  console.log('check-builder-config: ok');
}
