const UNITS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
  y: 31_536_000_000,
};

/**
 * A duration written as Prometheus writes them: `30s`, `5m`, `14d`, `1h30m`, `500ms`
 * (units ms, s, m, h, d, w, y, largest first). Milliseconds, or undefined when it is not one.
 */
export function parseDuration(text: string): number | undefined {
  if (!/^(\d{1,9}(ms|s|m|h|d|w|y))+$/.test(text)) return undefined;
  let ms = 0;
  let last = Infinity;
  for (const [, count, unit] of text.matchAll(/(\d+)(ms|s|m|h|d|w|y)/g)) {
    const factor = UNITS[unit as string] as number;
    if (factor >= last) return undefined;
    last = factor;
    ms += Number(count) * factor;
  }
  return ms > 0 ? ms : undefined;
}

/** A step as Prometheus takes it: seconds, as a decimal (`300`, `0.5`). */
export function stepParam(ms: number): string {
  return String(ms / 1000);
}
