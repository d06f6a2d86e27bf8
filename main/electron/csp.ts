// Content-Security-Policy for the app page. Sent as a response header by the app:// protocol
// handler (app-protocol.ts), so it covers every document the app loads; no inline script,
// no eval, and the network reachable from the renderer is an explicit list.
export interface CspOptions {
  /** The configured CRM server (http/https); its origin is added to connect-src. */
  crmServerUrl?: string | null;
  /** PBX WebSocket endpoints (ws/wss) for the softphone; their origins go to connect-src. */
  pbxWebSocketUrls?: readonly string[];
}

function originOf(url: string, allowed: readonly string[]): string | null {
  try {
    const u = new URL(url);
    // Garbage or an unexpected scheme never widens the policy.
    if (!allowed.includes(u.protocol) || u.hostname === '' || u.username !== '' || u.password !== '') return null;
    return u.origin;
  } catch {
    return null;
  }
}

export function buildCsp(opts: CspOptions = {}): string {
  const connect = new Set<string>(["'self'"]);
  const crm = opts.crmServerUrl ? originOf(opts.crmServerUrl, ['https:', 'http:']) : null;
  if (crm) connect.add(crm);
  for (const ws of opts.pbxWebSocketUrls ?? []) {
    const o = originOf(ws, ['wss:', 'ws:']);
    if (o) connect.add(o);
  }
  const directives: Array<[string, string]> = [
    ['default-src', "'none'"],
    ['script-src', "'self'"], // no 'unsafe-inline', no 'unsafe-eval'
    ['style-src', "'self'"], // React style={} uses CSSOM, which CSP does not block
    ['img-src', "'self' data: blob:"],
    ['font-src', "'self'"],
    ['media-src', "'self' blob:"], // ringtones; WebRTC audio uses srcObject and needs nothing
    ['connect-src', [...connect].join(' ')],
    ['worker-src', "'self'"],
    ['manifest-src', "'self'"],
    ['object-src', "'none'"],
    ['frame-src', "'none'"],
    ['frame-ancestors', "'none'"],
    ['base-uri', "'none'"],
    ['form-action', "'none'"],
  ];
  return directives.map(([k, v]) => `${k} ${v}`).join('; ');
}

/** Headers sent with every app:// response. */
export function securityHeaders(csp: string): Record<string, string> {
  return {
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Referrer-Policy': 'no-referrer',
  };
}
