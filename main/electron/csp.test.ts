import { describe, expect, it } from 'vitest';
import { buildCsp, securityHeaders } from './csp.js';

const directive = (csp: string, name: string) => csp.split('; ').find((d) => d.startsWith(`${name} `));

describe('buildCsp', () => {
  it('allows only own scripts, no eval or inline', () => {
    const csp = buildCsp();
    expect(directive(csp, 'script-src')).toBe("script-src 'self'");
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).not.toContain('unsafe-inline');
    expect(directive(csp, 'default-src')).toBe("default-src 'none'");
    expect(directive(csp, 'object-src')).toBe("object-src 'none'");
    expect(directive(csp, 'frame-src')).toBe("frame-src 'none'");
    expect(directive(csp, 'connect-src')).toBe("connect-src 'self'");
  });

  it('adds the CRM origin and PBX WebSocket origins to connect-src only', () => {
    const csp = buildCsp({ crmServerUrl: 'https://crm.example.ru/api/v1?x=1', pbxWebSocketUrls: ['wss://pbx.example.ru:8089/ws'] });
    expect(directive(csp, 'connect-src')).toBe("connect-src 'self' https://crm.example.ru wss://pbx.example.ru:8089");
    expect(directive(csp, 'script-src')).toBe("script-src 'self'");
  });

  it('never widens the policy on garbage or wrong schemes', () => {
    const csp = buildCsp({ crmServerUrl: "javascript:alert(1)'; script-src *", pbxWebSocketUrls: ['https://pbx/', '*', 'wss://u:p@pbx/'] });
    expect(directive(csp, 'connect-src')).toBe("connect-src 'self'");
    expect(csp).not.toContain('*');
  });

  it('ships with the hardening headers', () => {
    expect(securityHeaders('x')).toMatchObject({ 'Content-Security-Policy': 'x', 'X-Content-Type-Options': 'nosniff' });
  });
});
