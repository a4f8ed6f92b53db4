import { clamp01, round } from '../numbers';
import { type ConfidenceComponents, type RiskLevel } from '../base/forecastSchema';

const HOUR = 3_600_000;

/**
 * Risk of one metric, 0–100:
 *   score = 100 · p · urgency(T)
 * p = breach probability within the horizon; T = time until the earliest breach (the
 * pessimistic bound's crossing; the expected one when the bound never crosses);
 * urgency = 1 for T ≤ 24 h, 0.75 for T ≤ 72 h, 0.5 for T ≤ 7 days, 0.25 beyond.
 * A metric already beyond capacity scores 100. Levels: ≥ 75 critical, ≥ 50 high,
 * ≥ 25 medium, ≥ 5 low, otherwise none.
 */
export function riskScore(probability: number, msToBreach: number | null, alreadyBreached: boolean): number {
  if (alreadyBreached) return 100;
  if (msToBreach === null) return round(100 * probability * 0.25, 1);
  return round(100 * probability * urgency(msToBreach), 1);
}

export function urgency(ms: number): number {
  if (ms <= 24 * HOUR) return 1;
  if (ms <= 72 * HOUR) return 0.75;
  if (ms <= 168 * HOUR) return 0.5;
  return 0.25;
}

export function riskLevel(score: number): RiskLevel {
  if (score >= 75) return 'critical';
  if (score >= 50) return 'high';
  if (score >= 25) return 'medium';
  if (score >= 5) return 'low';
  return 'none';
}

export const RISK_ORDER: readonly RiskLevel[] = ['none', 'low', 'medium', 'high', 'critical'];

export function riskAtLeast(level: RiskLevel, threshold: RiskLevel): boolean {
  return RISK_ORDER.indexOf(level) >= RISK_ORDER.indexOf(threshold);
}

/**
 * Confidence in one metric's forecast, 0–1, the weighted mean
 *   0.4·skill + 0.3·coverage + 0.2·dataQuality + 0.1·reach
 * of components in [0, 1]:
 *   skill       = clamp(0.5 + s), s = 1 − MASE(forecast)/MASE(seasonal naive) on the backtest
 *                 (as good as seasonal naive → 0.5, half its error → 1, 1.5× its error → 0)
 *   coverage    = clamp(1 − 4·|c − level|), c = leave-one-window-out backtest coverage
 *                 (exactly the level → 1, 0.20 off at 95% → 0.2); 0.5 when unknown
 *   dataQuality = clamp(1 − 2·filled/n) · clamp(n / (3·longest period)) (gaps, and history
 *                 against the season: three full seasons → 1)
 *   reach       = clamp(1 − horizon / n) (a horizon as long as the history → 0)
 * After a level shift, n in dataQuality and reach is the number of steps since the break
 * (the history of the regime the forecast speaks for), so a recent break, or a short
 * history since it, lowers the score: a break a day ago on a daily cycle leaves a third of
 * the history term, and a horizon as long as the new regime leaves no reach.
 */
export function confidenceComponents(input: {
  skill: number | null;
  coverage: number | null;
  level: number;
  filled: number;
  n: number;
  longestPeriod: number;
  horizon: number;
  /** Steps since the latest level shift; null without one. */
  sinceBreak?: number | null;
}): ConfidenceComponents {
  const regime = Math.min(input.n, input.sinceBreak ?? Infinity);
  return {
    skill: input.skill === null ? 0.5 : clamp01(0.5 + input.skill),
    coverage: input.coverage === null ? 0.5 : clamp01(1 - 4 * Math.abs(input.coverage - input.level)),
    dataQuality: clamp01(1 - (2 * input.filled) / input.n) * clamp01(regime / (3 * Math.max(1, input.longestPeriod))),
    reach: clamp01(1 - input.horizon / regime),
  };
}

export function confidenceScore(c: ConfidenceComponents): number {
  return round(0.4 * c.skill + 0.3 * c.coverage + 0.2 * c.dataQuality + 0.1 * c.reach, 3);
}
