import { type ForecastData, forecastOrigin } from '../base/forecastSchema';
import { formatDuration, formatValue } from '../format';

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
}

export function bottleneckHeadline(data: ForecastData): BottleneckHeadline {
  const start = forecastOrigin(data);
  const b = data.bottleneck;
  if (!b) {
    return {
      sentence: `No metric is expected to reach its capacity in the next ${formatDuration(data.horizon.count * data.horizon.stepSeconds * 1000)}`,
      at: null,
      relative: null,
      earliest: false,
      probability: null,
    };
  }
  const m = data.metrics.find((x) => x.name === b.metric);
  const cap = m?.capacity != null ? formatValue(m.capacity, m.unit) : 'its capacity';
  if (m?.breach?.alreadyBreached)
    return {
      sentence: `${b.metric} is already beyond ${cap}`,
      at: null,
      relative: 'now',
      earliest: false,
      probability: b.probability,
    };
  const at = b.expected ?? b.earliest;
  const relative = `in ${formatDuration(Date.parse(at ?? data.horizon.start) - start)}`;
  return b.expected
    ? { sentence: `${b.metric} reaches ${cap} ${relative}`, at, relative, earliest: false, probability: b.probability }
    : {
        sentence: `${b.metric} could reach ${cap} ${relative} at the earliest`,
        at,
        relative,
        earliest: true,
        probability: b.probability,
      };
}

/** The one line a notification shows: the headline with the risk and the confidence. */
export function summarize(data: ForecastData): string {
  const tail = `(risk ${data.risk.level}, confidence ${data.confidence.score.toFixed(2)})`;
  return `${data.bottleneck ? 'Bottleneck: ' : 'Bottleneck Forecast: '}${bottleneckHeadline(data).sentence} ${tail}.`;
}
