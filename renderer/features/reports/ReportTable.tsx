// One table report: headers from the i18n files, values formatted for the user's language,
// the totals in the footer. A scrollable region when the columns do not fit (200 % zoom).
import { useTranslation } from 'react-i18next';
import { REPORTS, type TableReportResult } from '../../../core/reports.js';
import { cellText, formatDay, isNumeric } from './format.js';

export function ReportTable({ result }: { result: TableReportResult }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { columns } = REPORTS[result.report];
  const rows = result.rows as Array<Record<string, unknown>>;
  const totals = result.totals as Record<string, unknown> | null;
  const title = t(`reports.names.${result.report}`);
  const caption = `${title}, ${formatDay(result.range.from, lang)} — ${formatDay(result.range.to, lang)}`;
  const cls = (kind: Parameters<typeof isNumeric>[0]) => (isNumeric(kind) ? 'reports__num' : undefined);
  return (
    <div className="reports__table-wrap" role="region" aria-label={caption} tabIndex={0}>
      <table className="reports__table" data-testid="report-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.key} scope="col" className={cls(c.kind)}>
                {t(`reports.columns.${result.report}.${c.key}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr key={i}>
              {columns.map((c, j) =>
                j === 0 ? (
                  <th key={c.key} scope="row">
                    {cellText(t, lang, c, row[c.key])}
                  </th>
                ) : (
                  <td key={c.key} className={cls(c.kind)}>
                    {cellText(t, lang, c, row[c.key])}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
        {totals && (
          <tfoot>
            <tr data-testid="report-totals">
              {columns.map((c, j) =>
                j === 0 ? (
                  <th key={c.key} scope="row">
                    {t('reports.total')}
                  </th>
                ) : (
                  <td key={c.key} className={cls(c.kind)}>
                    {totals[c.key] === null ? '' : cellText(t, lang, c, totals[c.key])}
                  </td>
                ),
              )}
            </tr>
          </tfoot>
        )}
      </table>
    </div>
  );
}
