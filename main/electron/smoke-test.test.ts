import { describe, expect, it, vi } from 'vitest';
import { createSmokeTest, isSmokeTest } from './smoke-test.js';

function setup() {
  const exit = vi.fn();
  let timer: () => void = () => {};
  const smoke = createSmokeTest({ exit, logger: { info: vi.fn(), error: vi.fn() }, setTimer: (fn) => void (timer = fn) });
  return { smoke, exit, fireTimeout: () => timer() };
}

describe('--smoke-test decision', () => {
  it('detects the flag', () => {
    expect(isSmokeTest(['Pult.exe', '--smoke-test'])).toBe(true);
    expect(isSmokeTest(['Pult.exe', 'tel:--smoke-test'])).toBe(false);
  });
  it('exits 0 once the window exists, the page loaded and window.pult is there', () => {
    const { smoke, exit, fireTimeout } = setup();
    smoke.windowCreated();
    smoke.pageLoaded();
    smoke.bridgeChecked(true);
    fireTimeout();
    expect(exit.mock.calls).toEqual([[0]]);
  });
  it('exits 1 without the bridge, on a load failure, or on timeout', () => {
    const a = setup();
    a.smoke.windowCreated();
    a.smoke.pageLoaded();
    a.smoke.bridgeChecked(false);
    expect(a.exit.mock.calls).toEqual([[1]]);
    const b = setup();
    b.smoke.windowCreated();
    b.smoke.fail('did-fail-load -6');
    b.smoke.bridgeChecked(true);
    expect(b.exit.mock.calls).toEqual([[1]]);
    const c = setup();
    c.fireTimeout();
    expect(c.exit.mock.calls).toEqual([[1]]);
    const d = setup();
    d.smoke.bridgeChecked(true); // no window: not a pass
    expect(d.exit.mock.calls).toEqual([[1]]);
  });
});
