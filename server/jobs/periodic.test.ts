import { describe, expect, it } from 'vitest';
import { silentLogger } from '../logger.js';
import { periodic } from './periodic.js';

describe('periodic background passes', () => {
  it('never runs two passes at once; a caller joins the running one', async () => {
    let release: (n: number) => void = () => undefined;
    let calls = 0;
    const job = periodic('test', silentLogger(), () => {
      calls++;
      return new Promise<number>((r) => (release = r));
    });
    const a = job.run();
    const b = job.run(async () => 99);
    release(3);
    expect(await a).toBe(3);
    expect(await b).toBe(3);
    expect(calls).toBe(1);
    expect(await job.run(async () => 7)).toBe(7);
  });
  it('runs on its interval until stopped, and a failing pass does not stop it', async () => {
    let calls = 0;
    const job = periodic('test', silentLogger(), async () => {
      calls++;
      if (calls === 1) throw new Error('boom');
      return 0;
    });
    job.start(5);
    for (let waited = 0; calls < 2 && waited < 5_000; waited += 10) await new Promise((r) => setTimeout(r, 10));
    await job.stop();
    const seen = calls;
    expect(seen).toBeGreaterThanOrEqual(2);
    await new Promise((r) => setTimeout(r, 30));
    expect(calls).toBe(seen);
  });
});
