import { parseHorizon } from '../core/format';
import { UsageError } from './usageError';

/** `--level`: a plain decimal in 0.5–0.999 (default 0.95); anything else names the flag. */
export function parseLevelFlag(flag: string | undefined): number {
  if (flag === undefined) return 0.95;
  const level = Number(flag);
  if (!/^\s*0?\.\d+\s*$/.test(flag) || !(level >= 0.5 && level <= 0.999))
    throw new UsageError(`--level must be between 0.5 and 0.999 (got "${flag}")`);
  return level;
}

/** `--horizon`: 90m, 6h, 2d, 1w or a number of steps; undefined when not given. */
export function parseHorizonFlag(flag: string | undefined): ReturnType<typeof parseHorizon> {
  if (flag === undefined) return undefined;
  const horizon = parseHorizon(flag);
  if (horizon === undefined)
    throw new UsageError(`--horizon "${flag}" is not a duration (90m, 6h, 2d, 1w) or a number of steps`);
  return horizon;
}
