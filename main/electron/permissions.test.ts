import { describe, expect, it } from 'vitest';
import { installPermissionHandlers, isPermissionAllowed, type PermissionSession } from './permissions.js';

describe('isPermissionAllowed', () => {
  it('grants the microphone to the app, never the camera', () => {
    expect(isPermissionAllowed({ permission: 'media', requester: 'app://pult/index.html', mediaTypes: ['audio'] })).toBe(true);
    expect(isPermissionAllowed({ permission: 'media', requester: 'app://pult/', mediaTypes: ['audio', 'video'] })).toBe(false);
    expect(isPermissionAllowed({ permission: 'media', requester: 'app://pult/', mediaTypes: [] })).toBe(false);
  });
  it('denies everything to foreign origins and unknown permissions', () => {
    expect(isPermissionAllowed({ permission: 'media', requester: 'https://evil.example/', mediaTypes: ['audio'] })).toBe(false);
    expect(isPermissionAllowed({ permission: 'notifications', requester: 'app://pult.evil' })).toBe(false);
    for (const p of ['geolocation', 'display-capture', 'openExternal', 'hid', 'usb', 'serial', 'clipboard-read']) {
      expect(isPermissionAllowed({ permission: p, requester: 'app://pult/' })).toBe(false);
    }
    expect(isPermissionAllowed({ permission: 'notifications', requester: 'app://pult' })).toBe(true);
  });
});

describe('installPermissionHandlers', () => {
  it('wires request and check handlers to the policy', () => {
    const got: {
      req?: Parameters<PermissionSession['setPermissionRequestHandler']>[0];
      check?: Parameters<PermissionSession['setPermissionCheckHandler']>[0];
    } = {};
    installPermissionHandlers({ setPermissionRequestHandler: (h) => (got.req = h), setPermissionCheckHandler: (h) => (got.check = h) });
    const req = got.req!;
    const check = got.check!;
    const answers: boolean[] = [];
    req(null, 'media', (g) => answers.push(g), { requestingUrl: 'app://pult/', mediaTypes: ['audio'] });
    req(null, 'media', (g) => answers.push(g), { requestingUrl: 'app://pult/', mediaTypes: ['video'] });
    req(null, 'geolocation', (g) => answers.push(g), { requestingUrl: 'app://pult/' });
    expect(answers).toEqual([true, false, false]);
    expect(check(null, 'media', 'app://pult', { mediaType: 'audio' })).toBe(true);
    expect(check(null, 'media', 'app://pult', { mediaType: 'video' })).toBe(false);
    expect(check(null, 'media', 'https://evil.example', { mediaType: 'audio' })).toBe(false);
  });
});
