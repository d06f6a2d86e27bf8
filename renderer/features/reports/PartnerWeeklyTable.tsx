// The weekly partner report on screen, in the head office's column order; a warning when an
// account has no partner number (its points cannot be credited).
import { useTranslation } from 'react-i18next';
import type { PartnerWeeklyResult } from '../../../core/reports.js';
import { formatRoubles } from '../../format/money.js';
import { formatPhone } from '../../format/phone.js';
import { Banner } from '../../ui/index.js';
import { formatDay } from './format.js';

const COLUMNS = ['n', 'partnerNumber', 'customerName', 'phone', 'email', 'saleType', 'seller', 'orders', 'amountKopecks'] as const;
const NUMERIC = new Set<string>(['n', 'orders', 'amountKopecks']);

export function PartnerWeeklyTable({ result }: { result: PartnerWeeklyResult }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const caption = `${t('reports.names.partner-weekly')}, ${formatDay(result.range.from, lang)} — ${formatDay(result.range.to, lang)}`;
  const dash = t('reports.none.dash');
  const totals: Array<[string, number, number]> = [
    [t('reports.partner.totals.retail'), result.totals.retailOrders, result.totals.retailKopecks],
    [t('reports.partner.totals.subdealer'), result.totals.subdealerOrders, result.totals.subdealerKopecks],
    [t('reports.partner.totals.all'), result.totals.orders, result.totals.amountKopecks],
  ];
  return (
    <>
      <dl className="reports__dealer">
        <div>
          <dt>{t('reports.partner.dealer')}</dt>
          <dd data-testid="partner-dealer">{result.dealer.name || dash}</dd>
        </div>
        <div>
          <dt>{t('reports.partner.code')}</dt>
          <dd>{result.dealer.code || t('reports.partner.noCode')}</dd>
        </div>
      </dl>
      {result.missingPartnerNumbers > 0 && (
        <Banner tone="warn" role="status" data-testid="partner-missing">
          {t('reports.partner.missing', { count: result.missingPartnerNumbers })}
        </Banner>
      )}
      <div className="reports__table-wrap" role="region" aria-label={caption} tabIndex={0}>
        <table className="reports__table" data-testid="report-table">
          <caption>{caption}</caption>
          <thead>
            <tr>
              {COLUMNS.map((c) => (
                <th key={c} scope="col" className={NUMERIC.has(c) ? 'reports__num' : undefined}>
                  {t(`reports.partner.columns.${c}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {result.rows.map((r, i) => (
              <tr key={i}>
                <td className="reports__num">{i + 1}</td>
                <td className={r.partnerNumber ? undefined : 'reports__missing'}>{r.partnerNumber ?? dash}</td>
                <th scope="row">{r.customerName}</th>
                <td className="reports__nowrap">{r.phone ? formatPhone(r.phone) : dash}</td>
                <td>{r.email ?? dash}</td>
                <td>{t(`reports.partner.saleTypes.${r.saleType}`)}</td>
                <td>{r.seller ?? t('reports.partner.own')}</td>
                <td className="reports__num">{r.orders}</td>
                <td className="reports__num">{formatRoubles(r.amountKopecks)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            {totals.map(([label, orders, kopecks]) => (
              <tr key={label}>
                <th scope="row" colSpan={7}>
                  {label}
                </th>
                <td className="reports__num">{orders}</td>
                <td className="reports__num">{formatRoubles(kopecks)}</td>
              </tr>
            ))}
          </tfoot>
        </table>
      </div>
    </>
  );
}
