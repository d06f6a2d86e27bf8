// «Отчёты» for supervisors and admins: pick a report, a period and filters, see a chart and a
// table, download CSV or Excel. What was typed stays when the report or an error changes.
import { useEffect, useId, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PARTNER_WEEKLY, ReportName, type ReportOptions } from '../../../core/reports.js';
import { errorMessage } from '../../i18n/errors.js';
import { useApi } from '../../platform/ApiContext.js';
import { Banner, Button, TextField } from '../../ui/index.js';
import { PartnerWeeklyTable } from './PartnerWeeklyTable.js';
import { ReportChart } from './ReportChart.js';
import { ReportTable } from './ReportTable.js';
import { formatDay } from './format.js';
import { filtersOf, useReports, type ReportForm } from './store.js';
import './reports.css';

/** Hands a downloaded file to the browser (Electron shows its save dialog for it). */
function deliverFile(file: { fileName: string; mime: string; bytes: Uint8Array }): void {
  const url = URL.createObjectURL(new Blob([file.bytes.slice().buffer], { type: file.mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = file.fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

function Select({ label, value, onChange, options, testId }: {
  label: string; value: string; onChange: (v: string) => void; options: Array<{ value: string; label: string }>; testId: string;
}) {
  const id = useId();
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <div className="field__row">
        <select id={id} className="field__input" value={value} onChange={(e) => onChange(e.target.value)} data-testid={testId}>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}

function filterOptions(options: ReportOptions | null, all: string) {
  return {
    operators: [{ value: '', label: all }, ...(options?.operators ?? []).map((o) => ({ value: o.id, label: o.name }))],
    cities: [{ value: '', label: all }, ...(options?.cities ?? []).map((c) => ({ value: c, label: c }))],
    pipelines: [{ value: '', label: all }, ...(options?.pipelines ?? []).map((p) => ({ value: p.id, label: p.name }))],
  };
}

/** `onBack`: when the screen was opened over another one; as a section of the menu it has none. */
export function ReportsScreen({ onBack }: { onBack: (() => void) | null }) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const { name, form, formErrors, options, optionsError, result, loading, error, download, loadOptions, choose, setField, show, save } = useReports();

  useEffect(() => {
    void loadOptions(api);
    void show(api);
    // Once per visit: later changes come from the form.
  }, [api]);

  const filters = filtersOf(name);
  const lists = filterOptions(options, t('reports.filters.all'));
  const fieldError = (f: keyof ReportForm) => {
    const code = formErrors[f];
    return code ? t(`reports.errors.${code}`) : null;
  };
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void show(api);
  };
  const lang = i18n.language;
  const shownFor = result && result.report === name ? result : null;

  return (
    <section className="reports" aria-labelledby="reports-title" data-testid="reports-screen">
      <div className="reports__head">
        {onBack && (
          <Button icon="back" onClick={onBack} data-testid="reports-back">
            {t('reports.back')}
          </Button>
        )}
        <h2 id="reports-title">{t('reports.title')}</h2>
      </div>

      <Select
        label={t('reports.choose')}
        value={name}
        onChange={(v) => void choose(api, ReportName.parse(v))}
        options={ReportName.options.map((n) => ({ value: n, label: t(`reports.names.${n}`) }))}
        testId="report-select"
      />
      <p className="reports__desc">{t(`reports.descriptions.${name}`)}</p>

      <form className="reports__form" onSubmit={onSubmit} noValidate>
        <fieldset>
          <legend>{t('reports.filters.legend')}</legend>
          <div className="reports__fields">
            {name === PARTNER_WEEKLY ? (
              <TextField type="date" label={t('reports.filters.week')} hint={t('reports.filters.weekHint')} value={form.week}
                error={fieldError('week')} onChange={(e) => setField('week', e.target.value)} data-testid="report-week" />
            ) : (
              <>
                <TextField type="date" label={t('reports.filters.from')} value={form.from} error={fieldError('from')}
                  onChange={(e) => setField('from', e.target.value)} data-testid="report-from" />
                <TextField type="date" label={t('reports.filters.to')} value={form.to} error={fieldError('to')}
                  onChange={(e) => setField('to', e.target.value)} data-testid="report-to" />
              </>
            )}
            {filters.includes('operator') && (
              <Select label={t('reports.filters.operator')} value={form.operatorId} onChange={(v) => setField('operatorId', v)} options={lists.operators} testId="report-operator" />
            )}
            {filters.includes('city') && (
              <Select label={t('reports.filters.city')} value={form.city} onChange={(v) => setField('city', v)} options={lists.cities} testId="report-city" />
            )}
            {filters.includes('pipeline') && (
              <Select label={t('reports.filters.pipeline')} value={form.pipelineId} onChange={(v) => setField('pipelineId', v)} options={lists.pipelines} testId="report-pipeline" />
            )}
          </div>
          {name !== PARTNER_WEEKLY && <p className="field__hint">{t('reports.filters.periodHint')}</p>}
          <Button type="submit" variant="primary" icon="sync" disabled={loading} data-testid="report-show">
            {loading ? t('reports.filters.loading') : t('reports.filters.show')}
          </Button>
        </fieldset>
      </form>

      {optionsError && (
        <Banner tone="error" role="alert">
          {errorMessage(t, optionsError)}
        </Banner>
      )}
      {error && (
        <Banner tone="error" role="alert" data-testid="report-error">
          {errorMessage(t, error)}
        </Banner>
      )}
      {loading && !shownFor && (
        <p role="status" className="reports__status">
          {t('reports.filters.loading')}
        </p>
      )}

      {shownFor && (
        <div className="reports__result" aria-busy={loading}>
          <p className="reports__period" data-testid="report-period">
            {t('reports.period', { from: formatDay(shownFor.range.from, lang), to: formatDay(shownFor.range.to, lang) })}
          </p>
          <div className="reports__downloads">
            <Button icon="download" onClick={() => void save(api, 'xlsx', deliverFile)} disabled={download.state === 'saving'} data-testid="report-xlsx">
              {t('reports.download.xlsx')}
            </Button>
            <Button icon="download" onClick={() => void save(api, 'csv', deliverFile)} disabled={download.state === 'saving'} data-testid="report-csv">
              {t('reports.download.csv')}
            </Button>
          </div>
          <div aria-live="polite">
            {download.state === 'saving' && <p className="reports__status">{t('reports.download.saving')}</p>}
            {download.state === 'done' && (
              <Banner tone="ok" data-testid="report-downloaded">
                {t('reports.download.done', { name: download.fileName })}
              </Banner>
            )}
            {download.state === 'error' && <Banner tone="error">{errorMessage(t, download.error)}</Banner>}
          </div>
          {shownFor.rows.length === 0 ? (
            <Banner tone="info" role="status" data-testid="report-empty">
              {t('reports.empty')}
            </Banner>
          ) : shownFor.report === PARTNER_WEEKLY ? (
            <PartnerWeeklyTable result={shownFor} />
          ) : (
            <>
              <ReportChart result={shownFor} />
              <ReportTable result={shownFor} />
            </>
          )}
        </div>
      )}
    </section>
  );
}
