import { csvCell } from '../safeText';
import { bottleneckHeadline, riskInWords } from './headline';
import { type ForecastData, forecastOrigin } from '../base/forecastSchema';
import { formatDuration, formatUtc, formatValue } from '../format';
import { type L10n, english } from '../l10n';
import { mergeWarnings, plainDates } from './warningText';
import { forecastRiskReasons } from './riskReasons';

/**
 * The readable report of one forecast (the CLI's, and Show Report's in the editor): the
 * answer first, then a row per metric, in the language `l10n` speaks (English unless the
 * editor passes its own).
 */
export function formatForecastTable(data: ForecastData, l10n: L10n = english): string {
  const start = forecastOrigin(data);
  const duration = (ms: number): string => formatDuration(ms, l10n);
  const rel = (iso: string | null): string => (iso ? l10n.t('in {0}', duration(Date.parse(iso) - start)) : '—');
  const lines: string[] = [];
  const points = data.metrics[0] ? data.metrics.length : 0;
  lines.push(l10n.t('Bottleneck Forecast: {0}', data.source));
  const by =
    data.producer.provider === 'builtin'
      ? l10n.t('the built-in forecaster')
      : `${data.producer.provider} ${data.producer.model ?? ''}`.trim();
  const every = duration(data.horizon.stepSeconds * 1000);
  const horizon = duration(data.horizon.count * data.horizon.stepSeconds * 1000);
  const level = Math.round(data.level * 100);
  lines.push(
    points === 1
      ? l10n.t(
          '1 metric every {0}, horizon {1} ({2} steps), {3}% intervals, by {4}',
          every,
          horizon,
          data.horizon.count,
          level,
          by,
        )
      : l10n.t(
          '{0} metrics every {1}, horizon {2} ({3} steps), {4}% intervals, by {5}',
          points,
          every,
          horizon,
          data.horizon.count,
          level,
          by,
        ),
  );
  lines.push('');
  const h = bottleneckHeadline(data, l10n);
  const when = h.at ? ` (${formatUtc(Date.parse(h.at))})` : '';
  lines.push(
    h.probability !== null
      ? l10n.t('Bottleneck: {0}{1}, probability {2}%', h.sentence, when, Math.round(h.probability * 100))
      : l10n.t('Bottleneck: {0}{1}', h.sentence, when),
  );
  lines.push(
    l10n.t(
      'Risk: {0} ({1}/100)   Confidence: {2}',
      riskInWords(data.risk.level, l10n).toUpperCase(),
      data.risk.score,
      data.confidence.score.toFixed(2),
    ),
  );
  for (const reason of forecastRiskReasons(data, l10n)) lines.push(`  - ${reason}`);
  lines.push('');
  const header = [
    l10n.t('metric'),
    l10n.t('last'),
    l10n.t('capacity'),
    l10n.t('expected breach'),
    l10n.t('earliest'),
    l10n.t('latest'),
    l10n.t('prob.'),
    l10n.t('risk'),
    l10n.t('conf.'),
    l10n.t('method'),
  ];
  const rows = data.metrics.map((m) => [
    m.name,
    formatValue(m.lastObserved.value, m.unit),
    m.capacity === null ? '—' : `${formatValue(m.capacity, m.unit)} ${m.breachSide === 'above' ? '↑' : '↓'}`,
    m.breach?.alreadyBreached ? l10n.t('now') : rel(m.breach?.expected ?? null),
    rel(m.breach?.earliest ?? null),
    rel(m.breach?.latest ?? null),
    m.breach ? l10n.t('{0}%', Math.round(m.breach.probability * 100)) : '—',
    m.breach ? riskInWords(m.breach.risk, l10n) : '—',
    m.confidence.score.toFixed(2),
    `${m.method.chosen[0] ?? ''}${m.method.chosen.length > 1 ? ` +${m.method.chosen.length - 1}` : ''}`,
  ]);
  // Stryker disable next-line StringLiteral: every row has a cell per column; the fallback only satisfies the type checker
  const widths = header.map((h, i) => rows.reduce((w, r) => Math.max(w, (r[i] ?? '').length), h.length));
  const fmt = (r: string[]): string =>
    r
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  lines.push(fmt(header), fmt(widths.map((w) => '-'.repeat(w))));
  for (const r of rows) lines.push(fmt(r));
  if (data.warnings.length) {
    lines.push('', l10n.t('Warnings:'));
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
