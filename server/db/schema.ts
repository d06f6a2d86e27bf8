// Kysely table types for the server schema (server/migrations). int8 columns are parsed to
// JS numbers by both drivers (see database.ts); timestamptz arrives as Date.
import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import type { Role } from '../../core/domain.js';
import type { AgentStateKind } from '../../core/agent-state.js';

type Timestamptz = ColumnType<Date, Date | string, Date | string>;
type DefaultTimestamptz = ColumnType<Date, Date | string | undefined, Date | string>;
/** jsonb: written as a JSON string (pg would turn a JS array into a Postgres array), read parsed. */
type Jsonb = ColumnType<unknown, string, string>;

export interface SyncCounterTable {
  id: Generated<boolean>;
  value: number;
  tombstone_horizon: Generated<number>;
}

export interface UsersTable {
  id: string;
  login: string;
  display_name: string;
  role: Role;
  district: string | null;
  password_hash: string;
  active: Generated<boolean>;
  updated_at: DefaultTimestamptz;
  version: number;
}

export interface SessionsTable {
  token_hash: string;
  user_id: string;
  created_at: DefaultTimestamptz;
  expires_at: Timestamptz;
}

export interface PipelinesTable {
  id: string;
  name: string;
  definition: Jsonb;
  updated_at: DefaultTimestamptz;
  version: number;
}

export interface CustomersTable {
  id: string;
  name: string;
  phone: string;
  phone_raw: string;
  email: string | null;
  city: string | null;
  partner_number: string | null;
  notes: Generated<string>;
  updated_at: DefaultTimestamptz;
  version: number;
  referrer_id: Generated<string | null>;
  bonus_points: Generated<number>;
}

export interface BonusEntriesTable {
  order_id: string;
  kind: 'purchase' | 'referral';
  customer_id: string;
  points: number;
  created_at: Date;
}

export interface OrdersTable {
  id: string;
  number: string;
  customer_id: string;
  pipeline_id: string;
  stage_id: string;
  operator_id: string | null;
  technician_id: string | null;
  title: Generated<string>;
  amount_kopecks: Generated<number>;
  city: string | null;
  address: string | null;
  channel: string;
  notes: Generated<string>;
  created_at: DefaultTimestamptz;
  updated_at: DefaultTimestamptz;
  version: number;
  stage_version: number;
  failure_reason: ColumnType<string | null, string | null | undefined, string | null>;
  district: ColumnType<string | null, string | null | undefined, string | null>;
  sla_due_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** The visit agreed with the customer; its reminders wait in the notification outbox. */
  appointment_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** The company line the customer called, for orders born from a call. */
  called_number: ColumnType<string | null, string | null | undefined, string | null>;
  /** When the order last reached a success stage; kept by the database (migration 017), not synced. */
  last_success_at: ColumnType<Date | null, never, never>;
}

export interface CallsTable {
  id: string;
  direction: string;
  outcome: string;
  phone: string | null;
  customer_id: string | null;
  order_id: string | null;
  user_id: string | null;
  started_at: Timestamptz;
  duration_sec: Generated<number>;
  note: Generated<string>;
  version: number;
  /** The company line the customer dialled (incoming), E.164; null when unknown. */
  called_number: ColumnType<string | null, string | null | undefined, string | null>;
}

/** The zone whose calendar days call_stats_daily counts in (one row; migration *_call_rollups.sql). */
export interface ReportRollupZoneTable {
  id: Generated<boolean>;
  zone: string;
}

/** Calls per site day and key, kept by triggers on calls (migration *_call_rollups.sql); read by the call reports. */
export interface CallStatsDailyTable {
  /** A calendar day in report_rollup_zone's zone (read it as ::text for 'YYYY-MM-DD'). */
  day: ColumnType<Date, string, string>;
  user_id: string | null;
  direction: string;
  outcome: string;
  called_number: string | null;
  calls: number;
  duration_sec: number;
}

export interface CallbacksTable {
  id: string;
  phone: string;
  customer_id: string | null;
  assignee_id: string | null;
  due_at: Timestamptz;
  done_at: Timestamptz | null;
  reason: Generated<string>;
  version: number;
  created_at: DefaultTimestamptz;
}

export interface TombstonesTable {
  entity: string;
  id: string;
  version: number;
  deleted_at: DefaultTimestamptz;
}

export interface DeviceMutationsTable {
  device_id: string;
  user_id: string | null;
  last_seq: Generated<number>;
  updated_at: DefaultTimestamptz;
}

export interface OffersTable {
  id: string;
  sku: string;
  name: string;
  prices: Jsonb;
  stock: Generated<number>;
  updated_at: DefaultTimestamptz;
  version: number;
}

export interface OrderNotesTable {
  id: string;
  order_id: string;
  author_id: string;
  text: string;
  created_at: DefaultTimestamptz;
  version: number;
}

export interface AppliedMutationsTable {
  device_id: string;
  seq: number;
  mutation_id: string;
  user_id: string;
  status: 'applied' | 'rejected';
  error: ColumnType<unknown, string | null, string | null>;
  applied_at: DefaultTimestamptz;
}

export interface SchemaMigrationsTable {
  id: number;
  name: string;
  applied_at: DefaultTimestamptz;
}

export interface NotificationTemplatesTable {
  id: string;
  channel: 'email' | 'sms';
  pipeline_id: string;
  stage_id: string;
  subject: Generated<string>;
  body: string;
  active: Generated<boolean>;
  /** 'appointment_reminder': the text the customer's appointment reminders are sent with. */
  purpose: Generated<'stage' | 'appointment_reminder'>;
}

export interface NotificationOutboxTable {
  id: string;
  order_id: string | null;
  template_id: string | null;
  channel: 'email' | 'sms';
  recipient: string;
  subject: Generated<string>;
  body: string;
  status: Generated<'pending' | 'sent' | 'failed'>;
  attempts: Generated<number>;
  next_attempt_at: DefaultTimestamptz;
  last_error: string | null;
  provider_id: string | null;
  created_at: DefaultTimestamptz;
  sent_at: Timestamptz | null;
  /** A reminder scheduled by this stage's entry action; dropped unsent when the order leaves it. */
  reminder_stage_id: string | null;
  /** Which reminder of the order's appointment this is; dropped unsent when it moves or goes. */
  appointment_reminder: ColumnType<'evening_before' | 'hours_before' | null, 'evening_before' | 'hours_before' | null | undefined, 'evening_before' | 'hours_before' | null>;
}

export interface ClaimsTable {
  entity: 'orders' | 'callbacks' | 'customers';
  entity_id: string;
  user_id: string;
  expires_at: Timestamptz;
  version: Generated<number>;
}

export interface LeadSourcesTable {
  id: string;
  name: string;
  key_hash: string;
  pipeline_id: string;
  stage_id: string;
  channel: Generated<string>;
  active: Generated<boolean>;
  /** A sub-dealer's sales panel (the weekly partner report lists its sales apart). */
  subdealer: Generated<boolean>;
}

export interface LeadSubmissionsTable {
  source_id: string;
  submission_key: string;
  order_id: string;
  phone: string;
  items_key: string;
  utm: Jsonb | null;
  created_at: DefaultTimestamptz;
}

export interface SettingsTable {
  key: string;
  value: string;
}

export type RobotKind = 'order_untouched' | 'stage_sla' | 'callback_overdue';

export interface RobotTimersTable {
  kind: RobotKind;
  entity_id: string;
  due_at: Timestamptz;
  subject: Generated<string>;
  fired_at: Timestamptz | null;
}

export interface EscalationsTable {
  id: string;
  kind: RobotKind;
  entity_id: string;
  user_id: string | null;
  due_at: Timestamptz;
  created_at: DefaultTimestamptz;
  resolved_at: Timestamptz | null;
}

export type StageKind = 'open' | 'success' | 'failure';

/** One row per stage change (server/migrations/012_reports.sql); read by the reports. */
export interface OrderStageHistoryTable {
  id: string;
  order_id: string;
  pipeline_id: string;
  from_stage_id: string;
  to_stage_id: string;
  to_kind: StageKind;
  from_entered_at: Timestamptz;
  transition_no: number;
  user_id: string | null;
  role: Role | null;
  reason: string | null;
  changed_at: Timestamptz;
  operator_id: string | null;
  technician_id: string | null;
  amount_kopecks: number;
  city: string | null;
  order_created_at: Timestamptz;
  // Kept by the database (generated columns and a trigger, migration 017); never written.
  stay_minutes: ColumnType<number, never, never>;
  stage_key: ColumnType<string, never, never>;
  move_key: ColumnType<string, never, never>;
  next_same_kind_at: ColumnType<Date | null, never, never>;
}

export interface AgentStatesTable {
  user_id: string;
  state: AgentStateKind;
  reason: string | null;
  since: Timestamptz;
  updated_at: DefaultTimestamptz;
}

/** Each user's softphone address as their client published it (server/migrations/015_sip_addresses.sql). */
export interface SipAddressesTable {
  user_id: string;
  sip_uri: string;
  updated_at: DefaultTimestamptz;
}

export interface Database {
  agent_states: AgentStatesTable;
  sip_addresses: SipAddressesTable;
  order_stage_history: OrderStageHistoryTable;
  robot_timers: RobotTimersTable;
  escalations: EscalationsTable;
  lead_sources: LeadSourcesTable;
  lead_submissions: LeadSubmissionsTable;
  settings: SettingsTable;
  claims: ClaimsTable;
  notification_templates: NotificationTemplatesTable;
  notification_outbox: NotificationOutboxTable;
  sync_counter: SyncCounterTable;
  users: UsersTable;
  sessions: SessionsTable;
  pipelines: PipelinesTable;
  customers: CustomersTable;
  orders: OrdersTable;
  calls: CallsTable;
  callbacks: CallbacksTable;
  report_rollup_zone: ReportRollupZoneTable;
  call_stats_daily: CallStatsDailyTable;
  tombstones: TombstonesTable;
  bonus_entries: BonusEntriesTable;
  device_mutations: DeviceMutationsTable;
  offers: OffersTable;
  order_notes: OrderNotesTable;
  applied_mutations: AppliedMutationsTable;
  schema_migrations: SchemaMigrationsTable;
}

export type UserRow = Selectable<UsersTable>;
export type CustomerRow = Selectable<CustomersTable>;
export type OrderRow = Selectable<OrdersTable>;
export type PipelineRow = Selectable<PipelinesTable>;
export type CallRow = Selectable<CallsTable>;
export type CallbackRow = Selectable<CallbacksTable>;
export type OfferRow = Selectable<OffersTable>;
export type OrderNoteRow = Selectable<OrderNotesTable>;
export type TombstoneRow = Selectable<TombstonesTable>;
export type ClaimRow = Selectable<ClaimsTable>;
export type NewOrder = Insertable<OrdersTable>;
