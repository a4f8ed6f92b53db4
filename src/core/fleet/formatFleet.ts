import { formatDuration, formatValue } from '../format';
import { type L10n, english } from '../l10n';
import { csvCell } from '../safeText';
import { type PanelModel } from '../panel/panelMessages';
import { type FleetRow, type FleetThresholds } from './fleetRow';
import { countStatuses } from './ranking';

/** When a row breaches, in words: "breached", "in 3 d 4 h", "—" (in the language `l10n` speaks). */
export function timeToBreach(row: FleetRow, l10n: L10n = english): string {
  if (row.error !== undefined) return l10n.t('not forecast');
  if (row.alreadyBreached) return l10n.t('breached');
  if (row.msToBreach === null) return '—';
  return l10n.t('in {0}', formatDuration(row.msToBreach, l10n));
}

/** A row's status as a person reads it ("ok", "warning", "critical"). */
export function statusInWords(status: FleetRow['status'], l10n: L10n = english): string {
  switch (status) {
    case 'ok':
      return l10n.t('ok');
    case 'warning':
      return l10n.t('warning');
    case 'critical':
      return l10n.t('critical');
  }
}

/** The CLI's ranked fleet table: the top `top` rows, then a line with what was left out and the counts. */
export function formatFleetTable(
  rows: readonly FleetRow[],
  top: number,
  about: { readonly sources: readonly string[]; readonly thresholds: FleetThresholds },
): string {
  const counts = countStatuses(rows);
  const failed = rows.filter((r) => r.error !== undefined).length;
  const lines = [
    `Bottleneck Forecast: ${rows.length} series from ${about.sources.join(', ')}, soonest breach first (built-in forecaster)`,
    `Thresholds: ${[
      about.thresholds.criticalMs !== undefined ? `critical within ${formatDuration(about.thresholds.criticalMs)}` : '',
      about.thresholds.warningMs !== undefined ? `warning within ${formatDuration(about.thresholds.warningMs)}` : '',
    ]
      .filter(Boolean)
      .join(', ')}; earliest breach, from each series' last point`,
    '',
  ];
  const header = ['#', 'series', 'group', 'status', 'breach', 'expected', 'prob.', 'risk', 'conf.', 'last', 'capacity'];
  const shown = rows
    .slice(0, Math.max(0, top))
    .map((r, i) => [
      String(i + 1),
      r.series,
      r.group,
      r.status,
      timeToBreach(r),
      r.alreadyBreached
        ? 'now'
        : r.expected && r.lastObserved
          ? `in ${formatDuration(Date.parse(r.expected) - Date.parse(r.lastObserved.t))}`
          : '—',
      r.error !== undefined ? '—' : `${Math.round(r.probability * 100)}%`,
      r.error !== undefined ? '—' : r.risk,
      r.error !== undefined ? '—' : r.confidence.toFixed(2),
      r.lastObserved ? formatValue(r.lastObserved.value, r.unit ?? undefined) : '—',
      r.capacity === null
        ? '—'
        : `${formatValue(r.capacity, r.unit ?? undefined)} ${r.breachSide === 'above' ? '↑' : '↓'}`,
    ]);
  const widths = header.map((h, i) => shown.reduce((w, r) => Math.max(w, (r[i] ?? '').length), h.length));
  const fmt = (r: string[]): string =>
    r
      .map((c, i) => (i === 0 ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  lines.push(fmt(header), fmt(widths.map((w) => '-'.repeat(w))));
  for (const r of shown) lines.push(fmt(r));
  lines.push('');
  const left = rows.length - shown.length;
  lines.push(
    `${left > 0 ? `${shown.length} of ${rows.length} shown (--top). ` : ''}${counts.critical} critical, ${counts.warning} warning, ${counts.ok} ok${failed ? `; ${failed} could not be forecast` : ''}.`,
  );
  for (const r of rows.filter((x) => x.error !== undefined).slice(0, 5)) lines.push(`  - ${r.series}: ${r.error}`);
  return lines.join('\n');
}

/** Every row as CSV, in rank order. */
export function formatFleetCsv(rows: readonly FleetRow[]): string {
  const header = [
    'rank',
    'group',
    'series',
    'status',
    'already_breached',
    'ms_to_breach',
    'expected',
    'earliest',
    'probability',
    'risk',
    'risk_score',
    'confidence',
    'last_time',
    'last_value',
    'capacity',
    'breach_side',
    'unit',
    'error',
  ];
  const lines = [header.join(',')];
  rows.forEach((r, i) =>
    lines.push(
      [
        i + 1,
        r.group,
        r.series,
        r.status,
        r.alreadyBreached,
        r.msToBreach ?? '',
        r.expected ?? '',
        r.earliest ?? '',
        r.probability,
        r.risk,
        r.riskScore,
        r.confidence,
        r.lastObserved?.t ?? '',
        r.lastObserved?.value ?? '',
        r.capacity ?? '',
        r.breachSide,
        r.unit ?? '',
        r.error ?? '',
      ]
        .map((v) => (typeof v === 'number' ? String(v) : csvCell(String(v))))
        .join(','),
    ),
  );
  return lines.join('\n');
}

/** The panel's table of a fleet: every row (the first 1,000), in rank order, with its breach in words. */
export function panelFleet(rows: readonly FleetRow[], l10n: L10n = english): NonNullable<PanelModel['fleet']> {
  return {
    total: rows.length,
    rows: rows.slice(0, 1000).map((r) => ({
      series: r.series,
      group: r.group,
      status: r.status,
      breach: timeToBreach(r, l10n),
      probability: r.probability,
      risk: r.risk,
      confidence: r.confidence,
    })),
  };
}
