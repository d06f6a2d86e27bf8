// `npm start`: the CRM server on embedded PGlite with demo data, then the desktop app.
// Where Electron cannot start (no binary, no display) it serves browser mode and prints the URL.
import { existsSync, readFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { buildElectron, buildRenderer, rendererIsStale } from './build.js';
import { ROOT, startServer, startWebHost, type Started } from './proc.js';

const SERVER_PORT = Number(process.env.PULT_SERVER_PORT ?? 4310);
const WEB_PORT = Number(process.env.PULT_WEB_PORT ?? 4320);
const webOnly = process.argv.includes('--web');

async function serverAlreadyUp(url: string): Promise<boolean> {
  try {
    const res = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(1_000) });
    return res.ok;
  } catch {
    return false;
  }
}

/** The Electron binary's path, or why it cannot run here. */
function electronBinary(): { path: string } | { why: string } {
  const pathFile = path.join(ROOT, 'node_modules/electron/path.txt');
  if (!existsSync(pathFile)) return { why: 'the Electron binary is not installed (ELECTRON_SKIP_BINARY_DOWNLOAD)' };
  const bin = path.join(ROOT, 'node_modules/electron/dist', readFileSync(pathFile, 'utf8').trim());
  if (!existsSync(bin)) return { why: 'the Electron binary is missing' };
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return { why: 'there is no display' };
  return { path: bin };
}

const children: Started[] = [];
async function shutdown(code: number): Promise<never> {
  await Promise.all(children.map((c) => c.stop()));
  process.exit(code);
}
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

if (rendererIsStale()) {
  console.log('[pult] building the interface…');
  await buildRenderer();
}

const serverUrl = `http://127.0.0.1:${SERVER_PORT}`;
if (await serverAlreadyUp(serverUrl)) {
  console.log(`[pult] a CRM server is already running at ${serverUrl}; using it`);
} else {
  console.log('[pult] starting the CRM server (embedded PGlite, demo data)…');
  const server = await startServer({ port: SERVER_PORT, dataDir: path.join(ROOT, '.pult-data/server') });
  children.push(server);
  server.child.once('exit', () => void shutdown(1));
}

const electron = webOnly ? { why: 'browser mode was asked for' } : electronBinary();
if ('path' in electron) {
  await buildElectron();
  const child = spawn(electron.path, [ROOT], { stdio: 'inherit', env: { ...process.env, PULT_SERVER_URL: serverUrl } });
  child.once('exit', (code) => void shutdown(code ?? 0));
} else {
  const token = randomBytes(16).toString('hex');
  const web = await startWebHost({ port: WEB_PORT, dataDir: path.join(ROOT, '.pult-data/client'), serverUrl, token });
  children.push(web);
  web.child.once('exit', () => void shutdown(1));
  console.log(`[pult] desktop window not started: ${electron.why}.`);
  console.log('[pult] Pult is running in browser mode. Open this address in Chromium or Chrome:');
  console.log(`\n    ${web.url}\n`);
  console.log('[pult] demo logins: operator / demo, operator2 / demo, tech / demo, supervisor / demo. Ctrl+C stops.');
}
