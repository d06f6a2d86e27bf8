import { describe, expect, it } from 'vitest';
import { findDialLinkInArgv, parseDialLink, parseDialText } from './dial-links.js';

const phone = (p: string) => ({ ok: true, target: { kind: 'phone', phone: p } });

describe('parseDialLink', () => {
  it.each([
    ['tel:+7 (912) 345-67-89', '+79123456789'],
    ['tel:+7%20(912)%20345-67-89', '+79123456789'],
    ['tel:89123456789', '+79123456789'],
    ['TEL:+79123456789', '+79123456789'],
    ['callto://89123456789', '+79123456789'],
    ['callto:+7-912-345-67-89', '+79123456789'],
    ['tel://9123456789', '+79123456789'],
    ['sip:89123456789', '+79123456789'],
  ])('%s → %s', (link, e164) => {
    expect(parseDialLink(link)).toEqual(phone(e164));
  });

  it('sip:ivan@pbx → a SIP address with user and host only', () => {
    expect(parseDialLink('sip:ivan@pbx')).toEqual({ ok: true, target: { kind: 'sip', uri: 'sip:ivan@pbx' } });
    expect(parseDialLink('sip:101@PBX.Example.ru:5060')).toEqual({ ok: true, target: { kind: 'sip', uri: 'sip:101@pbx.example.ru:5060' } });
  });

  it.each([
    ['tel:javascript:alert(1)', 'forbidden_chars'],
    ['javascript:alert(1)', 'unknown_scheme'],
    ['https://evil.example/tel:+79123456789', 'unknown_scheme'],
    ['file:///etc/passwd', 'unknown_scheme'],
    ['tel:', 'not_a_phone'],
    ['tel:123', 'not_a_phone'],
    ['tel:+7912\r\n3456789', 'control_chars'],
    ['tel:+7912%0d%0a3456789', 'control_chars'],
    ['tel:+79123456789%00', 'control_chars'],
    ['tel:+7912\u202e3456789', 'control_chars'],
    ['tel:%E0%A4%A', 'bad_encoding'],
    ['tel:%2537912', 'bad_encoding'],
    ['tel:+79123456789;ext=1', 'forbidden_chars'],
    ['tel:+79123456789?body=x', 'forbidden_chars'],
    ['sip:ivan@pbx?Subject=free%20money', 'forbidden_chars'],
    ['sip:ivan@pbx%0d%0aVia:%20evil', 'control_chars'],
    ['sip:ivan@pbx;transport=tcp', 'forbidden_chars'],
    ['sip:iv an@pbx', 'bad_sip_address'],
    ['sip:ivan@pbx@evil', 'bad_sip_address'],
    ['sip:ivan@-pbx', 'bad_sip_address'],
    ['sip:ivan@pbx:99999', 'bad_sip_address'],
    ['sip:@pbx', 'bad_sip_address'],
    ['callto:skype.user.name', 'forbidden_chars'],
    ['tel:+7 912 345 67 89 ' + 'x'.repeat(300), 'too_long'],
  ])('refuses %j (%s)', (link, reason) => {
    expect(parseDialLink(link)).toEqual({ ok: false, reason });
  });

  it('refuses a 1 MB string at once, and non-strings', () => {
    const t0 = performance.now();
    expect(parseDialLink('tel:+7' + '9'.repeat(1024 * 1024))).toEqual({ ok: false, reason: 'too_long' });
    expect(performance.now() - t0).toBeLessThan(50);
    expect(parseDialLink(undefined)).toEqual({ ok: false, reason: 'not_a_string' });
    expect(parseDialLink({ toString: () => 'tel:+79123456789' })).toEqual({ ok: false, reason: 'not_a_string' });
  });
});

describe('parseDialText (hotkey selection / clipboard)', () => {
  it('takes a written number or a link', () => {
    expect(parseDialText('  8 (912) 345-67-89\n')).toEqual(phone('+79123456789'));
    expect(parseDialText('tel:+79123456789')).toEqual(phone('+79123456789'));
  });
  it('refuses prose, multi-line and oversized text', () => {
    expect(parseDialText('позвонить Ивану')).toEqual({ ok: false, reason: 'forbidden_chars' });
    expect(parseDialText('+79123456789\n+79990000000')).toEqual({ ok: false, reason: 'control_chars' });
    expect(parseDialText('9'.repeat(5000))).toEqual({ ok: false, reason: 'too_long' });
  });
});

describe('findDialLinkInArgv', () => {
  it('finds the link after the executable and flags (Windows/Linux hand-off)', () => {
    expect(findDialLinkInArgv(['C:\\Pult\\Pult.exe', '--allow-file-access-from-files', '--', 'tel:+79123456789'])).toBe('tel:+79123456789');
    expect(findDialLinkInArgv(['/opt/Pult/pult', 'callto://89123456789'])).toBe('callto://89123456789');
  });
  it('ignores flags that merely contain a scheme and argv without a link', () => {
    expect(findDialLinkInArgv(['pult', '--x=tel:+79123456789'])).toBeNull();
    expect(findDialLinkInArgv(['pult', 'C:\\docs\\file.txt'])).toBeNull();
  });
});
