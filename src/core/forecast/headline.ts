import { type ForecastData, type MetricForecast, forecastOrigin } from '../base/forecastSchema';
import { formatDuration, formatValue } from '../format';
import { type L10n, english } from '../l10n';

/** The answer in one sentence, as every surface says it (CLI table, HTML report, notification, panel). */
export interface BottleneckHeadline {
  /**
   * "latency_p95 reaches 350 ms in 4 d 14 h", "… could reach 350 ms in 14 h at the
   * earliest", "… is already beyond 350 ms", or "No metric is expected to reach its
   * capacity in the next 7 d". Relative times are from the last observation.
   */
  readonly sentence: string;
  /** The breach the sentence speaks of (ISO), for a surface that adds the UTC time. */
  readonly at: string | null;
  /** "in 4 d 14 h" from the last observation, "now" when already beyond capacity, null without a bottleneck. */
  readonly relative: string | null;
  /** Whether `at` is the earliest (pessimistic) crossing rather than the expected one. */
  readonly earliest: boolean;
  /** The breach probability within the horizon, when there is a bottleneck. */
  readonly probability: number | null;
  /**
   * Metrics that breach at the same instant as the bottleneck (or are beyond capacity with
   * it), named in the sentence with it: "cpu_utilization and latency_p95 reach their
   * capacities (85 %, 350 ms) in 3 d 13 h".
   */
  readonly tied: readonly string[];
}

/** The headline in the language `l10n` speaks (English unless the editor passes its own). */
export function bottleneckHeadline(data: ForecastData, l10n: L10n = english): BottleneckHeadline {
  const start = forecastOrigin(data);
  const b = data.bottleneck;
  if (!b) {
    return {
      sentence: l10n.t(
        'No metric is expected to reach its capacity in the next {0}',
        formatDuration(data.horizon.count * data.horizon.stepSeconds * 1000, l10n),
      ),
      at: null,
      relative: null,
      earliest: false,
      probability: null,
      tied: [],
    };
  }
  const m = data.metrics.find((x) => x.name === b.metric);
  const already = m?.breach?.alreadyBreached === true;
  // metrics that breach at the very instant the bottleneck does are named with it
  const tied = data.metrics.filter(
    (x) =>
      x.name !== b.metric &&
      x.capacity !== null &&
      x.breach !== null &&
      (already
        ? x.breach.alreadyBreached
        : !x.breach.alreadyBreached &&
          (b.expected
            ? x.breach.expected === b.expected
            : x.breach.expected === null && x.breach.earliest === b.earliest)),
  );
  const first = m ?? { name: b.metric, capacity: null, unit: null };
  const ties = tied.map((x) => x.name);
  const who = listOf(first.name, ties, l10n);
  const capOf = (x: Pick<MetricForecast, 'capacity' | 'unit'>): string =>
    x.capacity != null ? formatValue(x.capacity, x.unit) : l10n.t('its capacity');
  const cap = capOf(first);
  const caps = [cap, ...tied.map(capOf)].join(', ');
  const one = tied.length === 0;
  if (already)
    return {
      sentence: one
        ? l10n.t('{0} is already beyond {1}', who, cap)
        : l10n.t('{0} are already beyond their capacities ({1})', who, caps),
      at: null,
      relative: l10n.t('now'),
      earliest: false,
      probability: b.probability,
      tied: ties,
    };
  const at = b.expected ?? b.earliest;
  const span = formatDuration(Date.parse(at ?? data.horizon.start) - start, l10n);
  const relative = l10n.t('in {0}', span);
  return b.expected
    ? {
        sentence: one
          ? l10n.t('{0} reaches {1} in {2}', who, cap, span)
          : l10n.t('{0} reach their capacities ({1}) in {2}', who, caps, span),
        at,
        relative,
        earliest: false,
        probability: b.probability,
        tied: ties,
      }
    : {
        sentence: one
          ? l10n.t('{0} could reach {1} in {2} at the earliest', who, cap, span)
          : l10n.t('{0} could reach their capacities ({1}) in {2} at the earliest', who, caps, span),
        at,
        relative,
        earliest: true,
        probability: b.probability,
        tied: ties,
      };
}

/** "a", "a and b", "a, b and c". */
function listOf(first: string, rest: readonly string[], l10n: L10n): string {
  const last = rest.at(-1);
  return last === undefined ? first : l10n.t('{0} and {1}', [first, ...rest].slice(0, -1).join(', '), last);
}

/** A risk level as a person reads it ("none" … "critical"). */
export function riskInWords(level: ForecastData['risk']['level'], l10n: L10n = english): string {
  switch (level) {
    case 'none':
      return l10n.t('none');
    case 'low':
      return l10n.t('low');
    case 'medium':
      return l10n.t('medium');
    case 'high':
      return l10n.t('high');
    case 'critical':
      return l10n.t('critical');
  }
}

/** The one line a notification shows: the headline with the risk and the confidence. */
export function summarize(data: ForecastData, l10n: L10n = english): string {
  const sentence = bottleneckHeadline(data, l10n).sentence;
  const risk = riskInWords(data.risk.level, l10n);
  const confidence = data.confidence.score.toFixed(2);
  return data.bottleneck
    ? l10n.t('Bottleneck: {0} (risk {1}, confidence {2}).', sentence, risk, confidence)
    : l10n.t('Bottleneck Forecast: {0} (risk {1}, confidence {2}).', sentence, risk, confidence);
}
