import { bottleneckHeadline } from '../forecast/headline';
import * as path from 'node:path';
import {
  type ForecastData,
  forecastOrigin,
  type MetricForecast,
  type MetricSeries,
  type MetricSet,
} from '../base/forecastSchema';
import { formatDuration, formatUtc, formatValue } from '../format';
import { providerLabel } from '../base/providerIds';
import { type TokenPrice, usageLine } from '../base/tokenUsage';
import { type PanelMetric, type PanelModel } from './panelMessages';
import { lastTouch } from '../forecast/capacityTouch';
import { type FailoverNote, describeFailover } from '../health/forecastWithFailover';
import { forecastRiskReasons } from '../forecast/riskReasons';
import { type L10n, english } from '../l10n';
import { confidenceInWords, mergeWarnings, methodsInWords, plainDates } from './plainWords';

/** Longest history the panel receives per metric; longer histories are decimated to it. */
export const MAX_HISTORY_POINTS = 20_000;

export interface PanelModelOptions {
  readonly maxHistoryPoints?: number;
  /** Every series of a source ranked as a fleet, when the charts show only the first (at most 1,000 rows are sent). */
  readonly fleet?: NonNullable<PanelModel['fleet']>;
  /** The forecast was made after a failover: said at the top of the panel. */
  readonly failover?: FailoverNote;
  /** The person's price for the producer's tokens: the header adds an estimate. */
  readonly price?: TokenPrice;
  /** The language of the headline and the header's sentences (English when not given). */
  readonly l10n?: L10n;
}

/** The id of the panel's model of a forecast: what a page VS Code restored says it shows. */
export function panelModelId(data: Pick<ForecastData, 'createdAt' | 'source' | 'producer'>): string {
  return `${data.createdAt}|${data.source}|${data.producer.provider}`;
}

/**
 * What the panel shows for one forecast: `ForecastData` plus the history it was made
 * from (which the schema does not carry), with the sentences a person reads already
 * written, the same way the CLI writes them.
 */
export function buildPanelModel(
  data: ForecastData,
  set: MetricSet | undefined,
  options: PanelModelOptions = {},
): PanelModel {
  const stepMs = data.horizon.stepSeconds * 1000;
  const now = forecastOrigin(data);
  const horizonMs = data.horizon.count * stepMs;
  const createdAt = Date.parse(data.createdAt);
  const metrics = data.metrics.map((m) =>
    panelMetric(
      m,
      set?.metrics.find((s) => s.name === m.name),
      now,
      horizonMs,
      options.maxHistoryPoints ?? MAX_HISTORY_POINTS,
      stepMs,
      options.l10n ?? english,
    ),
  );
  const b = data.bottleneck;
  const l10n = options.l10n ?? english;
  const h = bottleneckHeadline(data, l10n);
  return {
    id: panelModelId(data),
    source: path.basename(data.source),
    sourcePath: data.source,
    createdAt,
    createdAtText: formatUtc(createdAt),
    producer: {
      provider: providerLabel(data.producer.provider),
      model: data.producer.model,
      method: data.producer.method,
    },
    now,
    horizonEnd: now + horizonMs,
    horizonText: l10n.t(
      '{0} ({1} steps of {2}), {3}% intervals',
      formatDuration(horizonMs, l10n),
      data.horizon.count,
      formatDuration(stepMs, l10n),
      Math.round(data.level * 100),
    ),
    level: data.level,
    headline: {
      metric: b?.metric ?? null,
      text: h.sentence,
      relative: h.relative,
      absolute: h.at ? formatUtc(Date.parse(h.at)) : null,
      probability: h.probability,
    },
    risk: { level: data.risk.level, score: data.risk.score, reasons: forecastRiskReasons(data, l10n).map(plainDates) },
    confidence: { score: data.confidence.score, ...data.confidence.components },
    confidenceText: confidenceInWords(
      data.confidence.components,
      data.level,
      data.producer.provider === 'builtin',
      // the overall confidence is the bottleneck's: its backtest coverage is the one scored
      data.producer.provider === 'builtin' && b
        ? (data.metrics.find((m) => m.name === b.metric && m.confidence.score === data.confidence.score)?.method
            .backtestCoverage ?? null)
        : null,
      l10n,
    ),
    // one date format across the panel, and one line for what several metrics share
    warnings: mergeWarnings(
      data.warnings.map(plainDates),
      data.metrics.map((m) => m.name),
    ),
    narrative: data.narrative,
    // an LLM's forecast: its tokens (or that they are unknown) and, with a price, the estimate
    usage: data.producer.usage === undefined ? null : usageLine(data.producer.usage, options.price, l10n),
    failover: options.failover ? describeFailover(options.failover) : null,
    touched: set ? touchedSentences(data, set, now, l10n) : [],
    metrics,
    ...(options.fleet ? { fleet: { total: options.fleet.total, rows: options.fleet.rows.slice(0, 1000) } } : {}),
  };
}

/**
 * For each metric with a capacity whose history reached it and came back (one beyond it
 * now is said by the headline and its breach): when it last did, from the history itself.
 */
function touchedSentences(data: ForecastData, set: MetricSet, now: number, l10n: L10n): string[] {
  const out: string[] = [];
  for (const m of data.metrics) {
    const series = set.metrics.find((s) => s.name === m.name);
    if (m.capacity === null || !series || m.breach?.alreadyBreached) continue;
    const at = lastTouch(series, m.capacity, m.breachSide);
    if (at === null) continue;
    const before = now - at;
    const capacity = formatValue(m.capacity, m.unit);
    const when = formatUtc(at);
    const ago = formatDuration(before, l10n);
    out.push(
      m.breachSide === 'above'
        ? before > 0
          ? l10n.t(
              '{0} already reached {1} in its history: at or above it at {2}, {3} before the last data point.',
              m.name,
              capacity,
              when,
              ago,
            )
          : l10n.t('{0} already reached {1} in its history: at or above it at {2}.', m.name, capacity, when)
        : before > 0
          ? l10n.t(
              '{0} already reached {1} in its history: at or below it at {2}, {3} before the last data point.',
              m.name,
              capacity,
              when,
              ago,
            )
          : l10n.t('{0} already reached {1} in its history: at or below it at {2}.', m.name, capacity, when),
    );
  }
  return out;
}

function panelMetric(
  m: MetricForecast,
  series: MetricSeries | undefined,
  now: number,
  horizonMs: number,
  maxPoints: number,
  stepMs: number,
  l10n: L10n,
): PanelMetric {
  const best = m.method.scores.find((s) => s.method === m.method.chosen[0]) ?? m.method.scores[0];
  const history = series
    ? decimate(series, maxPoints)
    : { start: Date.parse(m.lastObserved.t), step: 1, values: Float64Array.of(m.lastObserved.value) };
  const rel = (iso: string | null): string | null =>
    iso ? l10n.t('in {0}', formatDuration(Date.parse(iso) - now, l10n)) : null;
  return {
    name: m.name,
    unit: m.unit,
    capacity: m.capacity,
    breachSide: m.breachSide,
    lastValue: m.lastObserved.value,
    breach: m.breach
      ? {
          expected: m.breach.expected ? Date.parse(m.breach.expected) : null,
          earliest: m.breach.earliest ? Date.parse(m.breach.earliest) : null,
          latest: m.breach.latest ? Date.parse(m.breach.latest) : null,
          probability: m.breach.probability,
          risk: m.breach.risk,
          riskScore: m.breach.riskScore,
          alreadyBreached: m.breach.alreadyBreached,
          expectedIn: m.breach.alreadyBreached ? l10n.t('now') : rel(m.breach.expected),
          expectedAt: m.breach.expected ? formatUtc(Date.parse(m.breach.expected)) : null,
          earliestIn: rel(m.breach.earliest),
        }
      : null,
    method: m.method.chosen.join(' + '),
    methodText: methodsInWords(m.method.chosen, m.method.combination, stepMs, l10n),
    combination: m.method.combination,
    mase: best?.mase ?? null,
    smape: best?.smape ?? null,
    backtestCoverage: m.method.backtestCoverage,
    confidence: m.confidence.score,
    history,
    // typed arrays, each on its own buffer: VS Code sends a typed array's whole buffer
    forecast: {
      t: Float64Array.from(m.points, (p) => Date.parse(p.t)),
      value: Float64Array.from(m.points, (p) => p.value),
      lower: Float64Array.from(m.points, (p) => p.lower),
      upper: Float64Array.from(m.points, (p) => p.upper),
    },
    viewFrom: Math.max(history.start, now - 4 * horizonMs),
    // the latest level shift, drawn as a marker: the forecast starts from the level after it
    levelShift: m.levelShift
      ? {
          t: Date.parse(m.levelShift.t),
          before: m.levelShift.before,
          after: m.levelShift.after,
          text: l10n.t(
            'stepped {0} → {1}',
            formatValue(m.levelShift.before, m.unit),
            formatValue(m.levelShift.after, m.unit),
          ),
        }
      : null,
  };
}

/**
 * The history on its grid, at most `maxPoints` values. A longer one is cut into buckets
 * of `stride` steps, each shown by its most extreme value toward the breach side (the
 * peak for "above", the trough for "below"), so decimation never hides a near-breach.
 * The last bucket ends at the last observation.
 */
export function decimate(
  series: Pick<MetricSeries, 'start' | 'stepMs' | 'values' | 'breach'>,
  maxPoints: number,
): PanelMetric['history'] {
  const n = series.values.length;
  const stride = Math.max(1, Math.ceil(n / Math.max(1, maxPoints)));
  // a copy on its own buffer even when nothing is cut: VS Code sends a typed array's whole buffer
  if (stride === 1) return { start: series.start, step: series.stepMs, values: series.values.slice() };
  const buckets = Math.ceil(n / stride);
  const first = n - buckets * stride; // may be negative: the first bucket is partial
  const out = new Float64Array(buckets);
  const pick = series.breach === 'below' ? Math.min : Math.max;
  for (let b = 0; b < buckets; b++) {
    const from = Math.max(0, first + b * stride);
    const to = first + (b + 1) * stride;
    let v = series.values[from] as number;
    for (let i = from + 1; i < to; i++) v = pick(v, series.values[i] as number);
    out[b] = v;
  }
  // Bucket b is placed at its last step, so the final value sits at the last observation.
  return { start: series.start + (first + stride - 1) * series.stepMs, step: stride * series.stepMs, values: out };
}
