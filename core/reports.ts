// Supervisor reports (issue 7): names, filters, the typed result of each report and the column
// layout the server exports (CSV/XLSX, Russian headers) and the screen shows. Pure: the
// figures themselves are computed by SQL on the server (server/reports/).
import { z } from 'zod';
import { Channel, Id, Role } from './domain.js';
import { FAILURE_REASONS } from './reasons.js';

export const TABLE_REPORT_NAMES = [
  'sales-by-operator',
  'installs-by-technician',
  'sales-by-region',
  'channels',
  'cancellations',
  'stage-time',
  'between-operations',
  'calls',
  'handling-time',
  'callbacks',
] as const;
export const TableReportName = z.enum(TABLE_REPORT_NAMES);
export type TableReportName = z.infer<typeof TableReportName>;

/** The head office's weekly sub-dealer/partner report (seed 003), a fixed XLSX layout. */
export const PARTNER_WEEKLY = 'partner-weekly';
export const ReportName = z.enum([...TABLE_REPORT_NAMES, PARTNER_WEEKLY]);
export type ReportName = z.infer<typeof ReportName>;

/** Who may see reports, from the UI or the API. */
export const REPORT_ROLES: readonly Role[] = ['supervisor', 'admin'];
export const canSeeReports = (role: Role): boolean => REPORT_ROLES.includes(role);

export const ReportFormat = z.enum(['json', 'csv', 'xlsx']);
export type ReportFormat = z.infer<typeof ReportFormat>;

/** The longest period one report covers: a year, leap day included. */
export const MAX_REPORT_DAYS = 366;
/** Without dates a report covers the last 30 days, today included. */
export const DEFAULT_REPORT_DAYS = 30;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** A calendar day, YYYY-MM-DD, that exists. */
export const IsoDate = z.string().regex(DATE_RE, 'date').refine((s) => {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}, 'date');

/** Query strings and forms send '' for "not set". */
const blank = (v: unknown): unknown => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optional = <S extends z.ZodTypeAny>(s: S) => z.preprocess(blank, s.optional());

const filterShape = {
  from: optional(IsoDate),
  to: optional(IsoDate),
  operatorId: optional(Id),
  city: optional(z.string().trim().min(1).max(100)),
  pipelineId: optional(z.string().trim().min(1).max(64)),
};

export const dayNumber = (isoDate: string): number => Math.round(Date.parse(`${isoDate}T00:00:00Z`) / 86_400_000);
export const isoDateOfDay = (day: number): string => new Date(day * 86_400_000).toISOString().slice(0, 10);

function checkRange(f: { from?: string | undefined; to?: string | undefined }, ctx: z.RefinementCtx): void {
  const problem = f.from && f.to ? rangeProblem({ from: f.from, to: f.to }) : null;
  if (problem) ctx.addIssue({ code: 'custom', path: ['to'], message: problem });
}

export const ReportFilters = z.object(filterShape).superRefine(checkRange);
export type ReportFilters = z.infer<typeof ReportFilters>;

/** GET /api/reports/:name query: the filters plus the format (and the week for partner-weekly). */
export const ReportQuery = z
  .object({ ...filterShape, week: optional(IsoDate), format: z.preprocess(blank, ReportFormat.default('json')) })
  .superRefine(checkRange);
export type ReportQuery = z.infer<typeof ReportQuery>;

/** What the screen asks for (the contract's input): the filters and, for partner-weekly, the week. */
export const ReportRequest = z.object({ ...filterShape, week: optional(IsoDate) }).superRefine(checkRange);
export type ReportRequest = z.infer<typeof ReportRequest>;

/** A downloaded export, handed to the screen to save. */
export const ReportFile = z.object({
  fileName: z.string().regex(/^[\w.-]+$/),
  mime: z.string().max(200),
  /** The file's bytes, base64. */
  base64: z.string(),
});
export type ReportFile = z.infer<typeof ReportFile>;

export type ReportFilterKey = 'operator' | 'city' | 'pipeline';

/** A resolved period: calendar days in the site's zone, inclusive. */
export const ReportRange = z.object({ from: IsoDate, to: IsoDate });
export type ReportRange = z.infer<typeof ReportRange>;

/** The period a report covers: the given days; without `from` the 30 days up to `to` (default today). */
export function resolveRange(filters: Pick<ReportFilters, 'from' | 'to'>, today: string): ReportRange {
  const to = filters.to ?? (filters.from && dayNumber(filters.from) > dayNumber(today) ? filters.from : today);
  const from = filters.from ?? isoDateOfDay(dayNumber(to) - DEFAULT_REPORT_DAYS + 1);
  return { from, to };
}

/** What is wrong with a period, as a message code (the screen and the API say it in words). */
export function rangeProblem(range: ReportRange): 'range.order' | 'range.too_long' | null {
  const span = dayNumber(range.to) - dayNumber(range.from) + 1;
  if (span < 1) return 'range.order';
  if (span > MAX_REPORT_DAYS) return 'range.too_long';
  return null;
}

/** The Monday–Sunday week that contains `day`. */
export function weekOf(day: string): ReportRange {
  const n = dayNumber(day);
  const weekday = (new Date(n * 86_400_000).getUTCDay() + 6) % 7; // 0 = Monday
  return { from: isoDateOfDay(n - weekday), to: isoDateOfDay(n - weekday + 6) };
}

/** The last full week before the one that contains `today`: what the head office expects on Monday. */
export function previousWeek(today: string): ReportRange {
  return weekOf(isoDateOfDay(dayNumber(weekOf(today).from) - 7));
}

// ---- Columns ----

/**
 * How a value is shown and exported: money is integer kopecks (exported as roubles), percent is
 * 0–100, durations are in their unit; role/channel/reason are codes named in Russian on export.
 */
export const ColumnKind = z.enum(['text', 'int', 'money', 'percent', 'minutes', 'hours', 'seconds', 'date', 'role', 'channel', 'reason']);
export type ColumnKind = z.infer<typeof ColumnKind>;

export interface ReportColumn {
  key: string;
  kind: ColumnKind;
  /** The Russian header the head office and Excel users see (the screen uses the i18n files). */
  header: string;
  /** What an empty (null) value means, in Russian, e.g. «Не назначен». */
  empty?: string;
}

export interface ReportChart {
  type: 'bar' | 'stacked-bar' | 'line';
  /** The column whose values label the categories. */
  category: string;
  /** The numeric columns drawn. */
  series: string[];
}

export interface TableReportDefinition {
  name: TableReportName;
  /** Russian title for exports. */
  title: string;
  columns: ReportColumn[];
  /** The filters this report applies (the screen offers only these). */
  filters: ReportFilterKey[];
  chart: ReportChart;
}

const int = z.number().int().nonnegative();
const num = z.number().nonnegative();
const money = z.number().int().nonnegative();

// ---- Row schemas: one per report. Totals have the same shape with the label columns null. ----

export const SalesByOperatorRow = z.object({
  operatorId: Id.nullable(),
  operator: z.string().nullable(),
  leads: int,
  sales: int,
  salesKopecks: money,
  averageKopecks: money.nullable(),
  cancellations: int,
});
export const InstallsByTechnicianRow = z.object({
  technicianId: Id.nullable(),
  technician: z.string().nullable(),
  district: z.string().nullable(),
  installs: int,
  installsKopecks: money,
  averageHours: num.nullable(),
});
export const SalesByRegionRow = z.object({
  city: z.string().nullable(),
  leads: int,
  sales: int,
  salesKopecks: money,
  averageKopecks: money.nullable(),
  cancellations: int,
});
export const ChannelsRow = z.object({
  channel: Channel.nullable(),
  source: z.string().nullable(),
  utmSource: z.string().nullable(),
  utmMedium: z.string().nullable(),
  utmCampaign: z.string().nullable(),
  incomingCalls: int,
  leads: int,
  sales: int,
  salesKopecks: money,
  conversionPercent: num.nullable(),
});
export const CancellationsRow = z.object({
  role: Role.nullable(),
  reason: z.string().nullable(),
  cancellations: int,
  amountKopecks: money,
  sharePercent: num.nullable(),
});
export const StageTimeRow = z.object({
  pipelineId: z.string(),
  pipeline: z.string(),
  stageId: z.string(),
  stage: z.string(),
  exits: int,
  avgMinutes: num,
  medianMinutes: num,
  p90Minutes: num,
});
export const BetweenOperationsRow = z.object({
  pipelineId: z.string(),
  pipeline: z.string(),
  fromStageId: z.string(),
  fromStage: z.string(),
  toStageId: z.string(),
  toStage: z.string(),
  transitions: int,
  avgMinutes: num,
  medianMinutes: num,
});
export const CallsRow = z.object({
  day: IsoDate.nullable(),
  incoming: int,
  answered: int,
  missed: int,
  missedPercent: num.nullable(),
  outgoing: int,
  outgoingAnswered: int,
});
export const HandlingTimeRow = z.object({
  userId: Id.nullable(),
  user: z.string().nullable(),
  answeredCalls: int,
  talkMinutes: num,
  avgTalkSeconds: num.nullable(),
  firstOperations: int,
  avgFirstOperationMinutes: num.nullable(),
});
export const CallbacksRow = z.object({
  assigneeId: Id.nullable(),
  assignee: z.string().nullable(),
  callbacks: int,
  done: int,
  doneInTime: int,
  inTimePercent: num.nullable(),
  avgResponseMinutes: num.nullable(),
  medianResponseMinutes: num.nullable(),
  overdueOpen: int,
});

export const REPORT_ROWS = {
  'sales-by-operator': SalesByOperatorRow,
  'installs-by-technician': InstallsByTechnicianRow,
  'sales-by-region': SalesByRegionRow,
  channels: ChannelsRow,
  cancellations: CancellationsRow,
  'stage-time': StageTimeRow,
  'between-operations': BetweenOperationsRow,
  calls: CallsRow,
  'handling-time': HandlingTimeRow,
  callbacks: CallbacksRow,
} as const satisfies Record<TableReportName, z.ZodTypeAny>;

export type ReportRow<N extends TableReportName> = z.infer<(typeof REPORT_ROWS)[N]>;

const AppliedFilters = z.object({
  operatorId: Id.optional(),
  city: z.string().optional(),
  pipelineId: z.string().optional(),
});

function resultSchema<N extends TableReportName>(name: N) {
  const row = REPORT_ROWS[name];
  return z.object({
    report: z.literal(name),
    range: ReportRange,
    filters: AppliedFilters,
    /** IANA zone the days are counted in (the site's). */
    timeZone: z.string(),
    generatedAt: z.string().datetime({ offset: true }),
    rows: z.array(row),
    /** The whole period's figures (null for reports where a sum means nothing). */
    totals: row.nullable(),
  });
}

export const TableReportResult = z.discriminatedUnion('report', [
  resultSchema('sales-by-operator'),
  resultSchema('installs-by-technician'),
  resultSchema('sales-by-region'),
  resultSchema('channels'),
  resultSchema('cancellations'),
  resultSchema('stage-time'),
  resultSchema('between-operations'),
  resultSchema('calls'),
  resultSchema('handling-time'),
  resultSchema('callbacks'),
]);
export type TableReportResult = z.infer<typeof TableReportResult>;
export type TableReportResultOf<N extends TableReportName> = Extract<TableReportResult, { report: N }>;

// ---- Definitions: columns (in order), filters, chart ----

const ORDER_FILTERS: ReportFilterKey[] = ['operator', 'city', 'pipeline'];

export const REPORTS: Record<TableReportName, TableReportDefinition> = {
  'sales-by-operator': {
    name: 'sales-by-operator',
    title: 'Продажи по операторам',
    filters: ORDER_FILTERS,
    chart: { type: 'bar', category: 'operator', series: ['salesKopecks'] },
    columns: [
      { key: 'operator', kind: 'text', header: 'Оператор', empty: 'Не назначен' },
      { key: 'leads', kind: 'int', header: 'Новых заказов' },
      { key: 'sales', kind: 'int', header: 'Продаж' },
      { key: 'salesKopecks', kind: 'money', header: 'Сумма продаж, ₽' },
      { key: 'averageKopecks', kind: 'money', header: 'Средний чек, ₽' },
      { key: 'cancellations', kind: 'int', header: 'Отмен' },
    ],
  },
  'installs-by-technician': {
    name: 'installs-by-technician',
    title: 'Установки по мастерам',
    filters: ORDER_FILTERS,
    chart: { type: 'bar', category: 'technician', series: ['installs'] },
    columns: [
      { key: 'technician', kind: 'text', header: 'Мастер' },
      { key: 'district', kind: 'text', header: 'Район', empty: 'Не указан' },
      { key: 'installs', kind: 'int', header: 'Выполнено' },
      { key: 'installsKopecks', kind: 'money', header: 'Сумма, ₽' },
      { key: 'averageHours', kind: 'hours', header: 'От заказа до выполнения, ч (в среднем)' },
    ],
  },
  'sales-by-region': {
    name: 'sales-by-region',
    title: 'Продажи по регионам',
    filters: ORDER_FILTERS,
    chart: { type: 'bar', category: 'city', series: ['salesKopecks'] },
    columns: [
      { key: 'city', kind: 'text', header: 'Город', empty: 'Не указан' },
      { key: 'leads', kind: 'int', header: 'Новых заказов' },
      { key: 'sales', kind: 'int', header: 'Продаж' },
      { key: 'salesKopecks', kind: 'money', header: 'Сумма продаж, ₽' },
      { key: 'averageKopecks', kind: 'money', header: 'Средний чек, ₽' },
      { key: 'cancellations', kind: 'int', header: 'Отмен' },
    ],
  },
  channels: {
    name: 'channels',
    title: 'Заявки и заказы по каналам и источникам',
    filters: ORDER_FILTERS,
    chart: { type: 'stacked-bar', category: 'channel', series: ['leads', 'sales'] },
    columns: [
      { key: 'channel', kind: 'channel', header: 'Канал' },
      { key: 'source', kind: 'text', header: 'Источник (номер, форма)', empty: '—' },
      { key: 'utmSource', kind: 'text', header: 'utm_source', empty: '—' },
      { key: 'utmMedium', kind: 'text', header: 'utm_medium', empty: '—' },
      { key: 'utmCampaign', kind: 'text', header: 'utm_campaign', empty: '—' },
      { key: 'incomingCalls', kind: 'int', header: 'Входящих звонков' },
      { key: 'leads', kind: 'int', header: 'Заявок (заказов)' },
      { key: 'sales', kind: 'int', header: 'Из них продано' },
      { key: 'salesKopecks', kind: 'money', header: 'Сумма продаж, ₽' },
      { key: 'conversionPercent', kind: 'percent', header: 'Конверсия, %' },
    ],
  },
  cancellations: {
    name: 'cancellations',
    title: 'Отмены по причинам и ролям',
    filters: ORDER_FILTERS,
    chart: { type: 'bar', category: 'reason', series: ['cancellations'] },
    columns: [
      { key: 'role', kind: 'role', header: 'Кто отменил', empty: 'Система' },
      { key: 'reason', kind: 'reason', header: 'Причина', empty: 'Причина не указана' },
      { key: 'cancellations', kind: 'int', header: 'Отмен' },
      { key: 'amountKopecks', kind: 'money', header: 'Сумма заказов, ₽' },
      { key: 'sharePercent', kind: 'percent', header: 'Доля, %' },
    ],
  },
  'stage-time': {
    name: 'stage-time',
    title: 'Время в стадиях',
    filters: ORDER_FILTERS,
    chart: { type: 'bar', category: 'stage', series: ['avgMinutes', 'medianMinutes'] },
    columns: [
      { key: 'pipeline', kind: 'text', header: 'Воронка' },
      { key: 'stage', kind: 'text', header: 'Стадия' },
      { key: 'exits', kind: 'int', header: 'Заказов вышло из стадии' },
      { key: 'avgMinutes', kind: 'minutes', header: 'В среднем, мин' },
      { key: 'medianMinutes', kind: 'minutes', header: 'Медиана, мин' },
      { key: 'p90Minutes', kind: 'minutes', header: '90% заказов быстрее, мин' },
    ],
  },
  'between-operations': {
    name: 'between-operations',
    title: 'Время между операциями',
    filters: ORDER_FILTERS,
    chart: { type: 'bar', category: 'toStage', series: ['avgMinutes'] },
    columns: [
      { key: 'pipeline', kind: 'text', header: 'Воронка' },
      { key: 'fromStage', kind: 'text', header: 'Из стадии' },
      { key: 'toStage', kind: 'text', header: 'В стадию' },
      { key: 'transitions', kind: 'int', header: 'Переходов' },
      { key: 'avgMinutes', kind: 'minutes', header: 'В среднем, мин' },
      { key: 'medianMinutes', kind: 'minutes', header: 'Медиана, мин' },
    ],
  },
  calls: {
    name: 'calls',
    title: 'Отвеченные и пропущенные звонки',
    filters: ['operator'],
    chart: { type: 'stacked-bar', category: 'day', series: ['answered', 'missed'] },
    columns: [
      { key: 'day', kind: 'date', header: 'День' },
      { key: 'incoming', kind: 'int', header: 'Входящих' },
      { key: 'answered', kind: 'int', header: 'Отвечено' },
      { key: 'missed', kind: 'int', header: 'Пропущено' },
      { key: 'missedPercent', kind: 'percent', header: 'Пропущено, %' },
      { key: 'outgoing', kind: 'int', header: 'Исходящих' },
      { key: 'outgoingAnswered', kind: 'int', header: 'Исходящих с ответом' },
    ],
  },
  'handling-time': {
    name: 'handling-time',
    title: 'Среднее время обработки',
    filters: ['operator'],
    chart: { type: 'bar', category: 'user', series: ['avgTalkSeconds'] },
    columns: [
      { key: 'user', kind: 'text', header: 'Сотрудник' },
      { key: 'answeredCalls', kind: 'int', header: 'Разговоров' },
      { key: 'talkMinutes', kind: 'minutes', header: 'Всего в разговоре, мин' },
      { key: 'avgTalkSeconds', kind: 'seconds', header: 'Средний разговор, с' },
      { key: 'firstOperations', kind: 'int', header: 'Заказов обработано первым' },
      { key: 'avgFirstOperationMinutes', kind: 'minutes', header: 'От поступления до первой операции, мин' },
    ],
  },
  callbacks: {
    name: 'callbacks',
    title: 'Скорость перезвона',
    filters: ['operator'],
    chart: { type: 'bar', category: 'assignee', series: ['avgResponseMinutes'] },
    columns: [
      { key: 'assignee', kind: 'text', header: 'Ответственный', empty: 'Не назначен' },
      { key: 'callbacks', kind: 'int', header: 'Перезвонов поставлено' },
      { key: 'done', kind: 'int', header: 'Выполнено' },
      { key: 'doneInTime', kind: 'int', header: 'Вовремя' },
      { key: 'inTimePercent', kind: 'percent', header: 'Вовремя, % от поставленных' },
      { key: 'avgResponseMinutes', kind: 'minutes', header: 'Перезвонили в среднем через, мин' },
      { key: 'medianResponseMinutes', kind: 'minutes', header: 'Медиана, мин' },
      { key: 'overdueOpen', kind: 'int', header: 'Просрочено и не сделано' },
    ],
  },
};

// ---- The weekly partner report (seed 003): a fixed head-office layout ----

export const SaleType = z.enum(['retail', 'subdealer']);
export type SaleType = z.infer<typeof SaleType>;

export const PartnerWeeklyRow = z.object({
  saleType: SaleType,
  /** The sub-dealer whose panel recorded the sale; null for the dealer's own retail sales. */
  seller: z.string().nullable(),
  partnerNumber: z.string().nullable(),
  customerName: z.string(),
  phone: z.string(),
  email: z.string().nullable(),
  orders: int,
  amountKopecks: money,
});
export type PartnerWeeklyRow = z.infer<typeof PartnerWeeklyRow>;

export const PartnerWeeklyResult = z.object({
  report: z.literal(PARTNER_WEEKLY),
  range: ReportRange,
  timeZone: z.string(),
  generatedAt: z.string().datetime({ offset: true }),
  dealer: z.object({ name: z.string(), code: z.string() }),
  rows: z.array(PartnerWeeklyRow),
  totals: z.object({
    retailOrders: int,
    retailKopecks: money,
    subdealerOrders: int,
    subdealerKopecks: money,
    orders: int,
    amountKopecks: money,
  }),
  /** Rows without a partner number: the head office cannot credit their points. */
  missingPartnerNumbers: int,
});
export type PartnerWeeklyResult = z.infer<typeof PartnerWeeklyResult>;

/** The head office's template, column by column (the order and the headers are fixed). */
export const PARTNER_WEEKLY_LAYOUT = {
  sheetName: 'Отчёт дилера',
  title: 'Еженедельный отчёт дилера о продажах партнёрам',
  headers: ['№ п/п', 'Партнёрский номер', 'ФИО покупателя', 'Телефон', 'E-mail', 'Тип продажи', 'Продавец', 'Заказов', 'Сумма, руб.'],
  saleTypes: { retail: 'Розница', subdealer: 'Субдилер' } satisfies Record<SaleType, string>,
  ownSeller: 'Дилер',
  totals: { retail: 'Итого розница', subdealer: 'Итого субдилеры', all: 'Всего за неделю' },
} as const;

export const ReportResult = z.union([TableReportResult, PartnerWeeklyResult]);
export type ReportResult = z.infer<typeof ReportResult>;

// ---- Russian names of codes, for exports ----

export const ROLE_NAMES_RU: Record<Role, string> = {
  operator: 'Оператор',
  technician: 'Мастер',
  admin: 'Администратор',
  supervisor: 'Руководитель',
};
export const CHANNEL_NAMES_RU: Record<Channel, string> = {
  phone: 'Телефонный звонок',
  web: 'Заявка с сайта',
  email: 'Электронная почта',
  chat: 'Чат',
  missed_call: 'Пропущенный звонок',
  walk_in: 'Личный визит',
};
export const reasonNameRu = (code: string): string => FAILURE_REASONS.find((r) => r.code === code)?.name ?? code;

/** The export's (Russian) text or number for one cell; money becomes roubles. */
export function exportCell(column: ReportColumn, value: unknown): string | number {
  if (value === null || value === undefined) return column.empty ?? '';
  switch (column.kind) {
    case 'money':
      return Number(value) / 100;
    case 'int':
    case 'percent':
    case 'minutes':
    case 'hours':
    case 'seconds':
      return Number(value);
    case 'role':
      return ROLE_NAMES_RU[value as Role] ?? String(value);
    case 'channel':
      return CHANNEL_NAMES_RU[value as Channel] ?? String(value);
    case 'reason':
      return reasonNameRu(String(value));
    case 'date': {
      const m = DATE_RE.exec(String(value));
      return m ? `${m[3]}.${m[2]}.${m[1]}` : String(value);
    }
    case 'text':
      return String(value);
  }
}

export const TOTAL_LABEL_RU = 'Итого';

/** What the filters offer: GET /api/reports. */
export const ReportOptions = z.object({
  reports: z.array(ReportName),
  operators: z.array(z.object({ id: Id, name: z.string(), role: Role })),
  cities: z.array(z.string()),
  pipelines: z.array(z.object({ id: z.string(), name: z.string() })),
  timeZone: z.string(),
  today: IsoDate,
});
export type ReportOptions = z.infer<typeof ReportOptions>;

export const REPORTS_PATH = '/api/reports';
export const reportPath = (name: ReportName): string => `${REPORTS_PATH}/${name}`;

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const CSV_MIME = 'text/csv; charset=utf-8';

/** The download's file name: ascii, e.g. sales-by-operator_2025-06-01_2025-06-30.xlsx. */
export const reportFileName = (name: ReportName, range: ReportRange, format: 'csv' | 'xlsx'): string =>
  `${name}_${range.from}_${range.to}.${format}`;
