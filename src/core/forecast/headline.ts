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
  /**
   * Metrics that breach at the same instant as the bottleneck (or are beyond capacity with
   * it), named in the sentence with it: "cpu_utilization and latency_p95 reach their
   * capacities (85 %, 350 ms) in 3 d 13 h".
   */
  readonly tied: readonly string[];
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
  const named = [m ?? { name: b.metric, capacity: null, unit: null }, ...tied];
  const who = listOf(named.map((x) => x.name));
  const caps = named.map((x) => (x.capacity != null ? formatValue(x.capacity, x.unit) : 'its capacity'));
  const cap = tied.length === 0 ? caps[0] : `their capacities (${caps.join(', ')})`;
  const verb = (one: string, many: string): string => (tied.length === 0 ? one : many);
  const ties = tied.map((x) => x.name);
  if (already)
    return {
      sentence: `${who} ${verb('is', 'are')} already beyond ${cap}`,
      at: null,
      relative: 'now',
      earliest: false,
      probability: b.probability,
      tied: ties,
    };
  const at = b.expected ?? b.earliest;
  const relative = `in ${formatDuration(Date.parse(at ?? data.horizon.start) - start)}`;
  return b.expected
    ? {
        sentence: `${who} ${verb('reaches', 'reach')} ${cap} ${relative}`,
        at,
        relative,
        earliest: false,
        probability: b.probability,
        tied: ties,
      }
    : {
        sentence: `${who} could reach ${cap} ${relative} at the earliest`,
        at,
        relative,
        earliest: true,
        probability: b.probability,
        tied: ties,
      };
}

/** "a", "a and b", "a, b and c". */
function listOf(names: readonly string[]): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1) ?? ''}`;
}

/** The one line a notification shows: the headline with the risk and the confidence. */
export function summarize(data: ForecastData): string {
  const tail = `(risk ${data.risk.level}, confidence ${data.confidence.score.toFixed(2)})`;
  return `${data.bottleneck ? 'Bottleneck: ' : 'Bottleneck Forecast: '}${bottleneckHeadline(data).sentence} ${tail}.`;
}
