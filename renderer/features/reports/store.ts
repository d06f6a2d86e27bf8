// The reports screen: which report, the period and filters as typed (kept across reports and
// errors), the last result and the state of a download.
import { create } from 'zustand';
import type { PultApi } from '../../../core/contract.js';
import type { ApiErrorBody } from '../../../core/errors.js';
import {
  PARTNER_WEEKLY, REPORTS, ReportRequest, type ReportFilterKey, type ReportName, type ReportOptions, type ReportResult,
} from '../../../core/reports.js';

export interface ReportForm {
  from: string;
  to: string;
  week: string;
  operatorId: string;
  city: string;
  pipelineId: string;
}

type FormField = keyof ReportForm;
/** Field → message code (reports.errors.*). */
export type FormErrors = Partial<Record<FormField, string>>;

export type DownloadState =
  | { state: 'idle' }
  | { state: 'saving'; format: 'csv' | 'xlsx' }
  | { state: 'done'; fileName: string }
  | { state: 'error'; error: ApiErrorBody };

interface ReportsState {
  name: ReportName;
  form: ReportForm;
  formErrors: FormErrors;
  options: ReportOptions | null;
  optionsError: ApiErrorBody | null;
  result: ReportResult | null;
  loading: boolean;
  error: ApiErrorBody | null;
  download: DownloadState;
  loadOptions(api: PultApi): Promise<void>;
  choose(api: PultApi, name: ReportName): Promise<void>;
  setField(field: FormField, value: string): void;
  show(api: PultApi): Promise<void>;
  save(api: PultApi, format: 'csv' | 'xlsx', deliver: (file: { fileName: string; mime: string; bytes: Uint8Array }) => void): Promise<void>;
}

const EMPTY_FORM: ReportForm = { from: '', to: '', week: '', operatorId: '', city: '', pipelineId: '' };

/** The filters a report applies (partner-weekly: only the week). */
export function filtersOf(name: ReportName): ReportFilterKey[] {
  return name === PARTNER_WEEKLY ? [] : REPORTS[name].filters;
}

/** The request for the current report: only what it uses, as the contract validates it. */
export function requestOf(name: ReportName, form: ReportForm): Record<string, string> {
  if (name === PARTNER_WEEKLY) return form.week ? { week: form.week } : {};
  const q: Record<string, string> = {};
  if (form.from) q.from = form.from;
  if (form.to) q.to = form.to;
  const filters = filtersOf(name);
  if (filters.includes('operator') && form.operatorId) q.operatorId = form.operatorId;
  if (filters.includes('city') && form.city) q.city = form.city;
  if (filters.includes('pipeline') && form.pipelineId) q.pipelineId = form.pipelineId;
  return q;
}

/** Checks the form the way the server will, so a wrong period is said at once and in words. */
export function checkForm(name: ReportName, form: ReportForm): FormErrors {
  const parsed = ReportRequest.safeParse(requestOf(name, form));
  if (parsed.success) return {};
  const errors: FormErrors = {};
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? '') as FormField;
    if (!(field in EMPTY_FORM) || errors[field]) continue;
    errors[field] = issue.message.startsWith('range.') ? issue.message : 'date';
  }
  return errors;
}

function base64Bytes(base64: string): Uint8Array {
  const bin = atob(base64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
}

export const useReports = create<ReportsState>()((set, get) => ({
  name: 'sales-by-operator',
  form: EMPTY_FORM,
  formErrors: {},
  options: null,
  optionsError: null,
  result: null,
  loading: false,
  error: null,
  download: { state: 'idle' },

  async loadOptions(api) {
    const r = await api.call('reports.options', {});
    if (r.ok) set({ options: r.value, optionsError: null });
    else set({ optionsError: r.error });
  },

  async choose(api, name) {
    set({ name, result: null, error: null, formErrors: {}, download: { state: 'idle' } });
    await get().show(api);
  },

  setField(field, value) {
    const { formErrors } = get();
    // A corrected field loses its message; the period's pair goes together.
    const cleared = { ...formErrors };
    delete cleared[field];
    if (field === 'from' || field === 'to') {
      delete cleared.from;
      delete cleared.to;
    }
    set({ form: { ...get().form, [field]: value }, formErrors: cleared });
  },

  async show(api) {
    const { name, form } = get();
    const formErrors = checkForm(name, form);
    if (Object.keys(formErrors).length) {
      set({ formErrors });
      return;
    }
    set({ loading: true, error: null, formErrors: {}, download: { state: 'idle' } });
    const r = await api.call('reports.get', { name, query: requestOf(name, form) });
    if (get().name !== name) return; // another report was chosen meanwhile
    if (r.ok) set({ result: r.value, loading: false, error: null });
    else set({ loading: false, error: r.error, result: null });
  },

  async save(api, format, deliver) {
    const { name, form } = get();
    const formErrors = checkForm(name, form);
    if (Object.keys(formErrors).length) {
      set({ formErrors });
      return;
    }
    set({ download: { state: 'saving', format } });
    const r = await api.call('reports.download', { name, query: requestOf(name, form), format });
    if (!r.ok) {
      set({ download: { state: 'error', error: r.error } });
      return;
    }
    deliver({ fileName: r.value.fileName, mime: r.value.mime, bytes: base64Bytes(r.value.base64) });
    set({ download: { state: 'done', fileName: r.value.fileName } });
  },
}));
