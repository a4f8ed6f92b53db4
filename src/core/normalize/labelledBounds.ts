/**
 * Keys that say which quantile a value is, as forecasting tools name them. Keys are
 * given normalized (lower case, spaces and '-' as '_'): "0.025", "2.5%", "q05", "q_0.975",
 * "p2.5", "p97.5", "quantile_0.9", "median"; and interval sides with their level, as
 * statsforecast and TimeGPT write them: "autoets_lo_95", "timegpt_hi_80", "lower95", "lo_90".
 */

const PREFIXED = /^(q|quantile|p|percentile|pct)_?(\d+(?:\.\d+)?)$/;
const INTERVAL_SIDE = /^(?:(.*?)_)?(lo|low|lower|hi|high|upper)_?(\d+(?:\.\d+)?)$/;

/** The quantile (strictly between 0 and 1) a key names, or undefined. */
export function quantileOfKey(key: string): number | undefined {
  let q: number | undefined;
  if (key === 'median') q = 0.5;
  else if (/^0?\.\d+$/.test(key)) q = Number(key);
  else if (/^\d+(?:\.\d+)?%$/.test(key)) q = Number(key.slice(0, -1)) / 100;
  else {
    const m = PREFIXED.exec(key);
    if (!m) return undefined;
    const prefix = m[1] as string;
    const digits = m[2] as string;
    if (digits.includes('.')) {
      const v = Number(digits);
      q = (prefix === 'q' || prefix === 'quantile') && v < 1 ? v : v / 100;
    } else if (
      // Stryker disable next-line EqualityOperator: two digits read as dd/100 or as 0.dd are one number
      digits.length <= 2 &&
      // Stryker disable next-line MethodExpression: whichever branch reads two digits, dd/100 and 0.dd are one number
      !digits.startsWith('0')
    ) {
      q = Number(digits) / 100; // q5, p50, q95
    } else {
      q = digits === '100' ? 1 : Number(`0.${digits}`); // q05 = 0.05, p025 = 0.025, p975 = 0.975
    }
  }
  return q > 0 && q < 1 ? q : undefined;
}

/** An interval side named with its level: the quantile it stands for, and the model it belongs to. */
export interface IntervalSide {
  readonly q: number;
  /** The model column it bounds (normalized), when the key names one: "autoets" in "autoets_lo_95". */
  readonly model: string | undefined;
}

export function intervalSideOfKey(key: string): IntervalSide | undefined {
  const m = INTERVAL_SIDE.exec(key);
  if (!m) return undefined;
  const raw = Number(m[3]);
  const level = raw < 1 ? raw : raw / 100;
  if (!(level > 0 && level < 1)) return undefined;
  const lower = (m[2] as string).startsWith('lo');
  const q = lower ? (1 - level) / 2 : (1 + level) / 2;
  return { q: Math.round(q * 1e12) / 1e12, model: m[1] || undefined };
}
