// Real SIP test bench for the softphone e2e tests: Kamailio (registrar + proxy,
// UDP + SIP over WebSocket) and rtpengine (media anchor, WebRTC <-> RTP/AVP), both on
// loopback with free ports, plus sipp helpers (UAC caller, UAS callee).
// See e2e/telephony/README.md.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { copyFileSync, mkdirSync, mkdtempSync, openSync, closeSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { createConnection, createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';

export const TELEPHONY_DIR = path.dirname(fileURLToPath(import.meta.url));
export const KAMAILIO_CFG = path.join(TELEPHONY_DIR, 'kamailio.cfg');
export const SCENARIOS_DIR = path.join(TELEPHONY_DIR, 'scenarios');
const PCAP_SRC = '/usr/share/sip-tester';
const HOST = '127.0.0.1';

const KAMAILIO_BIN = process.env.PULT_KAMAILIO ?? 'kamailio';
const RTPENGINE_BIN = process.env.PULT_RTPENGINE ?? 'rtpengine';
const SIPP_BIN = process.env.PULT_SIPP ?? 'sipp';

export interface TelephonyOptions {
  /** Work dir for configs, logs and pcaps; a fresh temp dir when omitted (removed on stop()). */
  dir?: string;
  /** Keep the work dir after stop() (also when PULT_TELEPHONY_KEEP=1). */
  keepDir?: boolean;
  /** Kamailio log level (config `debug`), default 2 (info). */
  kamailioDebug?: number;
}

export interface Telephony {
  /** ws://127.0.0.1:PORT — SIP over WebSocket (subprotocol `sip`). */
  wsUrl: string;
  /** wss://127.0.0.1:PORT — the same over TLS (self-signed certificate: the browser must accept it). */
  wssUrl: string;
  /** A ws:// URL on a port nothing listens on (for "first server dead -> next one" tests). */
  deadWsUrl: string;
  wsPort: number;
  /** Kamailio's SIP/UDP port on 127.0.0.1 (sipp talks to it). */
  udpPort: number;
  /**
   * The "PSTN gateway": Kamailio sends outside numbers (8XXXXXXXXXX, +7…, 7…) to a sipp callee
   * on this UDP port — start it with `startSipp({ scenario: 'uas_answer', port: pstnPort, … })`.
   */
  pstnPort: number;
  /** SIP domain of the users (`sip:user@sipDomain`): 127.0.0.1. */
  sipDomain: string;
  rtpengineNgPort: number;
  rtpPortMin: number;
  rtpPortMax: number;
  /** The work dir: kamailio.cfg, kamailio.log, rtpengine.log, sipp logs, pcaps. */
  dir: string;
  /** PID of the running Kamailio main process (changes after restartKamailio()). */
  readonly kamailioPid: number;
  readonly rtpenginePid: number;
  /** Stops Kamailio and starts it again on the same ports (registrations are lost). */
  restartKamailio(): Promise<void>;
  /** Last lines of the Kamailio and rtpengine logs, for failure messages. */
  logs(lines?: number): string;
  stop(): Promise<void>;
}

// ---------------------------------------------------------------- processes

const live = new Set<ChildProcess>();
const sipps = new Set<ChildProcess>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // Last resort if the test runner dies: nothing of ours outlives it.
  process.on('exit', () => {
    for (const child of live) killGroup(child, 'SIGKILL');
  });
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal); // its own process group (spawned detached), by PID
  } catch {
    try {
      child.kill(signal);
    } catch {
      /* already gone */
    }
  }
}

function startProcess(cmd: string, args: string[], opts: { cwd: string; logFile: string }): ChildProcess {
  installExitHook();
  const fd = openSync(opts.logFile, 'a');
  try {
    const child = spawn(cmd, args, { cwd: opts.cwd, detached: true, stdio: ['ignore', fd, fd] });
    live.add(child);
    child.on('exit', () => live.delete(child));
    child.on('error', () => live.delete(child));
    watchdog(child);
    return child;
  } finally {
    closeSync(fd);
  }
}

/**
 * If this Node process is SIGKILLed (no 'exit' hook runs), a tiny detached shell kills the
 * child's process group within a second. It ends by itself when the child ends.
 */
function watchdog(child: ChildProcess): void {
  if (child.pid === undefined) return;
  // $0 = this Node process, $1 = the child (leader of its own process group).
  // A dead parent may linger as a zombie, so look at /proc/PID/status, not just kill -0.
  const script =
    'while kill -0 "$1" 2>/dev/null; do ' +
    'if [ ! -e "/proc/$0" ] || grep -q "^State:[[:space:]]*Z" "/proc/$0/status" 2>/dev/null; then ' +
    'kill -KILL -- "-$1" 2>/dev/null; exit 0; fi; sleep 1; done';
  const w = spawn('bash', ['-c', script, String(process.pid), String(child.pid)], { detached: true, stdio: 'ignore' });
  w.unref();
}

/** SIGTERM to the process group, SIGKILL after `graceMs`; resolves when the main process is gone. */
async function stopProcess(child: ChildProcess | undefined, graceMs = 3000): Promise<void> {
  if (!child || child.pid === undefined) return;
  if (child.exitCode !== null || child.signalCode !== null) {
    killGroup(child, 'SIGKILL'); // stray children of an exited main process
    return;
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  killGroup(child, 'SIGTERM');
  const timer = setTimeout(() => killGroup(child, 'SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
  // Kamailio's children die with their parent; make sure nothing of the group remains.
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    /* group gone */
  }
}

function exitedEarly(child: ChildProcess, name: string, logFile: string): Promise<never> {
  return new Promise((_, reject) => {
    child.once('exit', (code, signal) =>
      reject(new Error(`${name} exited early (code ${code}, signal ${signal}):\n${tail(logFile, 30)}`)),
    );
  });
}

function tail(file: string, lines: number): string {
  if (!existsSync(file)) return '';
  return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

async function until<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>): Promise<T> {
  const end = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v !== undefined) return v;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() > end) throw new Error(`timeout waiting for ${what}${lastError ? `: ${String(lastError)}` : ''}`);
    await sleep(50);
  }
}

// ---------------------------------------------------------------- ports

export async function freeTcpPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((resolve, reject) => {
    srv.once('error', reject);
    srv.listen(0, HOST, resolve);
  });
  const { port } = srv.address() as AddressInfo;
  await new Promise<void>((resolve) => srv.close(() => resolve()));
  return port;
}

function udpBindable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createSocket('udp4');
    s.once('error', () => {
      s.close();
      resolve(false);
    });
    s.bind(port, HOST, () => s.close(() => resolve(true)));
  });
}

export async function freeUdpPort(): Promise<number> {
  const s = createSocket('udp4');
  await new Promise<void>((resolve) => s.bind(0, HOST, resolve));
  const { port } = s.address();
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

/**
 * A free block of `count` UDP ports (first port even), below Linux's ephemeral range
 * (32768+) so it does not compete with Chromium's and sipp's own sockets.
 */
export async function freeUdpRange(count: number, lo = 20000, hi = 32000): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = lo + 2 * Math.floor((Math.random() * (hi - lo - count)) / 2);
    let ok = true;
    for (let p = base; p < base + count && ok; p++) ok = await udpBindable(p);
    if (ok) return base;
  }
  throw new Error(`no free UDP range of ${count} ports`);
}

/** A free even UDP port p with p+1..p+3 free too (sipp's RTP/RTCP/video ports). */
async function freeMediaPort(): Promise<number> {
  return freeUdpRange(4);
}

export async function tcpAccepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = createConnection({ host: HOST, port });
    sock.once('connect', () => {
      sock.destroy();
      resolve(true);
    });
    sock.once('error', () => resolve(false));
  });
}

// ---------------------------------------------------------------- SIP / ng pings

/** Sends OPTIONS sip:127.0.0.1:PORT over UDP; resolves with the reply's status code. */
export async function sipOptionsPing(udpPort: number, timeoutMs = 1000): Promise<number> {
  const s = createSocket('udp4');
  try {
    await new Promise<void>((resolve) => s.bind(0, HOST, resolve));
    const lport = s.address().port;
    const id = randomBytes(6).toString('hex');
    const msg =
      `OPTIONS sip:${HOST}:${udpPort} SIP/2.0\r\n` +
      `Via: SIP/2.0/UDP ${HOST}:${lport};branch=z9hG4bK-${id};rport\r\n` +
      `Max-Forwards: 70\r\nFrom: <sip:bench@${HOST}>;tag=${id}\r\nTo: <sip:${HOST}:${udpPort}>\r\n` +
      `Call-ID: ${id}@bench\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n`;
    return await new Promise<number>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error('no OPTIONS reply')), timeoutMs);
      s.on('message', (m) => {
        const code = /^SIP\/2\.0 (\d{3})/.exec(m.toString());
        if (code?.[1] && !code[1].startsWith('1')) {
          clearTimeout(t);
          resolve(Number(code[1]));
        }
      });
      s.send(msg, udpPort, HOST);
    });
  } finally {
    s.close();
  }
}

/** rtpengine ng-protocol `ping` (bencode); resolves true on `pong`. */
export async function rtpenginePing(ngPort: number, timeoutMs = 500): Promise<boolean> {
  const s = createSocket('udp4');
  try {
    const cookie = randomBytes(4).toString('hex');
    return await new Promise<boolean>((resolve) => {
      const t = setTimeout(() => resolve(false), timeoutMs);
      s.on('message', (m) => {
        if (m.toString().startsWith(`${cookie} `) && m.toString().includes('pong')) {
          clearTimeout(t);
          resolve(true);
        }
      });
      s.send(`${cookie} d7:command4:pinge`, ngPort, HOST);
    });
  } finally {
    s.close();
  }
}

// ---------------------------------------------------------------- bench

/** A self-signed certificate for 127.0.0.1 and Kamailio's tls.cfg using it; returns the cfg path. */
function writeTlsConfig(dir: string): string {
  const key = path.join(dir, 'tls-key.pem');
  const cert = path.join(dir, 'tls-cert.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', key, '-out', cert], { stdio: 'ignore' });
  const cfg = path.join(dir, 'tls.cfg');
  writeFileSync(cfg, `[server:default]\nmethod = TLSv1.2+\nverify_certificate = no\nrequire_certificate = no\nprivate_key = ${key}\ncertificate = ${cert}\n\n[client:default]\nverify_certificate = no\nrequire_certificate = no\n`);
  return cfg;
}

export async function startTelephony(opts: TelephonyOptions = {}): Promise<Telephony> {
  const ownDir = !opts.dir;
  const dir = opts.dir ?? mkdtempSync(path.join(tmpdir(), 'pult-telephony-'));
  mkdirSync(dir, { recursive: true });
  preparePcaps(dir);

  const [udpPort, wsPort, rtpengineNgPort, deadPort, pstnPort, wssPort] = [await freeUdpPort(), await freeTcpPort(), await freeUdpPort(), await freeTcpPort(), await freeUdpPort(), await freeTcpPort()];
  const tlsCfg = writeTlsConfig(dir);
  const rtpPortMin = await freeUdpRange(200);
  const rtpPortMax = rtpPortMin + 199;

  const cfg = path.join(dir, 'kamailio.cfg');
  copyFileSync(KAMAILIO_CFG, cfg);
  const kamArgs = [
    '-f', cfg,
    '-DD', '-E', // stay in the foreground, log to stderr (-> kamailio.log)
    '-m', '64', '-M', '8',
    '-A', `UDP_PORT=${udpPort}`,
    '-A', `WS_PORT=${wsPort}`,
    '-A', `WSS_PORT=${wssPort}`,
    '-A', `TLS_CFG="${tlsCfg}"`,
    '-A', `RTPENGINE_SOCK="udp:${HOST}:${rtpengineNgPort}"`,
    '-A', `PSTN_DST="sip:${HOST}:${pstnPort}"`,
  ];
  if (opts.kamailioDebug !== undefined) kamArgs.push('--debug', String(opts.kamailioDebug));
  const rtpeArgs = [
    '--config-file=none', // do not read /etc/rtpengine/rtpengine.conf (it opens fixed ports)
    `--interface=${HOST}`,
    `--listen-ng=${HOST}:${rtpengineNgPort}`,
    '--table=-1', // no kernel forwarding: userspace only
    '--foreground',
    '--log-stderr',
    '--log-level=6',
    `--port-min=${rtpPortMin}`,
    `--port-max=${rtpPortMax}`,
    '--timeout=60',
    '--delete-delay=0',
  ];
  writeFileSync(
    path.join(dir, 'run-by-hand.sh'),
    `#!/bin/sh\n# the commands bench.ts ran\n${RTPENGINE_BIN} ${rtpeArgs.join(' ')} &\n${KAMAILIO_BIN} ${kamArgs.map(shq).join(' ')}\n`,
  );

  const kamLog = path.join(dir, 'kamailio.log');
  const rtpeLog = path.join(dir, 'rtpengine.log');
  let rtpengine: ChildProcess | undefined;
  let kamailio: ChildProcess | undefined;

  const startKamailio = async (): Promise<ChildProcess> => {
    const child = startProcess(KAMAILIO_BIN, kamArgs, { cwd: dir, logFile: kamLog });
    await Promise.race([
      exitedEarly(child, 'kamailio', kamLog),
      (async () => {
        await until('Kamailio WebSocket port', 10_000, async () => ((await tcpAccepts(wsPort)) ? true : undefined));
        await until('Kamailio OPTIONS 200', 10_000, async () => ((await sipOptionsPing(udpPort, 300)) === 200 ? true : undefined));
      })(),
    ]);
    return child;
  };

  try {
    rtpengine = startProcess(RTPENGINE_BIN, rtpeArgs, { cwd: dir, logFile: rtpeLog });
    await Promise.race([
      exitedEarly(rtpengine, 'rtpengine', rtpeLog),
      until('rtpengine ng ping', 10_000, async () => ((await rtpenginePing(rtpengineNgPort)) ? true : undefined)),
    ]);
    kamailio = await startKamailio();
  } catch (e) {
    await stopProcess(kamailio);
    await stopProcess(rtpengine);
    if (ownDir && !keep(opts)) rmSync(dir, { recursive: true, force: true });
    throw e;
  }

  const bench: Telephony = {
    wsUrl: `ws://${HOST}:${wsPort}`,
    wssUrl: `wss://${HOST}:${wssPort}`,
    deadWsUrl: `ws://${HOST}:${deadPort}`,
    wsPort,
    udpPort,
    pstnPort,
    sipDomain: HOST,
    rtpengineNgPort,
    rtpPortMin,
    rtpPortMax,
    dir,
    get kamailioPid() {
      return kamailio?.pid ?? -1;
    },
    get rtpenginePid() {
      return rtpengine?.pid ?? -1;
    },
    async restartKamailio() {
      await stopProcess(kamailio);
      kamailio = undefined;
      kamailio = await startKamailio();
    },
    logs(lines = 40) {
      return `--- kamailio.log\n${tail(kamLog, lines)}\n--- rtpengine.log\n${tail(rtpeLog, lines)}`;
    },
    async stop() {
      await Promise.all([stopProcess(kamailio), stopProcess(rtpengine)]);
      if (ownDir && !keep(opts)) rmSync(dir, { recursive: true, force: true });
    },
  };
  return bench;
}

function keep(opts: TelephonyOptions): boolean {
  return Boolean(opts.keepDir) || process.env.PULT_TELEPHONY_KEEP === '1';
}

function shq(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/** sipp's play_pcap_audio reads paths relative to its working dir: copy the samples there. */
function preparePcaps(dir: string): void {
  for (const f of ['g711a.pcap']) {
    const dst = path.join(dir, f);
    if (!existsSync(dst)) copyFileSync(path.join(PCAP_SRC, f), dst);
  }
}

// ---------------------------------------------------------------- sipp

export interface SippResult {
  /** sipp's exit code: 0 = all calls succeeded, 1 = some failed, 97/99/255 = aborted. */
  code: number | null;
  /** stdout+stderr (trimmed to the end) plus sipp's error log. */
  output: string;
}

/** Caller IDs the softphone must normalise; `anonymous` sends From: "Anonymous" <sip:anonymous@anonymous.invalid>. */
export type CallerId = '+79123456789' | '89123456789' | '79123456789' | '9123456789' | 'anonymous' | (string & {});

export interface SippOptions {
  /** `uac_call` / `uas_answer` (files in scenarios/) or a path to an XML scenario. */
  scenario: string;
  /** Where to send (UAC): host:port of Kamailio's UDP listener. */
  target?: string;
  /** Work dir with g711a.pcap (the bench's `dir`). */
  dir: string;
  /** R-URI user (UAC: the called user, e.g. `agent1`); for UAS the Contact user. */
  service?: string;
  /** UAC caller ID (From user); `anonymous` for an anonymous call. */
  callerId?: CallerId;
  /** UAC From display name (optional). */
  callerName?: string;
  /** UAC: the dialed line, sent as X-Called-Number (default 4950000000). */
  calledNumber?: string;
  /** UAC: adds `Diversion: <sip:VALUE@127.0.0.1>;reason=unconditional`. */
  diversion?: string;
  /** More header lines for the UAC INVITE, e.g. ['Privacy: id']. */
  extraHeaders?: string[];
  /** UAC: how long the call is held before sipp sends BYE (ms, default 3000). */
  holdMs?: number;
  /** Local SIP port; a free one when omitted. */
  port?: number;
  /** Local RTP port (even); a free one when omitted. */
  mediaPort?: number;
  /** sipp's global timeout in seconds (default 30); it exits non-zero when reached. */
  timeoutS?: number;
  /** More sipp arguments. */
  args?: string[];
}

export interface SippRun {
  /** The local SIP port sipp listens on. */
  port: number;
  /** For the UAS scenario: the user to call (`uas-PORT`), routed by Kamailio to 127.0.0.1:PORT. */
  user: string;
  /** Resolves once sipp's SIP socket is bound (UAS: ready for calls). */
  ready: Promise<void>;
  result: Promise<SippResult>;
  /** Kills sipp (its process group) if it still runs. */
  kill(): Promise<void>;
}

function fromHeader(callerId: CallerId, name: string | undefined): string {
  if (callerId === 'anonymous') return `"${name ?? 'Anonymous'}" <sip:anonymous@anonymous.invalid>`;
  const uri = `<sip:${callerId}@${HOST}>`;
  return name ? `"${name}" ${uri}` : uri;
}

/** Writes the scenario into `dir` with PULT_EXTRA_HEADERS replaced; returns its path. */
function prepareScenario(opts: SippOptions, tag: string): string {
  const src = opts.scenario.endsWith('.xml') ? opts.scenario : path.join(SCENARIOS_DIR, `${opts.scenario}.xml`);
  const extra = [...(opts.extraHeaders ?? [])];
  if (opts.diversion) extra.push(`Diversion: <sip:${opts.diversion}@${HOST}>;reason=unconditional`);
  if (opts.callerId === 'anonymous') extra.push('Privacy: id');
  const text = readFileSync(src, 'utf8').replace(
    /^PULT_EXTRA_HEADERS\r?\n/m,
    extra.map((h) => `      ${h}\n`).join(''),
  );
  const out = path.join(opts.dir, `${path.basename(src, '.xml')}-${tag}.xml`);
  writeFileSync(out, text);
  return out;
}

/** Starts sipp and returns at once; see runSipp() for the simple promise form. */
export async function startSipp(opts: SippOptions): Promise<SippRun> {
  const port = opts.port ?? (await freeUdpPort());
  const mediaPort = opts.mediaPort ?? (await freeMediaPort());
  const tag = `${port}`;
  const scenarioFile = prepareScenario(opts, tag);
  const isUas = !opts.target;
  const service = opts.service ?? (isUas ? `uas-${port}` : 'service');
  const errorFile = path.join(opts.dir, `sipp-${tag}-errors.log`);
  const args = [
    ...(opts.target ? [opts.target] : []),
    '-sf', scenarioFile,
    '-s', service,
    '-i', HOST,
    '-p', String(port),
    '-mi', HOST,
    '-mp', String(mediaPort),
    '-m', '1',
    '-l', '1',
    '-nostdin',
    '-timeout', `${opts.timeoutS ?? 30}s`,
    '-timeout_error',
    '-recv_timeout', '20000',
    '-trace_err', '-error_file', errorFile,
    '-key', 'from_hdr', fromHeader(opts.callerId ?? '+79123456789', opts.callerName),
    '-key', 'called', opts.calledNumber ?? '4950000000',
    '-d', String(opts.holdMs ?? 3000),
    ...(opts.args ?? []),
  ];
  installExitHook();
  const child = spawn(SIPP_BIN, args, { cwd: opts.dir, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  live.add(child);
  sipps.add(child);
  watchdog(child);
  let output = '';
  const onData = (d: Buffer) => {
    output += d.toString();
    if (output.length > 200_000) output = output.slice(-100_000);
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const result = new Promise<SippResult>((resolve) => {
    const done = (code: number | null) => {
      live.delete(child);
      sipps.delete(child);
      const errors = existsSync(errorFile) ? readFileSync(errorFile, 'utf8') : '';
      // keep the useful part of sipp's screen dump
      const text = output.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '');
      resolve({ code, output: `${text.slice(-6000)}${errors ? `\n--- sipp errors\n${errors.slice(-4000)}` : ''}` });
    };
    child.once('exit', (code) => done(code));
    child.once('error', (e) => {
      output += `\nspawn error: ${e.message}`;
      done(null);
    });
  });
  const ready = Promise.race([
    result.then((r) => {
      throw new Error(`sipp exited before it was ready (code ${r.code}):\n${r.output}`);
    }),
    until(`sipp on UDP ${port}`, 10_000, async () => ((await udpBindable(port)) ? undefined : true)),
  ]).then(() => undefined);
  ready.catch(() => undefined);
  return {
    port,
    user: service,
    ready,
    result,
    kill: async () => stopProcess(child, 1000),
  };
}

/** Kills every sipp still running (call it in afterEach: a failed test leaves its sipp waiting). */
export async function killAllSipp(): Promise<void> {
  await Promise.all([...sipps].map((c) => stopProcess(c, 500)));
}

/** Runs sipp to the end: `{ code, output }` (code 0 = the call succeeded). */
export async function runSipp(opts: SippOptions): Promise<SippResult> {
  const run = await startSipp(opts);
  return run.result;
}
