import { type Breach, type ForecastData, type MetricForecast, forecastOrigin } from '../base/forecastSchema';
import { formatDuration, formatValue } from '../format';
import { type L10n, english } from '../l10n';

/** What the reasons are made from: each metric's capacity and breach. */
type Scored = Pick<MetricForecast, 'name' | 'unit' | 'capacity' | 'breachSide' | 'breach'>;
/** A metric that has a capacity, so a breach to score. */
type Breaching = Scored & { readonly breach: Breach };

/**
 * Why the built-in forecaster gives its risk, in the language `l10n` speaks: a sentence
 * for each metric that scores 5 or more (the riskiest first), or why none does. `origin`
 * is the last observation (epoch ms), from which breach times are told.
 */
export function riskReasons(
  metrics: readonly Scored[],
  origin: number,
  horizonMs: number,
  l10n: L10n = english,
): string[] {
  const scored = metrics
    .filter((m): m is Breaching => m.breach !== null)
    .sort((a, b) => b.breach.riskScore - a.breach.riskScore);
  const reasons = scored.filter((m) => m.breach.riskScore >= 5).map((m) => describeRisk(m, origin, l10n));
  if (reasons.length > 0) return reasons;
  return [
    scored.length
      ? l10n.t('No metric is likely to reach its capacity in the next {0}.', formatDuration(horizonMs, l10n))
      : l10n.t('No metric has a capacity, so none can be a bottleneck; set capacities to get a risk.'),
  ];
}

/** The reasons of a built-in forecast, said again in the language `l10n` speaks. */
export function forecastRiskReasons(data: ForecastData, l10n: L10n): readonly string[] {
  if (data.producer.provider !== 'builtin') return data.risk.reasons;
  const horizonMs = data.horizon.count * data.horizon.stepSeconds * 1000;
  return riskReasons(data.metrics, forecastOrigin(data), horizonMs, l10n);
}

function describeRisk(m: Breaching, origin: number, l10n: L10n): string {
  const b = m.breach;
  const cap = formatValue(m.capacity ?? 0, m.unit);
  if (b.alreadyBreached) return l10n.t('{0} is already beyond its capacity of {1}.', m.name, cap);
  const pct = Math.round(b.probability * 100);
  const above = m.breachSide === 'above';
  if (b.expected) {
    const span = formatDuration(Date.parse(b.expected) - origin, l10n);
    return above
      ? l10n.t('{0} is expected to reach {1} in {2} (probability {3}%).', m.name, cap, span, pct)
      : l10n.t('{0} is expected to fall to {1} in {2} (probability {3}%).', m.name, cap, span, pct);
  }
  if (b.earliest) {
    const span = formatDuration(Date.parse(b.earliest) - origin, l10n);
    return above
      ? l10n.t('{0} could reach {1} in {2} at the earliest (probability {3}%).', m.name, cap, span, pct)
      : l10n.t('{0} could fall to {1} in {2} at the earliest (probability {3}%).', m.name, cap, span, pct);
  }
  return l10n.t('{0} has a {1}% probability of reaching {2} within the horizon.', m.name, pct, cap);
}
