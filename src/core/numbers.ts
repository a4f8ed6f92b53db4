/** `v` limited to [lo, hi]. */
export function clamp(v: number, lo: number, hi: number): number {
  return v < lo ? lo : v > hi ? hi : v;
}

/** `v` limited to [0, 1]. */
export function clamp01(v: number): number {
  return clamp(v, 0, 1);
}

/** `v` rounded to `digits` decimals (scores and probabilities in ForecastData keep 3, risk scores 1). */
export function round(v: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}
