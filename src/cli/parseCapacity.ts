import { type CapacityOverride } from '../core/data/loadMetrics';
import { UsageError } from './exitCodes';

/** `--capacity name=value[:above|below]`, repeatable; `name` may contain `*` wildcards. */
export function parseCapacities(flags: readonly string[]): Record<string, CapacityOverride> {
  const out: Record<string, CapacityOverride> = {};
  for (const flag of flags) {
    const match = /^([^=]+)=([+-]?\d+(?:\.\d+)?(?:e[+-]?\d+)?)(?::(above|below))?$/i.exec(flag.trim());
    if (!match) throw new UsageError(`--capacity "${flag}" is not name=value or name=value:above|below (e.g. cpu=85, disk_free=40:below)`);
    const [, name = '', value = '', side] = match;
    out[name.trim()] = { capacity: Number(value), ...(side ? { breach: side.toLowerCase() as 'above' | 'below' } : {}) };
  }
  return out;
}
