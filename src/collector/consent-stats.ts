/**
 * Consent statistics for the admin page: decisions per day, stacked by one dimension (action,
 * layer, revision or locale), computed from the stored rows. Nothing new about visitors is kept:
 * the buckets count records that are already in the log.
 */
import { escapeHtml } from './admin-page.js';
import { csvField } from './export-format.js';
import type { StatsRow } from './proof-store.js';

/** What the chart stacks by. */
export const STATS_DIMENSIONS = ['action', 'layer', 'revision', 'locale'] as const;
/** One of STATS_DIMENSIONS. */
export type StatsDimension = (typeof STATS_DIMENSIONS)[number];

/** Labels for the actions of a proof record, as a site owner reads them. */
const ACTION_LABELS: Readonly<Record<string, string>> = {
  accept: 'accept all',
  reject: 'reject all',
  custom: 'custom',
  withdraw: 'withdraw',
  dismiss: 'dismiss',
  renew: 'renew',
  embed: 'load once',
};

const PALETTE = ['#1b6ac9', '#c0392b', '#7d3c98', '#b9770e', '#117a65', '#5d6d7e', '#d35400', '#2e86c1', '#a93226', '#148f77'];

/** The buckets as CSV (`day,action,layer,revision,locale,count`), formula-safe. */
export function statsCsv(rows: readonly StatsRow[]): string {
  const header = 'day,action,layer,revision,locale,count\r\n';
  return header + rows.map((row) => `${[row.day, row.action, row.layer, row.revision, row.locale, row.count].map(csvField).join(',')}\r\n`).join('');
}

/** Per day, the count of each value of `dimension`; days without decisions are listed with none. */
export function statsByDay(rows: readonly StatsRow[], dimension: StatsDimension, from: Date, days: number): { days: string[]; series: Map<string, number[]> } {
  const labels = Array.from({ length: days }, (_, index) => new Date(from.getTime() + index * 86_400_000).toISOString().slice(0, 10));
  const series = new Map<string, number[]>();
  for (const row of rows) {
    const index = labels.indexOf(row.day);
    if (index < 0) continue;
    const key = String(row[dimension] ?? '');
    let counts = series.get(key);
    if (!counts) series.set(key, (counts = labels.map(() => 0)));
    counts[index]! += row.count;
  }
  return { days: labels, series };
}

function label(dimension: StatsDimension, value: string): string {
  return dimension === 'action' ? (ACTION_LABELS[value] ?? value) : value || '(none)';
}

/** An inline SVG bar chart, stacked; no script, so the admin page's CSP stays `default-src 'none'`. */
export function renderStatsChart(byDay: ReturnType<typeof statsByDay>, dimension: StatsDimension): string {
  const width = 720;
  const height = 220;
  const keys = [...byDay.series.keys()].sort();
  const totals = byDay.days.map((_, index) => keys.reduce((sum, key) => sum + byDay.series.get(key)![index]!, 0));
  const max = Math.max(1, ...totals);
  const bar = width / Math.max(1, byDay.days.length);
  const rects: string[] = [];
  byDay.days.forEach((day, index) => {
    let y = height;
    keys.forEach((key, keyIndex) => {
      const count = byDay.series.get(key)![index]!;
      if (!count) return;
      const h = (count / max) * (height - 10);
      y -= h;
      rects.push(
        `<rect x="${(index * bar + 1).toFixed(1)}" y="${y.toFixed(1)}" width="${Math.max(1, bar - 2).toFixed(1)}" height="${h.toFixed(1)}" fill="${PALETTE[keyIndex % PALETTE.length]}"><title>${escapeHtml(`${day} · ${label(dimension, key)}: ${count}`)}</title></rect>`,
      );
    });
  });
  const legend = keys
    .map((key, keyIndex) => `<li><svg width="12" height="12" aria-hidden="true"><rect width="12" height="12" fill="${PALETTE[keyIndex % PALETTE.length]}"/></svg> ${escapeHtml(label(dimension, key))}</li>`)
    .join('');
  const first = byDay.days[0] ?? '';
  const last = byDay.days[byDay.days.length - 1] ?? '';
  return `<figure><svg role="img" aria-label="Decisions per day by ${dimension}, ${escapeHtml(first)} to ${escapeHtml(last)}, at most ${max} a day" viewBox="0 0 ${width} ${height}" width="100%" height="${height}" preserveAspectRatio="none">
<line x1="0" y1="${height}" x2="${width}" y2="${height}" stroke="#999"/>${rects.join('')}</svg>
<figcaption>${escapeHtml(first)} – ${escapeHtml(last)}; the highest day had ${max} decisions.</figcaption><ul class="legend">${legend}</ul></figure>`;
}

/** Totals over the period per value of each dimension. */
export function statsTotals(rows: readonly StatsRow[]): Record<StatsDimension, Array<[string, number]>> {
  const result = {} as Record<StatsDimension, Array<[string, number]>>;
  for (const dimension of STATS_DIMENSIONS) {
    const totals = new Map<string, number>();
    for (const row of rows) totals.set(String(row[dimension] ?? ''), (totals.get(String(row[dimension] ?? '')) ?? 0) + row.count);
    result[dimension] = [...totals].sort((a, b) => b[1] - a[1]);
  }
  return result;
}

/** The body of the statistics page. */
export function renderStatsBody(rows: readonly StatsRow[], dimension: StatsDimension, from: Date, days: number): string {
  const byDay = statsByDay(rows, dimension, from, days);
  const totals = statsTotals(rows);
  const tabs = STATS_DIMENSIONS.map((name) =>
    name === dimension ? `<strong>${name}</strong>` : `<a href="/admin/stats?by=${name}&amp;days=${days}">${name}</a>`,
  ).join(' · ');
  const tables = STATS_DIMENSIONS.map(
    (name) => `<table><caption>By ${name}</caption><thead><tr><th>${name}</th><th>Decisions</th></tr></thead><tbody>${
      totals[name].map(([value, count]) => `<tr><td>${escapeHtml(label(name, value))}</td><td>${count}</td></tr>`).join('') || '<tr><td colspan="2">None</td></tr>'
    }</tbody></table>`,
  ).join('');
  return `<p><a href="/admin">← Recent decisions</a></p><h1>Consent statistics</h1>
<p>Decisions per day (UTC, by the decision's own time) over the last ${days} days, by ${tabs}.
<a href="/admin/stats.csv?days=${days}">Download CSV</a></p>
${renderStatsChart(byDay, dimension)}<div class="tables">${tables}</div>`;
}
