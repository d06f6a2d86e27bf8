// HTTP client for the CRM server. Every response is parsed with the core schema, and every
// failure becomes a PultError with a stable code the UI can translate.
import { z } from 'zod';
import { ApiErrorBody, PultError } from '../../core/errors.js';
import { API, ClaimResponse, LoginResponse, type ClaimRequest } from '../../core/http.js';
import { PULL_HEAD_HEADERS, PullHead, PullPage, PushResponse, type Mutation } from '../../core/sync.js';
import { User } from '../../core/domain.js';
import { Pipeline } from '../../core/domain.js';
import { ADMIN_PIPELINES_PATH, AdminPipelines, type CreatePipelineRequest, type SavePipelineRequest } from '../../core/pipeline-editor.js';
import { OkResponse, WALLBOARD_PATH, WALLBOARD_REASSIGN_PATH, WallboardSnapshot, agentStatePath, type ReassignRequest, type SetAgentStateRequest } from '../../core/wallboard.js';
import { MONITOR_PATHS, MonitorAgents, MonitorGrant, VerifiedMonitor, type MonitorRequest } from '../../core/monitor.js';
import { DuplicatesResponse, MergeResponse } from '../../core/duplicates.js';
import { REPORTS_PATH, ReportOptions, ReportResult, reportPath, type ReportName, type ReportRequest } from '../../core/reports.js';

export type FetchFn = typeof fetch;

export interface ServerClientOptions {
  fetch?: FetchFn;
  /** Auth calls should fail fast; sync pages may be larger. */
  timeoutMs?: number;
  syncTimeoutMs?: number;
}

/** Parses what a user typed as a server address; only http(s) with a host is accepted. */
export function parseServerUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new PultError('server.bad_url', 'Server address is not a valid URL', { serverUrl: 'server.bad_url' });
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !url.hostname || url.username || url.password) {
    throw new PultError('server.bad_url', 'Server address must be an http(s) URL', { serverUrl: 'server.bad_url' });
  }
  url.hash = '';
  url.search = '';
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url;
}

export type ServerClient = ReturnType<typeof createServerClient>;

export function createServerClient(serverUrl: string, opts: ServerClientOptions = {}) {
  const base = parseServerUrl(serverUrl);
  const doFetch = opts.fetch ?? fetch;
  const timeoutMs = opts.timeoutMs ?? 5_000;
  const syncTimeoutMs = opts.syncTimeoutMs ?? 30_000;
  let token: string | null = null;

  // API paths are absolute ('/api/...'); keep any path prefix of the configured base URL.
  const urlFor = (path: string) => new URL(path.replace(/^\//, ''), base);

  interface RequestInit {
    body?: unknown;
    query?: Record<string, string>;
    timeout?: number;
    isLogin?: boolean;
    /** Hears the headers of a successful answer before its body is read. */
    onHeaders?: (h: Headers) => void;
    /** Keep the successful body as bytes (a file download) instead of parsing JSON. */
    binary?: boolean;
  }
  type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

  async function request<S extends z.ZodTypeAny>(method: Method, path: string, schema: S, init: RequestInit = {}): Promise<z.infer<S>> {
    const { text } = await send(method, path, init);
    const parsed = schema.safeParse(safeJson(text));
    if (!parsed.success) throw new PultError('server.error', `Unexpected response from ${path}`);
    return parsed.data;
  }

  async function send(method: Method, path: string, init: RequestInit): Promise<{ res: Response; text: string; bytes: Buffer | null }> {
    const url = urlFor(path);
    for (const [k, v] of Object.entries(init.query ?? {})) url.searchParams.set(k, v);
    const headers: Record<string, string> = { accept: 'application/json' };
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    if (token && !init.isLogin) headers.authorization = `Bearer ${token}`;

    let res: Response | null = null;
    let text = '';
    let bytes: Buffer | null = null;
    // One quick retry for a non-timeout transport failure: a pooled keep-alive socket the server
    // (or a proxy) already closed fails the first request after a restart. Every call is safe to
    // repeat: pull reads, push is deduplicated by mutation id, login just issues another token.
    for (let attempt = 0; !res; attempt++) {
      try {
        res = await doFetch(url, {
          method,
          headers,
          body: init.body === undefined ? null : JSON.stringify(init.body),
          signal: AbortSignal.timeout(init.timeout ?? timeoutMs),
          redirect: 'error',
        });
        if (res.ok) init.onHeaders?.(res.headers);
        if (init.binary && res.ok) bytes = Buffer.from(await res.arrayBuffer());
        else text = await res.text();
      } catch (e) {
        res = null;
        const timedOut = e instanceof Error && e.name === 'TimeoutError';
        if (attempt === 0 && !timedOut) continue;
        // fetch rejects only for transport problems: refused, DNS, reset, TLS, our timeout.
        const why = timedOut ? 'timed out' : e instanceof Error ? e.message : 'network error';
        throw new PultError('server.unreachable', `Server ${base.origin} is unreachable: ${why}`);
      }
    }

    if (!res.ok) {
      const json = safeJson(text);
      if (res.status === 401) {
        throw init.isLogin
          ? new PultError('auth.invalid_credentials', 'Wrong login or password', { password: 'auth.invalid_credentials' })
          : new PultError('auth.session_expired', 'Session expired, log in again');
      }
      const body = ApiErrorBody.safeParse(json);
      if (body.success) throw new PultError(body.data.code, body.data.message, body.data.fields);
      throw new PultError('server.error', `Server answered HTTP ${res.status}`);
    }
    return { res, text, bytes };
  }

  /** A report's query string: only the parameters that are set. */
  const reportQuery = (q: ReportRequest, format?: 'csv' | 'xlsx'): Record<string, string> => {
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(q)) if (typeof v === 'string' && v !== '') out[k] = v;
    if (format) out.format = format;
    return out;
  };

  return {
    /** The normalized base URL (what the session remembers). */
    baseUrl: base.href.replace(/\/$/, ''),
    setToken(t: string | null): void {
      token = t;
    },
    login: (login: string, password: string) => request('POST', API.login, LoginResponse, { body: { login, password }, isLogin: true }),
    // Logout's answer carries nothing we need.
    logout: () => request('POST', API.logout, z.unknown()),
    me: () => request('GET', API.me, User),
    /**
     * One page after `cursor`. `continued`: the previous page of this run was just received.
     * `onHead` hears the page's cursor from the headers, before the body is read (if sent).
     */
    pull: (cursor: number, limit: number, opts: { continued?: boolean; onHead?: (head: PullHead) => void } = {}) =>
      request('GET', API.pull, PullPage, {
        query: { cursor: String(cursor), limit: String(limit), ...(opts.continued ? { continued: '1' } : {}) },
        timeout: syncTimeoutMs,
        onHeaders: (h) => {
          const head = PullHead.safeParse({ cursor: h.get(PULL_HEAD_HEADERS.cursor), hasMore: h.get(PULL_HEAD_HEADERS.hasMore) });
          if (head.success) opts.onHead?.(head.data);
        },
      }),
    push: (deviceId: string, mutations: Mutation[]) => request('POST', API.push, PushResponse, { body: { deviceId, mutations }, timeout: syncTimeoutMs }),
    reportOptions: () => request('GET', REPORTS_PATH, ReportOptions),
    /** The admin's pipeline editor (admins only; others get `forbidden`). */
    adminPipelines: () => request('GET', ADMIN_PIPELINES_PATH, AdminPipelines),
    savePipeline: (body: SavePipelineRequest) =>
      request('PUT', `${ADMIN_PIPELINES_PATH}/${encodeURIComponent(body.pipeline.id)}`, Pipeline, { body }),
    createPipeline: (body: CreatePipelineRequest) => request('POST', ADMIN_PIPELINES_PATH, Pipeline, { body }),
    customerDuplicates: () => request('GET', API.customerDuplicates, DuplicatesResponse, { timeout: syncTimeoutMs }),
    mergeCustomers: (keepId: string, dropId: string) => request('POST', API.customerMerge, MergeResponse, { body: { keepId, dropId } }),
    report: (name: ReportName, q: ReportRequest) => request('GET', reportPath(name), ReportResult, { query: reportQuery(q), timeout: syncTimeoutMs }),
    /** The report as a file (CSV or XLSX) the server made, with the name it suggests. */
    async reportFile(name: ReportName, q: ReportRequest, format: 'csv' | 'xlsx'): Promise<{ bytes: Buffer; fileName: string; mime: string }> {
      const { res, bytes } = await send('GET', reportPath(name), { query: reportQuery(q, format), timeout: syncTimeoutMs, binary: true });
      const fileName = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? `${name}.${format}`;
      return { bytes: bytes ?? Buffer.alloc(0), fileName, mime: res.headers.get('content-type') ?? 'application/octet-stream' };
    },
    wallboard: () => request('GET', WALLBOARD_PATH, WallboardSnapshot),
    setAgentState: (userId: string, body: SetAgentStateRequest) => request('POST', agentStatePath(userId), OkResponse, { body }),
    reassign: (body: ReassignRequest) => request('POST', WALLBOARD_REASSIGN_PATH, OkResponse, { body }),
    /** Call monitoring (supervisors and admins; `forbidden` for anyone else). */
    monitorStart: (req: MonitorRequest) => request('POST', MONITOR_PATHS.start, MonitorGrant, { body: req }),
    /** The monitored operator's client asks whether a grant from an INVITE is good for it. */
    monitorVerify: (grant: string) => request('POST', MONITOR_PATHS.verify, VerifiedMonitor, { body: { grant } }),
    monitorPublishAddress: (sipUri: string | null) => request('POST', MONITOR_PATHS.address, z.object({ ok: z.literal(true) }), { body: { sipUri } }),
    monitorAgents: () => request('GET', MONITOR_PATHS.agents, MonitorAgents),
    /** Takes or renews a claim («Звонит Ирина»); `claim.taken` (fields.holder) when someone else has it. */
    takeClaim: (claim: ClaimRequest) => request('POST', API.claims, ClaimResponse, { body: claim }),
    releaseClaim: (claim: ClaimRequest) => request('DELETE', API.claims, z.object({ ok: z.literal(true) }), { body: claim }),
    /** ws(s):// URL of the live channel; the token goes in the query (browsers can't set headers on WS). */
    liveUrl(opts: { wallboard?: boolean } = {}): string {
      const u = urlFor(API.live);
      u.protocol = u.protocol === 'https:' ? 'wss:' : 'ws:';
      if (token) u.searchParams.set('token', token);
      // Supervisors and admins also receive every agent's state (the wallboard).
      if (opts.wallboard) u.searchParams.set('wallboard', '1');
      return u.href;
    },
  };
}

function safeJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
