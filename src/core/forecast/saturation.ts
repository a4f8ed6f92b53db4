import { type BreachSide } from '../base/forecastSchema';
import { formatValue } from '../format';

/**
 * A metric that sits beyond its capacity stays there in the forecast unless its history
 * shows it coming back: the current run beyond capacity is the only one (no earlier
 * excursion beyond capacity that ended). Then the point forecast is held at the capacity
 * or beyond, and the pessimistic bound with it; the optimistic bound still says how far
 * it could come back. Returns whether the forecast was held. In place, O(n + horizon).
 */
export function holdBeyondCapacity(
  history: ArrayLike<number>,
  forecast: { point: Float64Array; lower: Float64Array; upper: Float64Array },
  capacity: number,
  side: BreachSide,
): boolean {
  const beyond = (v: number): boolean => (side === 'above' ? v >= capacity : v <= capacity);
  let t = history.length - 1;
  if (t < 0 || !beyond(history[t] as number)) return false;
  while (t >= 0 && beyond(history[t] as number)) t--;
  for (; t >= 0; t--) if (beyond(history[t] as number)) return false; // it has recovered before
  const { point, lower, upper } = forecast;
  // Stryker disable next-line EqualityOperator: a step past the end writes beyond the arrays, where writes are dropped
  for (let j = 0; j < point.length; j++) {
    if (side === 'above') {
      point[j] = Math.max(point[j] as number, capacity);
      upper[j] = Math.max(upper[j] as number, point[j] as number);
    } else {
      point[j] = Math.min(point[j] as number, capacity);
      lower[j] = Math.min(lower[j] as number, point[j] as number);
    }
  }
  return true;
}

/** "cpu" stepped from 34 % to 99 % at 2026-…; forecast from the new level. */
export function levelShiftSentence(name: string, unit: string | undefined, shift: LevelShiftAt): string {
  const verb = shift.after > shift.before ? 'stepped up' : 'stepped down';
  return `"${name}" ${verb} from ${formatValue(shift.before, unit)} to ${formatValue(shift.after, unit)} at ${shift.t}; forecast from the new level.`;
}

export interface LevelShiftAt {
  readonly t: string;
  readonly before: number;
  readonly after: number;
}
