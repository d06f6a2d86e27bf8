// The chart of a table report (ECharts, SVG so it stays sharp at any zoom): the series the
// report's definition names, over its rows, in the theme's colours and at least 18 px text.
// The same figures are in the table below it, which is what screen readers get.
import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { REPORTS, type TableReportResult } from '../../../core/reports.js';
import { usePreferences } from '../preferences/PreferencesContext.js';
import { cellText } from './format.js';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

/** Long lists are cut in the chart (the table has them all); rows come sorted by importance. */
export const CHART_MAX_BARS = 20;
const FONT_SIZE = 18;

type Row = Record<string, unknown>;

/** The words under a bar: the category column, or a pair where one column is not enough. */
function labelOf(t: TFunction, lang: string, result: TableReportResult, row: Row): string {
  const def = REPORTS[result.report];
  const col = (key: string) => {
    const c = def.columns.find((x) => x.key === key);
    return c ? cellText(t, lang, c, row[key]) : String(row[key] ?? '');
  };
  switch (result.report) {
    case 'stage-time':
      return `${col('stage')} (${col('pipeline')})`;
    case 'between-operations':
      return `${col('fromStage')} → ${col('toStage')}`;
    case 'channels':
      return row.source ? `${col('channel')}: ${col('source')}` : col('channel');
    case 'cancellations':
      return `${col('reason')} (${col('role')})`;
    default:
      return col(def.chart.category);
  }
}

function cssVar(name: string, fallback: string): string {
  const v = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  return v || fallback;
}

/** Series colours by meaning where there is one (answered green, missed red), else the theme's. */
function seriesColor(key: string, index: number): string {
  if (key === 'answered' || key === 'sales') return cssVar('--color-ok', '#0b5a1e');
  if (key === 'missed' || key === 'cancellations') return cssVar('--color-error', '#8f0a0a');
  return index === 0 ? cssVar('--color-primary', '#0a3a82') : cssVar('--color-warn', '#6a4000');
}

export function ReportChart({ result }: { result: TableReportResult }) {
  const ref = useRef<HTMLDivElement>(null);
  const { t, i18n } = useTranslation();
  const { prefs } = usePreferences();
  const def = REPORTS[result.report];
  const rows = result.rows as Row[];
  const vertical = def.chart.category === 'day';
  const shown = useMemo(() => (vertical ? rows : rows.slice(0, CHART_MAX_BARS)), [rows, vertical]);
  const height = vertical ? 420 : Math.max(240, shown.length * 52 + 120);

  useEffect(() => {
    const el = ref.current;
    if (!el || shown.length === 0) return;
    const lang = i18n.language;
    const text = cssVar('--color-text', '#111111');
    const divider = cssVar('--color-divider', '#8a8a8a');
    const labels = shown.map((r) => labelOf(t, lang, result, r));
    const money = new Set(def.columns.filter((c) => c.kind === 'money').map((c) => c.key));
    const numbers = new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'ru-RU', { maximumFractionDigits: 1 });
    const kinds = new Map(def.columns.map((c) => [c.key, c.kind]));
    // Counts have no halves: the axis steps by whole numbers.
    const wholeNumbers = def.chart.series.every((key) => kinds.get(key) === 'int');
    const valueAxis = {
      type: 'value' as const,
      ...(wholeNumbers ? { minInterval: 1 } : {}),
      axisLabel: { color: text, fontSize: FONT_SIZE, formatter: (v: number) => numbers.format(v) },
      splitLine: { lineStyle: { color: divider } },
    };
    const categoryAxis = {
      type: 'category' as const,
      data: vertical ? labels : [...labels].reverse(),
      axisLabel: { color: text, fontSize: FONT_SIZE, width: 260, overflow: 'truncate' as const },
      axisLine: { lineStyle: { color: text } },
    };
    const series = def.chart.series.map((key, i) => {
      const data = shown.map((r) => {
        const v = r[key];
        if (v === null || v === undefined) return '-';
        return money.has(key) ? Number(v) / 100 : Number(v);
      });
      return {
        name: t(`reports.series.${key}`),
        type: def.chart.type === 'line' ? ('line' as const) : ('bar' as const),
        ...(def.chart.type === 'stacked-bar' ? { stack: 'total' } : {}),
        data: vertical ? data : [...data].reverse(),
        itemStyle: { color: seriesColor(key, i) },
      };
    });
    const chart = echarts.init(el, undefined, { renderer: 'svg' });
    chart.setOption({
      animation: false,
      textStyle: { fontSize: FONT_SIZE, color: text, fontFamily: getComputedStyle(document.body).fontFamily },
      // The legend names what is measured (and its unit), even for one series.
      legend: { show: true, top: 0, textStyle: { color: text, fontSize: FONT_SIZE }, itemWidth: 28, itemHeight: 18 },
      tooltip: { trigger: 'axis', textStyle: { fontSize: FONT_SIZE }, valueFormatter: (v: unknown) => (typeof v === 'number' ? numbers.format(v) : String(v)) },
      grid: { left: 16, right: 32, top: 56, bottom: 16, containLabel: true },
      xAxis: vertical ? categoryAxis : valueAxis,
      yAxis: vertical ? valueAxis : categoryAxis,
      series,
    });
    const resize = new ResizeObserver(() => chart.resize());
    resize.observe(el);
    return () => {
      resize.disconnect();
      chart.dispose();
    };
  }, [result, shown, def, vertical, t, i18n.language, prefs.theme]);

  if (shown.length === 0) return null;
  const title = t(`reports.names.${result.report}`);
  return (
    <figure className="reports__chart">
      <figcaption>
        {t('reports.chartTitle', { title })}. {rows.length > shown.length ? `${t('reports.chartTop', { shown: shown.length, all: rows.length })} ` : ''}
        {t('reports.chartHint')}
      </figcaption>
      {/* A picture for the eyes; the table below carries the same figures for everyone. */}
      <div ref={ref} className="reports__chart-canvas" style={{ height }} role="img" aria-label={t('reports.chartTitle', { title })} data-testid="report-chart" />
    </figure>
  );
}
