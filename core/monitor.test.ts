import { describe, expect, it } from 'vitest';
import { canMonitor, GrantToken, MonitorRequest } from './monitor.js';
import { MonitorDialStrings, renderMonitorDial, SoftphoneAccountInput } from './softphone.js';

describe('call monitoring rules', () => {
  it('only supervisors and admins monitor', () => {
    expect(canMonitor('supervisor')).toBe(true);
    expect(canMonitor('admin')).toBe(true);
    expect(canMonitor('operator')).toBe(false);
    expect(canMonitor('technician')).toBe(false);
  });

  it('requests and grants are checked at the boundary', () => {
    expect(MonitorRequest.safeParse({ agentUserId: '01900000-0000-7000-8000-000000000002', mode: 'barge' }).success).toBe(true);
    expect(MonitorRequest.safeParse({ agentUserId: '01900000-0000-7000-8000-000000000002', mode: 'record' }).success).toBe(false);
    expect(GrantToken.safeParse('eyJ2IjoxfQ.c2lnbmF0dXJlLXNpZ25hdHVyZQ').success).toBe(true);
    // Nothing that could break out of a SIP header line.
    expect(GrantToken.safeParse('eyJ2IjoxfQ.c2ln\r\nX-Evil: 1').success).toBe(false);
  });
});

describe('PBX monitoring feature codes', () => {
  const codes = MonitorDialStrings.parse({ listen: '*222{ext}', whisper: '*223{ext}', barge: '' });

  it('renders the code for the mode with the operator extension', () => {
    expect(renderMonitorDial(codes, 'listen', '201')).toBe('*222201');
    expect(renderMonitorDial(codes, 'whisper', '201')).toBe('*223201');
    expect(renderMonitorDial({ listen: '#90{ext}#' }, 'listen', '5001')).toBe('#905001#');
  });

  it('no code for the mode (or no codes at all) means Pult monitors by itself', () => {
    expect(renderMonitorDial(codes, 'barge', '201')).toBeNull();
    expect(renderMonitorDial(undefined, 'listen', '201')).toBeNull();
  });

  it('refuses templates without {ext} or with letters, and odd extensions', () => {
    expect(MonitorDialStrings.safeParse({ listen: '*222' }).success).toBe(false);
    expect(MonitorDialStrings.safeParse({ listen: 'spy{ext}' }).success).toBe(false);
    expect(renderMonitorDial({ listen: '*222' }, 'listen', '201')).toBeNull();
    expect(renderMonitorDial(codes, 'listen', '20 1')).toBeNull();
    expect(renderMonitorDial(codes, 'listen', '')).toBeNull();
  });

  it('is an optional part of the softphone account', () => {
    const base = { servers: ['wss://pbx.example/ws'], sipUri: 'sip:101@pbx.example' };
    expect(SoftphoneAccountInput.parse(base).monitorDialStrings).toBeUndefined();
    expect(SoftphoneAccountInput.parse({ ...base, monitorDialStrings: { listen: '*222{ext}' } }).monitorDialStrings).toEqual({ listen: '*222{ext}', whisper: '', barge: '' });
  });
});
