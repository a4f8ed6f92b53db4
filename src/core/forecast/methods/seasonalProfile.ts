import { type ForecastMethod, mean, median } from './method';

/**
 * Seasonal profile: the shape of the last `seasons` full periods, placed on the current level.
 * Each season c gives deviations d_c[k] = y_c[k] − mean(y_c). The profile is the median of
 * d_c[k] over seasons (robust to one odd day or week), or their exponentially weighted mean
 * (weight ∝ decay^age) when `weighting` is 'ewm'. The level is the mean of the last
 * season; with `trend`, the Theil–Sen slope of the season means moves it on, and the
 * deviations are taken from each season's trend line so the slope does not leak into the shape.
 */
export function seasonalProfile(
  period: number,
  seasons: number,
  weighting: 'median' | 'ewm',
  trend: boolean,
  decay = 0.6,
): ForecastMethod {
  return {
    id: `profile-${period}-${weighting}${seasons}${trend ? '-trend' : ''}`,
    minLength: period * Math.max(2, seasons),
    forecast(y, { horizon }) {
      if (weighting === 'median' && !trend) return robustProfile(y, period, seasons, horizon);
      const n = y.length;
      const k = Math.min(seasons, Math.floor(n / period));
      const means = new Float64Array(k);
      for (let c = 0; c < k; c++) means[c] = mean(y, n - (c + 1) * period, n - c * period);
      // slope per step of the season means (means[0] is the latest season)
      let slope = 0;
      if (trend && k >= 3) {
        const slopes: number[] = [];
        for (let a = 0; a < k; a++)
          for (let b = a + 1; b < k; b++)
            slopes.push(((means[a] as number) - (means[b] as number)) / ((b - a) * period));
        slope = median(slopes);
      }
      const deviation = (c: number, phase: number): number =>
        (y[n - (c + 1) * period + phase] as number) - (means[c] as number) - slope * (phase - (period - 1) / 2);
      const profile = new Float64Array(period);
      const column = new Float64Array(k);
      for (let phase = 0; phase < period; phase++) {
        if (weighting === 'median') {
          for (let c = 0; c < k; c++) column[c] = deviation(c, phase);
          profile[phase] = median(column);
        } else {
          let num = 0;
          let den = 0;
          for (let c = 0, w = 1; c < k; c++, w *= decay) {
            num += w * deviation(c, phase);
            den += w;
          }
          profile[phase] = num / den;
        }
      }
      const out = new Float64Array(horizon);
      const level = means[0] as number;
      for (let j = 0; j < horizon; j++) {
        // the latest season's mean sits at its centre, (period − 1)/2 steps before its end
        out[j] = level + slope * (j + 1 + (period - 1) / 2) + (profile[j % period] as number);
      }
      return out;
    },
  };
}

/**
 * The median variant without trend, robust throughout: each season's centre is its median,
 * the profile the median of the deviations from it, and the level the median of the last
 * season minus the profile, so that one odd season (a missing peak, a flat day, a burst)
 * moves neither the shape nor the level.
 */
function robustProfile(y: Float64Array, period: number, seasons: number, horizon: number): Float64Array {
  const n = y.length;
  const k = Math.min(seasons, Math.floor(n / period));
  const centres = new Float64Array(k);
  for (let c = 0; c < k; c++) centres[c] = median(y.subarray(n - (c + 1) * period, n - c * period));
  const profile = new Float64Array(period);
  const column = new Float64Array(k);
  for (let phase = 0; phase < period; phase++) {
    for (let c = 0; c < k; c++) column[c] = (y[n - (c + 1) * period + phase] as number) - (centres[c] as number);
    profile[phase] = median(column);
  }
  smoothCircular(profile, Math.floor(period / 144));
  const adjusted = new Float64Array(period);
  for (let phase = 0; phase < period; phase++)
    adjusted[phase] = (y[n - period + phase] as number) - (profile[phase] as number);
  const level = median(adjusted);
  const out = new Float64Array(horizon);
  for (let j = 0; j < horizon; j++) out[j] = level + (profile[j % period] as number);
  return out;
}

/**
 * Centred moving average of ±`half` phases around the season (it wraps): each phase's median of a few seasons is noisy
 * at fine steps. `half` is at most p/144, so the window is far narrower than the season.
 */
function smoothCircular(profile: Float64Array, half: number): void {
  const p = profile.length;
  if (half < 1) return;
  const copy = Float64Array.from(profile);
  for (let k = 0; k < p; k++) {
    let sum = 0;
    for (let i = -half; i <= half; i++) sum += copy[(((k + i) % p) + p) % p] as number;
    profile[k] = sum / (2 * half + 1);
  }
}
