// The one API between the renderer and the main side. Implemented twice: by preload over
// Electron IPC and by the browser-mode WebSocket bridge. Every request and event is here.
import { z } from 'zod';
import { Call, CallDirection, CallOutcome, Callback, Customer, E164, Id, Order, OrderNote, Pipeline, PipelineStage, Timestamp, User } from './domain.js';
import { ApiErrorBody, type Result } from './errors.js';
import { CatalogSearchInput, CatalogSearchResult } from './catalog.js';
import { DuplicateGroup, MergeRequest } from './duplicates.js';
import { DesktopNotice, DialRequest, MicrophoneAccess, NoticeAction, PhoneState, SystemResumed } from './desktop.js';
import { AdminPipelines, CreatePipelineRequest, SavePipelineRequest } from './pipeline-editor.js';
import { ReportFile, ReportName, ReportOptions, ReportRequest, ReportResult } from './reports.js';
import { SaveAccountInput, SipUri, SoftphoneAccountView } from './softphone.js';
import { GrantToken, MonitorAgent, MonitorGrant, MonitorRequest, VerifiedMonitor } from './monitor.js';
import { FailureReason } from './reasons.js';
import { TodoItem } from './todo.js';
import { CallLeadArgs } from './sync.js';
import { AgentState, AgentStatus, AgentView } from './agent-state.js';
import { ReassignRequest, SetAgentStateRequest, WallboardSnapshot } from './wallboard.js';

/** A call as the screen pop and the customer card list it. */
export const RecentCall = z.object({
  id: Id,
  direction: CallDirection,
  outcome: CallOutcome,
  startedAt: Timestamp,
  durationSec: z.number().int().nonnegative(),
  note: z.string().max(10_000),
  pending: z.boolean(),
});
export type RecentCall = z.infer<typeof RecentCall>;

export const SyncState = z.enum(['idle', 'syncing', 'offline', 'error', 'logged_out']);
export const SyncStatus = z.object({
  state: SyncState,
  /** Local changes not yet confirmed by the server. */
  pending: z.number().int().nonnegative(),
  lastSyncAt: z.string().nullable(),
  /** Set when the last push rejected something, in the user's words via the code. */
  lastError: ApiErrorBody.nullable(),
  /** Rows received so far / about how many in all, while a first sync (or a rebuild) runs. */
  progress: z.object({ done: z.number().int().nonnegative(), total: z.number().int().nonnegative() }).nullable().optional(),
  /**
   * Local changes the server refused, in the user's words via the code, with what they typed
   * kept (a refused note keeps its text). The operator dismisses them.
   */
  rejected: z
    .array(z.object({ id: z.string(), name: z.string(), targetId: z.string(), error: ApiErrorBody, text: z.string().nullable() }))
    .optional(),
});
export type SyncStatus = z.infer<typeof SyncStatus>;

/** «Звонит Ирина»: who is working this order now, as the cache last heard (live). */
export const ClaimView = z.object({
  userId: Id,
  holderName: z.string(),
  expiresAt: Timestamp,
  /** True when it is the signed-in user's own claim. */
  mine: z.boolean(),
});
export type ClaimView = z.infer<typeof ClaimView>;

export const OrderListItem = z.object({
  order: Order,
  customer: Customer.nullable(),
  stage: PipelineStage.nullable(),
  /** A claim that had not expired when the list was read (the view checks the time again). */
  claim: ClaimView.nullable().optional(),
  /** True while a local change to this order waits for the server. */
  pending: z.boolean(),
});
export type OrderListItem = z.infer<typeof OrderListItem>;

/** A note as the card shows it: confirmed by the server, or still waiting (pending). */
export const OrderNoteView = OrderNote.extend({ pending: z.boolean() });
export type OrderNoteView = z.infer<typeof OrderNoteView>;

export const OrderDetails = z.object({
  order: Order,
  customer: Customer.nullable(),
  pipeline: Pipeline,
  stage: PipelineStage.nullable(),
  /** Stages this user may move the order to now (core rule, applied locally). */
  nextStages: z.array(PipelineStage),
  claim: ClaimView.nullable().optional(),
  /** Reasons this user may give when closing the order as failed (core/reasons.ts, by role). */
  reasons: z.array(FailureReason),
  pending: z.boolean(),
  /** Oldest first; pending ones are the operator's own, not yet confirmed. */
  notes: z.array(OrderNoteView).optional(),
});
export type OrderDetails = z.infer<typeof OrderDetails>;

/** A call in the customer card: confirmed by the server, or logged here and still waiting. */
export const CallLogEntry = Call.extend({ pending: z.boolean() });
export type CallLogEntry = z.infer<typeof CallLogEntry>;

/** The customer card: who, their orders (open first), their last calls and open callbacks. */
export const CustomerDetails = z.object({
  customer: Customer,
  orders: z.array(OrderListItem),
  calls: z.array(CallLogEntry),
  callbacks: z.array(Callback),
});
export type CustomerDetails = z.infer<typeof CustomerDetails>;

export const SessionInfo = z.object({
  user: User,
  serverUrl: z.string(),
});
export type SessionInfo = z.infer<typeof SessionInfo>;

const method = <I extends z.ZodTypeAny, O extends z.ZodTypeAny>(input: I, output: O) => ({ input, output });
const none = z.object({}).strict();

export const contract = {
  'app.info': method(none, z.object({ version: z.string(), mode: z.enum(['electron', 'web']), defaultServerUrl: z.string() })),
  'session.login': method(
    // Raw user input: the main side validates it and answers with a precise error code.
    z.object({ serverUrl: z.string().max(2000), login: z.string().max(200), password: z.string().max(200) }),
    SessionInfo,
  ),
  'session.current': method(none, SessionInfo.nullable()),
  'session.logout': method(none, z.object({ ok: z.literal(true) })),
  'orders.list': method(z.object({ scope: z.enum(['mine', 'all']) }), z.array(OrderListItem)),
  'orders.get': method(z.object({ id: Id }), OrderDetails),
  'orders.changeStage': method(
    // `reason`: required (core/reasons.ts) when the target is a failure stage.
    z.object({ orderId: Id, toStageId: z.string().min(1).max(64), reason: z.string().min(1).max(64).optional() }),
    OrderDetails,
  ),
  /**
   * Opening an order takes its claim on the server (online only), and renews it while the card
   * stays open. `taken`: this user holds it now; otherwise `holderName` says who does.
   */
  'orders.claim': method(z.object({ orderId: Id }), z.object({ taken: z.boolean(), holderName: z.string().nullable() })),
  /** Closing the card lets the claim go (it would expire by itself in a few minutes). */
  'orders.release': method(z.object({ orderId: Id }), z.object({ ok: z.literal(true) })),
  'orders.addNote': method(z.object({ orderId: Id, text: z.string().max(10_000) }), OrderDetails),
  /** The visit time agreed with the customer (null clears it); works offline, reminders follow on the server. */
  'orders.setAppointment': method(z.object({ orderId: Id, appointmentAt: Timestamp.nullable() }), OrderDetails),
  /** The screen pop's form for an unknown caller: a new customer's request becomes an order. */
  'leads.fromCall': method(CallLeadArgs.omit({ orderId: true }), z.object({ orderId: Id })),
  'calls.log': method(
    z.object({
      /** UUIDv7 of the call when the caller made one; the main side makes one otherwise. */
      id: Id.optional(),
      direction: CallDirection,
      outcome: CallOutcome,
      phone: E164.nullable(),
      customerId: Id.nullable(),
      orderId: Id.nullable(),
      startedAt: Timestamp,
      durationSec: z.number().int().nonnegative(),
      note: z.string().max(10_000),
      /** The company line the customer dialled (incoming calls), for the by-channel report. */
      calledNumber: E164.nullable().optional(),
    }),
    z.object({ id: Id }),
  ),
  'presence.set': method(z.object({ onCall: z.boolean() }), z.object({ ok: z.literal(true) })),
  /** This user's agent state as the phone and their clicks make it; sent live to the server. */
  'agent.setState': method(AgentStatus, z.object({ ok: z.literal(true) })),
  /** The supervisor's wallboard from the CRM server (supervisors and admins; others get `forbidden`). */
  'wallboard.get': method(none, WallboardSnapshot),
  /** A supervisor puts an agent on a break, «не на месте» or back to available. */
  'wallboard.setAgentState': method(SetAgentStateRequest.extend({ userId: Id }), z.object({ ok: z.literal(true) })),
  /** A supervisor gives an open order or callback to another operator. */
  'wallboard.reassign': method(ReassignRequest, z.object({ ok: z.literal(true) })),
  'sync.dismissRejected': method(z.object({ id: z.string().max(64) }), z.object({ ok: z.literal(true) })),
  'customers.findByPhone': method(
    z.object({ phone: z.string().max(64) }),
    z
      .object({
        customer: Customer,
        openOrders: z.array(Order),
        /** Order id → its current stage, for the screen pop (absent from older main sides). */
        stages: z.record(z.string(), PipelineStage).optional(),
        /** Order id → the stages this user may move it to now, offered as buttons in the screen pop. */
        nextStages: z.record(z.string(), z.array(PipelineStage)).optional(),
        /** The last calls with this number, newest first (pending = not yet on the server). */
        lastCalls: z.array(RecentCall).max(10).optional(),
      })
      .nullable(),
  ),
  /** «Что делать сейчас»: callbacks and orders waiting for this user, most urgent first (local cache). */
  'home.todo': method(none, z.array(TodoItem)),
  'customers.get': method(z.object({ id: Id }), CustomerDetails),
  /** Phone digits (any Russian form, a prefix is enough) or parts of a name; local cache. */
  'customers.search': method(z.object({ text: z.string().max(200) }), z.array(Customer)),
  /** The catalog from the local cache: every word a prefix («смес», «grohe 332»), priced for `city`. */
  'catalog.search': method(CatalogSearchInput, CatalogSearchResult),
  /** Cities that have prices of their own in the cached catalog, for the operator's choice. */
  'catalog.cities': method(none, z.object({ cities: z.array(z.string()) })),
  'sync.status': method(none, SyncStatus),
  'sync.now': method(none, SyncStatus),
  /** A dial request that arrived before the renderer listened (link that started the app); taken once. */
  'desktop.takeDialRequest': method(none, DialRequest.nullable()),
  /** The softphone's state: drives the tray, bringing the window forward, and update gating. */
  'desktop.phoneState': method(z.object({ state: PhoneState }).strict(), z.object({ ok: z.literal(true) })),
  /** A native notification (incoming/missed call, overdue callback); shown=false where there is none. */
  'desktop.notify': method(DesktopNotice.strict(), z.object({ shown: z.boolean() })),
  /** Asks the OS for the microphone before the first call (macOS prompt); 'unknown' in browser mode. */
  'desktop.microphoneAccess': method(none, z.object({ status: MicrophoneAccess })),
  /** The softphone account without its password (null until one is saved). */
  'phone.getAccount': method(none, SoftphoneAccountView.nullable()),
  'phone.saveAccount': method(SaveAccountInput, SoftphoneAccountView),
  /**
   * The SIP password, handed to the renderer only when it registers (SIP.js needs it in
   * memory for digest auth). The renderer must never persist it; the main side keeps it in
   * the SecretStore (safeStorage in Electron).
   */
  'phone.credentials': method(none, z.object({ password: z.string() })),
  /** Supervisor reports, computed by the CRM server (supervisors and admins; others get `forbidden`). */
  'reports.options': method(none, ReportOptions),
  'reports.get': method(z.object({ name: ReportName, query: ReportRequest }), ReportResult),
  /** «Дубли клиентов» (supervisors and admins; others get `forbidden`): from the CRM server. */
  'customers.duplicates': method(none, z.object({ groups: z.array(DuplicateGroup) })),
  /** Moves every order, call and callback of `dropId` to `keepId`; the dropped card is deleted. */
  'customers.merge': method(
    MergeRequest,
    z.object({ kept: Customer, moved: z.object({ orders: z.number().int().nonnegative(), calls: z.number().int().nonnegative(), callbacks: z.number().int().nonnegative() }) }),
  ),
  'reports.download': method(z.object({ name: ReportName, query: ReportRequest, format: z.enum(['csv', 'xlsx']) }), ReportFile),
  /** The admin's pipeline editor, straight to the CRM server (admins only; others get `forbidden`). */
  'pipelines.adminList': method(none, AdminPipelines),
  /** Saves a whole pipeline against the `updatedAt` the edit began from: `conflict` when someone saved meanwhile. */
  'pipelines.save': method(SavePipelineRequest, Pipeline),
  'pipelines.create': method(CreatePipelineRequest, Pipeline),
  /** Call monitoring: a grant to listen / whisper / barge on an operator's call (supervisors, admins). */
  'monitor.start': method(MonitorRequest, MonitorGrant),
  /** The operator's softphone got a monitoring INVITE: is its grant good for this user? (server-checked) */
  'monitor.verify': method(z.object({ grant: GrantToken }), VerifiedMonitor),
  /** The softphone registered (or was turned off): tell the server where to reach this user. */
  'monitor.publishAddress': method(z.object({ sipUri: SipUri.nullable() }), z.object({ ok: z.literal(true) })),
  /** Who can be monitored, with presence and whether their softphone address is known. */
  'monitor.agents': method(none, z.array(MonitorAgent)),
} as const;

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export type MethodInput<M extends MethodName> = z.input<Contract[M]['input']>;
export type MethodOutput<M extends MethodName> = z.infer<Contract[M]['output']>;

export const events = {
  'sync.status': SyncStatus,
  /** Local data changed (after a pull or a local mutation): views re-query. */
  'data.changed': z.object({ entities: z.array(z.string()) }),
  /** Dial this (tel:/callto:/sip: link, global hotkey, notification "Call back"). */
  'dial.request': DialRequest,
  /** A notification button or click: answer the ringing call, open the callback. */
  'notification.action': NoticeAction,
  /** Woke from sleep / screen unlocked: re-register SIP; the main side resyncs by itself. */
  'system.resumed': SystemResumed,
  /** An agent's state changed (wallboard; supervisors and admins only). */
  'agent.changed': AgentView,
  /** A supervisor set this user's state. */
  'agent.self': AgentState,
} as const;
export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.infer<Events[E]>;

/** What `window.pult` offers, in Electron and in browser mode alike. */
export interface PultApi {
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<Result<MethodOutput<M>>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

// ---- Wire envelopes (IPC and WebSocket bridge share them) ----
export const MethodNameSchema = z.enum(Object.keys(contract) as [MethodName, ...MethodName[]]);
export const RequestEnvelope = z.object({ id: z.number().int(), method: MethodNameSchema, input: z.unknown() });
export type RequestEnvelope = z.infer<typeof RequestEnvelope>;
export const ResponseEnvelope = z.object({
  id: z.number().int(),
  result: z.union([z.object({ ok: z.literal(true), value: z.unknown() }), z.object({ ok: z.literal(false), error: ApiErrorBody })]),
});
export type ResponseEnvelope = z.infer<typeof ResponseEnvelope>;
export const EventEnvelope = z.object({ event: z.enum(Object.keys(events) as [EventName, ...EventName[]]), payload: z.unknown() });
export type EventEnvelope = z.infer<typeof EventEnvelope>;
export const IPC_CHANNEL = { request: 'pult:request', event: 'pult:event' } as const;
