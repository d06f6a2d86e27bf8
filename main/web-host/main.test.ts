// The CLI as the e2e runner starts it: READY line, a real login over the bridge, clean SIGTERM.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { freePort, startWebHost, type Started } from '../../scripts/proc.js';
import { OPERATOR } from '../../db/test-fixtures.js';
import { startFakeCrm, type FakeCrm } from '../services/fake-crm-server.js';

let dir: string;
let crm: FakeCrm;
let proc: Started;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pult-cli-'));
  crm = await startFakeCrm([{ user: OPERATOR, password: 'secret' }]);
  proc = await startWebHost({ port: await freePort(), dataDir: dir, serverUrl: crm.url, token: 'cli-test-token-123' });
}, 60_000);
afterAll(async () => {
  await proc?.stop();
  await crm?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('web host CLI', () => {
  it('prints the READY url, serves the bridge with the real app core, and exits cleanly on SIGTERM', async () => {
    const url = new URL(proc.url);
    expect(url.hostname).toBe('127.0.0.1');
    expect(url.searchParams.get('token')).toBe('cli-test-token-123');

    const ws = new WebSocket(`ws://${url.host}/bridge?token=cli-test-token-123`, { origin: url.origin });
    await new Promise((r, j) => ws.once('open', r).once('error', j));
    const ask = (id: number, method: string, input: unknown) =>
      new Promise<unknown>((resolve) => {
        const on = (d: WebSocket.RawData) => {
          const msg = JSON.parse(String(d)) as { id?: number };
          if (msg.id === id) {
            ws.off('message', on);
            resolve(msg);
          }
        };
        ws.on('message', on);
        ws.send(JSON.stringify({ id, method, input }));
      });
    expect(await ask(1, 'app.info', {})).toMatchObject({ id: 1, result: { ok: true, value: { mode: 'web', defaultServerUrl: crm.url } } });
    expect(await ask(2, 'session.login', { serverUrl: crm.url, login: 'anna', password: 'secret' })).toMatchObject({
      id: 2,
      result: { ok: true, value: { user: OPERATOR } },
    });
    expect(fs.existsSync(path.join(dir, `cache-${OPERATOR.id}.sqlite`))).toBe(true);
    ws.close();

    const exited = new Promise<number | null>((r) => proc.child.once('exit', (code) => r(code)));
    proc.child.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 30_000);
});
