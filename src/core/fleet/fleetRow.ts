import { type BreachSide, type ForecastData, type RiskLevel } from '../base/forecastSchema';
import { type ResolvedPlan } from '../sources/loadPlan';

/** A series of a fleet: a metric series and the group it belongs to (a plan's metric, or a file). */
export interface FleetSeriesInfo {
  /** The series' name, with the labels that tell it apart, e.g. `disk_free{instance="db-3"}`. */
  readonly series: string;
  /** The plan metric or the file it came from. */
  readonly group: string;
}

export type FleetStatus = 'ok' | 'warning' | 'critical';

/** One ranked series: what the Capacity view, the fleet table and `--top` show. */
export interface FleetRow extends FleetSeriesInfo {
  readonly labels: Readonly<Record<string, string>>;
  readonly unit: string | null;
  readonly capacity: number | null;
  readonly breachSide: BreachSide;
  /** The newest observation (ISO time) and its value. */
  readonly lastObserved: { readonly t: string; readonly value: number } | null;
  /** When the point forecast crosses the capacity; null when it does not within the horizon. */
  readonly expected: string | null;
  /** When the pessimistic bound crosses it. */
  readonly earliest: string | null;
  readonly probability: number;
  readonly alreadyBreached: boolean;
  readonly risk: RiskLevel;
  readonly riskScore: number;
  readonly confidence: number;
  /**
   * Time from the newest observation to the earliest breach (the pessimistic bound's, else
   * the expected one); 0 when already breached; null when no breach is in sight.
   */
  readonly msToBreach: number | null;
  readonly status: FleetStatus;
  /** Why this series could not be forecast (too little history, a worker that failed twice). */
  readonly error?: string;
}

/** Time-to-breach thresholds: a plan's, or the defaults (7 days and 24 hours). */
export type FleetThresholds = ResolvedPlan['thresholds'];

export const DEFAULT_THRESHOLDS: FleetThresholds = { warningMs: 7 * 86_400_000, criticalMs: 86_400_000 };

/** A status by time to breach: within `critical` is critical, within `warning` a warning. */
export function statusOf(msToBreach: number | null, thresholds: FleetThresholds): FleetStatus {
  if (msToBreach === null) return 'ok';
  if (thresholds.criticalMs !== undefined && msToBreach <= thresholds.criticalMs) return 'critical';
  if (thresholds.warningMs !== undefined && msToBreach <= thresholds.warningMs) return 'warning';
  return 'ok';
}

/** The row of a one-series forecast. */
export function rowOf(info: FleetSeriesInfo, data: ForecastData, thresholds: FleetThresholds): FleetRow {
  const m = data.metrics[0];
  if (!m) return failedRow(info, 'the forecast held no metric');
  const b = m.breach;
  const last = Date.parse(m.lastObserved.t);
  const at = b ? (b.earliest ?? b.expected) : null;
  const msToBreach = b?.alreadyBreached ? 0 : at !== null ? Math.max(0, Date.parse(at) - last) : null;
  return {
    ...info,
    labels: parseSeriesName(info.series).labels,
    unit: m.unit,
    capacity: m.capacity,
    breachSide: m.breachSide,
    lastObserved: m.lastObserved,
    expected: b?.expected ?? null,
    earliest: b?.earliest ?? null,
    probability: b?.probability ?? 0,
    alreadyBreached: b?.alreadyBreached ?? false,
    risk: b?.risk ?? 'none',
    riskScore: b?.riskScore ?? 0,
    confidence: m.confidence.score,
    msToBreach,
    status: statusOf(msToBreach, thresholds),
  };
}

/** The row of a series that could not be forecast: ranked after every forecast one. */
export function failedRow(info: FleetSeriesInfo, error: string): FleetRow {
  return {
    ...info,
    labels: parseSeriesName(info.series).labels,
    unit: null,
    capacity: null,
    breachSide: 'above',
    lastObserved: null,
    expected: null,
    earliest: null,
    probability: 0,
    alreadyBreached: false,
    risk: 'none',
    riskScore: 0,
    confidence: 0,
    msToBreach: null,
    status: 'ok',
    error,
  };
}

const time = (iso: string | null): number => (iso === null ? Infinity : Date.parse(iso));

/**
 * The fleet's order: series already beyond capacity first, then the soonest expected
 * breach, then the earliest pessimistic breach, then the higher probability; series that
 * could not be forecast last. Ties are broken by group and series name, so the order is total.
 */
export function compareRows(a: FleetRow, b: FleetRow): number {
  return (
    Number(a.error !== undefined) - Number(b.error !== undefined) ||
    Number(b.alreadyBreached) - Number(a.alreadyBreached) ||
    time(a.expected) - time(b.expected) ||
    time(a.earliest) - time(b.earliest) ||
    b.probability - a.probability ||
    compareText(a.group, b.group) ||
    compareText(a.series, b.series)
  );
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Splits a series name as the loaders write it, `name{k="v", k2="v2"}`, into the metric
 * name and its labels (values are JSON strings). A name without braces, or whose braces do
 * not hold such labels, is all name.
 */
export function parseSeriesName(series: string): {
  readonly metric: string;
  readonly labels: Readonly<Record<string, string>>;
} {
  const open = series.indexOf('{');
  if (open <= 0 || !series.endsWith('}')) return { metric: series, labels: {} };
  const body = series.slice(open + 1, -1);
  // no prototype: a label named __proto__ is a label like any other
  const labels = Object.create(null) as Record<string, string>;
  const pair = /\s*([A-Za-z_][A-Za-z0-9_]*)=("(?:[^"\\]|\\.)*")\s*(,|$)/y;
  let at = 0;
  while (at < body.length) {
    pair.lastIndex = at;
    const m = pair.exec(body);
    // Stryker disable next-line ConditionalExpression: without it m[1] throws inside the try below, whose catch answers the same
    if (!m) return { metric: series, labels: {} };
    try {
      labels[m[1] as string] = JSON.parse(m[2] as string) as string;
    } catch {
      return { metric: series, labels: {} };
    }
    at = pair.lastIndex;
  }
  return { metric: series.slice(0, open), labels };
}
