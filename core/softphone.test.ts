import { describe, expect, it } from 'vitest';
import {
  backoffMs,
  calledLine,
  callerFromSip,
  cleanDisplayName,
  DialRules,
  parseDialInput,
  renderDialString,
  SoftphoneAccountInput,
  targetUri,
} from './softphone.js';

const rules = (r: Partial<DialRules> = {}): DialRules => DialRules.parse(r);

describe('renderDialString', () => {
  it.each([
    ['+79123456789', {}, '89123456789'],
    ['+79123456789', { national: 'plus7' }, '+79123456789'],
    ['+79123456789', { national: '7' }, '79123456789'],
    ['+79123456789', { outboundPrefix: '9' }, '989123456789'],
    ['+442079460958', {}, '810442079460958'],
    ['+442079460958', { international: 'plus' }, '+442079460958'],
    ['+442079460958', { international: '00', outboundPrefix: '0' }, '000442079460958'],
  ] as const)('%s with %j → %s', (e164, r, dial) => {
    expect(renderDialString(e164, rules(r))).toBe(dial);
  });
});

describe('parseDialInput', () => {
  it.each(['+79123456789', '89123456789', '79123456789', '9123456789', '8 (912) 345-67-89'])('%s is one Russian mobile', (raw) => {
    expect(parseDialInput(raw, rules())).toEqual({ ok: true, target: { kind: 'phone', e164: '+79123456789', dial: '89123456789' } });
  });
  it('short digits are extensions', () => {
    expect(parseDialInput('101', rules())).toEqual({ ok: true, target: { kind: 'extension', dial: '101' } });
  });
  it('sip URIs pass as they are', () => {
    expect(parseDialInput('sip:anna@pbx.example', rules())).toEqual({ ok: true, target: { kind: 'sip', uri: 'sip:anna@pbx.example' } });
  });
  it.each(['', '   '])('empty %j', (raw) => expect(parseDialInput(raw, rules())).toEqual({ ok: false, error: 'empty' }));
  it.each(['12ab34', '8912345678901234', '+7912', '1', 'sip:nobody', '<script>', '+7 912 345 67 8x'])('rejects %j', (raw) => {
    expect(parseDialInput(raw, rules())).toEqual({ ok: false, error: 'invalid' });
  });
  it('builds the target URI in the account domain', () => {
    const r = parseDialInput('89123456789', rules());
    if (!r.ok) throw new Error('expected ok');
    expect(targetUri(r.target, 'pbx.example')).toBe('sip:89123456789@pbx.example');
  });
});

describe('caller identity', () => {
  it.each(['+79123456789', '89123456789', '79123456789', '9123456789'])('%s normalizes', (u) => {
    expect(callerFromSip(u, undefined).e164).toBe('+79123456789');
  });
  it('anonymous has no number', () => {
    expect(callerFromSip('anonymous', 'Anonymous')).toEqual({ e164: null, raw: '', name: 'Anonymous' });
  });
  it('display names lose markup and quotes', () => {
    expect(cleanDisplayName('<b>Иван</b> "Грозный" <img src=x onerror=alert(1)>')).toBe('Иван Грозный');
    expect(cleanDisplayName(`O'Brien\u0000\n`)).toBe('OBrien');
  });
  it('called line: X-Called-Number, then Diversion', () => {
    expect(calledLine({ xCalledNumber: '4951234567' })).toBe('+74951234567');
    expect(calledLine({ diversion: '<sip:4951234567@127.0.0.1>;reason=unconditional' })).toBe('+74951234567');
    expect(calledLine({})).toBeNull();
  });
});

describe('account', () => {
  it('fills defaults', () => {
    const a = SoftphoneAccountInput.parse({ servers: ['wss://pbx.example/ws'], sipUri: 'sip:101@pbx.example' });
    expect(a.dialRules.national).toBe('8');
    expect(a.iceServers).toEqual([]);
  });
  it.each([
    { servers: [], sipUri: 'sip:101@pbx.example' },
    { servers: ['http://pbx.example'], sipUri: 'sip:101@pbx.example' },
    { servers: ['wss://pbx.example'], sipUri: '101' },
  ])('refuses %j', (a) => expect(SoftphoneAccountInput.safeParse(a).success).toBe(false));
});

describe('backoff', () => {
  it('grows and caps', () => {
    expect(backoffMs(0, 0.5)).toBe(500);
    expect(backoffMs(3, 0.5)).toBe(4000);
    expect(backoffMs(20, 0.5)).toBe(10_000);
  });
});
