/**
 * Accuracy measures as the M4 competition defines them.
 *   sMAPE = mean_t 200·|y − ŷ| / (|y| + |ŷ|)
 *   MASE  = mean_t |y − ŷ| / scale, scale = in-sample mean |y_t − y_{t−m}|
 *   MSIS  = mean_t [(U − L) + (2/α)(L − y)·1{y < L} + (2/α)(y − U)·1{y > U}] / scale
 */
export function smape(actual: ArrayLike<number>, forecast: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < actual.length; i++) {
    const a = actual[i] as number;
    const f = forecast[i] as number;
    const denom = Math.abs(a) + Math.abs(f);
    sum += denom === 0 ? 0 : (200 * Math.abs(a - f)) / denom;
  }
  return sum / actual.length;
}

/** In-sample mean absolute error of the seasonal naive forecast with lag `m` (the MASE/MSIS scale). */
export function seasonalNaiveScale(history: ArrayLike<number>, m: number): number {
  const lag = history.length > m ? m : 1;
  let sum = 0;
  for (let i = lag; i < history.length; i++) sum += Math.abs((history[i] as number) - (history[i - lag] as number));
  return sum / (history.length - lag);
}

export function mase(actual: ArrayLike<number>, forecast: ArrayLike<number>, scale: number): number {
  let sum = 0;
  for (let i = 0; i < actual.length; i++) sum += Math.abs((actual[i] as number) - (forecast[i] as number));
  return sum / actual.length / scale;
}

export function msis(
  actual: ArrayLike<number>,
  lower: ArrayLike<number>,
  upper: ArrayLike<number>,
  scale: number,
  alpha: number,
): number {
  let sum = 0;
  for (let i = 0; i < actual.length; i++) {
    const y = actual[i] as number;
    const l = lower[i] as number;
    const u = upper[i] as number;
    // Stryker disable next-line EqualityOperator: on a bound the miss is zero, so the penalty is too
    sum += u - l + (y < l ? (2 / alpha) * (l - y) : 0) + (y > u ? (2 / alpha) * (y - u) : 0);
  }
  return sum / actual.length / scale;
}

export function coverage(actual: ArrayLike<number>, lower: ArrayLike<number>, upper: ArrayLike<number>): number {
  let inside = 0;
  // Stryker disable next-line EqualityOperator: past the end every value is undefined, and no comparison holds
  for (let i = 0; i < actual.length; i++) {
    const y = actual[i] as number;
    if (y >= (lower[i] as number) && y <= (upper[i] as number)) inside++;
  }
  return inside / actual.length;
}

/** M4's Overall Weighted Average, relative to Naive2 on the same series. */
export function owa(smapeValue: number, maseValue: number, naive2Smape: number, naive2Mase: number): number {
  return 0.5 * (smapeValue / naive2Smape + maseValue / naive2Mase);
}
