import { csvCell } from '../safeText';
import { bottleneckHeadline } from './headline';
import { type ForecastData, forecastOrigin } from '../base/forecastSchema';
import { formatDuration, formatUtc, formatValue } from '../format';
import { mergeWarnings, plainDates } from './warningText';

/** The CLI's readable report of one forecast: the answer first, then a row per metric. */
export function formatForecastTable(data: ForecastData): string {
  const start = forecastOrigin(data);
  const rel = (iso: string | null): string => (iso ? `in ${formatDuration(Date.parse(iso) - start)}` : '—');
  const lines: string[] = [];
  const points = data.metrics[0] ? data.metrics.length : 0;
  lines.push(`Bottleneck Forecast: ${data.source}`);
  lines.push(
    `${points} metric${points === 1 ? '' : 's'} every ${formatDuration(data.horizon.stepSeconds * 1000)}, horizon ${formatDuration(data.horizon.count * data.horizon.stepSeconds * 1000)} (${data.horizon.count} steps), ${Math.round(data.level * 100)}% intervals, by ${data.producer.provider === 'builtin' ? 'the built-in forecaster' : `${data.producer.provider} ${data.producer.model ?? ''}`.trim()}`,
  );
  lines.push('');
  const h = bottleneckHeadline(data);
  lines.push(
    `Bottleneck: ${h.sentence}${h.at ? ` (${formatUtc(Date.parse(h.at))})` : ''}${h.probability !== null ? `, probability ${Math.round(h.probability * 100)}%` : ''}`,
  );
  lines.push(
    `Risk: ${data.risk.level.toUpperCase()} (${data.risk.score}/100)   Confidence: ${data.confidence.score.toFixed(2)}`,
  );
  for (const reason of data.risk.reasons) lines.push(`  - ${reason}`);
  lines.push('');
  const header = [
    'metric',
    'last',
    'capacity',
    'expected breach',
    'earliest',
    'latest',
    'prob.',
    'risk',
    'conf.',
    'method',
  ];
  const rows = data.metrics.map((m) => [
    m.name,
    formatValue(m.lastObserved.value, m.unit),
    m.capacity === null ? '—' : `${formatValue(m.capacity, m.unit)} ${m.breachSide === 'above' ? '↑' : '↓'}`,
    m.breach?.alreadyBreached ? 'now' : rel(m.breach?.expected ?? null),
    rel(m.breach?.earliest ?? null),
    rel(m.breach?.latest ?? null),
    m.breach ? `${Math.round(m.breach.probability * 100)}%` : '—',
    m.breach?.risk ?? '—',
    m.confidence.score.toFixed(2),
    `${m.method.chosen[0] ?? ''}${m.method.chosen.length > 1 ? ` +${m.method.chosen.length - 1}` : ''}`,
  ]);
  const widths = header.map((h, i) => rows.reduce((w, r) => Math.max(w, (r[i] ?? '').length), h.length));
  const fmt = (r: string[]): string =>
    r
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  lines.push(fmt(header), fmt(widths.map((w) => '-'.repeat(w))));
  for (const r of rows) lines.push(fmt(r));
  if (data.warnings.length) {
    lines.push('', 'Warnings:');
    // as the panel says them: one line for what several metrics share, times as above
    const warnings = mergeWarnings(
      data.warnings.map(plainDates),
      data.metrics.map((m) => m.name),
    );
    for (const w of warnings) lines.push(`  - ${w}`);
  }
  return lines.join('\n');
}

/** The forecast points as CSV: metric,timestamp,value,lower,upper. */
export function formatForecastCsv(all: readonly ForecastData[]): string {
  const lines = ['source,metric,timestamp,value,lower,upper'];
  for (const data of all)
    for (const m of data.metrics)
      for (const p of m.points)
        lines.push([csvCell(data.source), csvCell(m.name), p.t, p.value, p.lower, p.upper].join(','));
  return lines.join('\n');
}
