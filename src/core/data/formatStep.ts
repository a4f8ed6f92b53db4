import { formatDuration } from '../format';

/** A sampling step for a message: "15 s", "250 ms" below a minute (where formatDuration says "0 min"), else as formatDuration. */
export function formatStep(ms: number): string {
  if (ms >= 60_000) return formatDuration(ms);
  return ms >= 1000 ? `${Number((ms / 1000).toFixed(3))} s` : `${ms} ms`;
}
