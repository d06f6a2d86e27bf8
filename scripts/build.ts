// Builds what the app runs from: the renderer (Vite) and the Electron main/preload bundles (esbuild).
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';
import { cpSync, existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './proc.js';

const RENDERER_OUT = path.join(ROOT, 'dist/renderer/index.html');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

export function rendererIsStale(): boolean {
  if (!existsSync(RENDERER_OUT)) return true;
  const built = statSync(RENDERER_OUT).mtimeMs;
  return Math.max(newestMtime(path.join(ROOT, 'renderer')), newestMtime(path.join(ROOT, 'core'))) > built;
}

export async function buildRenderer(): Promise<void> {
  await viteBuild({ configFile: path.join(ROOT, 'renderer/vite.config.ts'), logLevel: 'warn' });
}

export async function buildElectron(): Promise<void> {
  const common = { bundle: true, platform: 'node' as const, target: 'node22', format: 'cjs' as const, sourcemap: true, logLevel: 'warning' as const };
  await esbuild({
    ...common,
    entryPoints: [path.join(ROOT, 'main/electron/entry.ts')],
    outfile: path.join(ROOT, 'dist/main/electron.cjs'),
    // Native and Electron modules load at run time from node_modules / the Electron binary.
    external: ['electron', 'better-sqlite3'],
    // Code that asks import.meta.url gets the bundle's own file URL instead of an empty value.
    banner: { js: "const __pult_import_meta_url = require('node:url').pathToFileURL(__filename).href;" },
    define: { 'import.meta.url': '__pult_import_meta_url' },
  });
  cpSync(path.join(ROOT, 'db/migrations'), path.join(ROOT, 'dist/main/migrations'), { recursive: true });
  await esbuild({
    ...common,
    entryPoints: [path.join(ROOT, 'preload/preload.ts')],
    outfile: path.join(ROOT, 'dist/preload/preload.cjs'),
    external: ['electron'],
    minify: true,
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await buildRenderer();
  if (existsSync(path.join(ROOT, 'main/electron/entry.ts'))) await buildElectron();
  console.log('built dist/');
}
