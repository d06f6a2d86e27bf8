// Starting and stopping the project's own processes (server, web host) for start-up scripts,
// e2e tests and benchmarks: spawn with the running Node + tsx, wait for the READY line.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface Started {
  child: ChildProcess;
  /** The URL printed on the READY line. */
  url: string;
  /** Everything the process printed so far (for failure messages). */
  output: () => string;
  stop: () => Promise<void>;
}

export interface StartOptions {
  script: string;
  args?: string[];
  env?: NodeJS.ProcessEnv;
  readyPrefix: string;
  timeoutMs?: number;
  /** Echo the child's output to this process's stderr. */
  echo?: boolean;
}

/** Spawns `node --import tsx <script>` and resolves when it prints `<readyPrefix> <url>`. */
export function startTsProcess(opts: StartOptions): Promise<Started> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, opts.script), ...(opts.args ?? [])], {
    cwd: ROOT,
    env: { ...process.env, ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      child.kill('SIGTERM');
    });
  return new Promise<Started>((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`${opts.script} did not print ${opts.readyPrefix} in time. Output:\n${out}`));
    }, opts.timeoutMs ?? 60_000);
    const onData = (chunk: Buffer) => {
      const text = chunk.toString();
      out += text;
      if (opts.echo) process.stderr.write(text);
      const line = out.split('\n').find((l) => l.startsWith(`${opts.readyPrefix} `));
      if (line) {
        clearTimeout(timer);
        resolve({ child, url: line.slice(opts.readyPrefix.length + 1).trim(), output: () => out, stop });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (c: Buffer) => {
      out += c.toString();
      if (opts.echo) process.stderr.write(c);
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${opts.script} exited (${code ?? signal}) before it was ready. Output:\n${out}`));
    });
  });
}

export function startServer(opts: {
  port: number;
  dataDir?: string;
  databaseUrl?: string;
  seed?: 'demo' | 'none';
  echo?: boolean;
  /** More settings, e.g. SMTP_* for a test mailbox. */
  env?: NodeJS.ProcessEnv;
}) {
  const env: NodeJS.ProcessEnv = { ...opts.env, PORT: String(opts.port), HOST: '127.0.0.1', PULT_SEED: opts.seed ?? 'demo' };
  if (opts.dataDir) env.PULT_DATA_DIR = opts.dataDir;
  if (opts.databaseUrl) env.DATABASE_URL = opts.databaseUrl;
  return startTsProcess({ script: 'server/main.ts', env, readyPrefix: 'PULT_SERVER_READY', echo: opts.echo ?? false });
}

export function startWebHost(opts: { port: number; dataDir: string; serverUrl: string; token?: string; echo?: boolean }) {
  const args = ['--port', String(opts.port), '--data-dir', opts.dataDir, '--server-url', opts.serverUrl, '--static', path.join(ROOT, 'dist/renderer')];
  if (opts.token) args.push('--token', opts.token);
  return startTsProcess({ script: 'main/web-host/main.ts', args, readyPrefix: 'PULT_WEB_READY', echo: opts.echo ?? false });
}

/** Asks the OS for a free loopback port. */
export async function freePort(): Promise<number> {
  const net = await import('node:net');
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}
