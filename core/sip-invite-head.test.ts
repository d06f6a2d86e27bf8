import { describe, expect, it } from 'vitest';
import { readInviteHead } from './sip-invite-head.js';

const invite = (headers: string[]) =>
  ['INVITE sip:100200@127.0.0.1:5060;transport=ws SIP/2.0', 'Via: SIP/2.0/WS 127.0.0.1:8080;branch=z9hG4bK1', ...headers, 'Content-Length: 3', '', 'v=0'].join('\r\n');

describe('readInviteHead', () => {
  it('reads caller, name, call id and the called line', () => {
    const h = readInviteHead(
      invite([
        'From: "Иван Петров" <sip:+79123456789@pstn.example>;tag=abc',
        'To: <sip:100200@127.0.0.1>',
        'Call-ID: 42-abc@host',
        'X-Called-Number: 84951234567',
        'Diversion: <sip:74950000000@pbx>;reason=unconditional',
        'Diversion: <sip:74951111111@pbx>;reason=unconditional',
      ]),
    );
    expect(h).toEqual({
      callId: '42-abc@host',
      fromUser: '+79123456789',
      fromHost: 'pstn.example',
      displayName: 'Иван Петров',
      toUser: '100200',
      xCalledNumber: '84951234567',
      diversion: '<sip:74950000000@pbx>;reason=unconditional',
      privacyId: false,
    });
  });

  it('knows compact headers, unquoted names and bare URIs', () => {
    const h = readInviteHead(invite(['f: Sipp Caller <sip:89123456789@127.0.0.1:5070>;tag=1', 't: sip:100200@127.0.0.1', 'i: x1']));
    expect(h).toMatchObject({ callId: 'x1', fromUser: '89123456789', displayName: 'Sipp Caller', toUser: '100200' });
    const bare = readInviteHead(invite(['From: sip:9123456789@h;tag=1', 'To: <sip:100200@h>', 'Call-ID: x2']));
    expect(bare).toMatchObject({ fromUser: '9123456789', displayName: '', fromHost: 'h' });
  });

  it('unescapes quoted names and reads anonymous callers and Privacy', () => {
    const h = readInviteHead(invite(['From: "A \\"B\\"" <sip:anonymous@anonymous.invalid>;tag=1', 'To: <sip:1@h>', 'Call-ID: x3', 'Privacy: id']));
    expect(h).toMatchObject({ displayName: 'A "B"', fromUser: 'anonymous', fromHost: 'anonymous.invalid', privacyId: true });
  });

  it('leaves re-INVITEs, transfers and odd messages to SIP.js', () => {
    expect(readInviteHead(invite(['From: <sip:1@h>;tag=1', 'To: <sip:2@h>;tag=9', 'Call-ID: x']))).toBeNull(); // in-dialog
    expect(readInviteHead(invite(['From: <sip:1@h>;tag=1', 'To: <sip:2@h>', 'Call-ID: x', 'Replaces: a;to-tag=b;from-tag=c']))).toBeNull();
    expect(readInviteHead(invite(['From: <sip:1@h>;tag=1', 'To: <sip:2@h>']))).toBeNull(); // no Call-ID
    expect(readInviteHead(invite(['From: <sip:1@h>;tag=1', ' folded', 'To: <sip:2@h>', 'Call-ID: x']))).toBeNull();
    expect(readInviteHead(invite(['From: <sip:%E0%A4%A@h>;tag=1', 'To: <sip:2@h>', 'Call-ID: x']))).toBeNull(); // bad escape
    expect(readInviteHead(invite(['From: garbage', 'To: <sip:2@h>', 'Call-ID: x']))).toBeNull();
    expect(readInviteHead('SIP/2.0 200 OK\r\n\r\n')).toBeNull();
  });
});
