import { type CapacityOverride } from '../core/data/loadMetrics';
import { valueProblem } from '../core/data/values';
import { UsageError } from './usageError';

/**
 * `--capacity name=value[:above|below]`, repeatable; `name` may contain `*` wildcards and
 * is matched as the setting's keys are (exactly, then ignoring case, then patterns). The
 * result has no prototype, so `--capacity constructor=5` names a metric like any other.
 */
export function parseCapacityFlags(flags: readonly string[]): Record<string, CapacityOverride> {
  const out = Object.create(null) as Record<string, CapacityOverride>;
  for (const flag of flags) {
    const match = /^([^=]+)=([+-]?\d+(?:\.\d+)?(?:e[+-]?\d+)?)(?::(above|below))?$/i.exec(flag.trim());
    const name = match?.[1]?.trim() ?? '';
    if (!match || name === '')
      throw new UsageError(
        `--capacity "${flag}" is not name=value or name=value:above|below (e.g. cpu=85, disk_free=40:below)`,
      );
    const [, , value = '', side] = match;
    const capacity = Number(value);
    const problem = valueProblem(capacity, value);
    if (problem) throw new UsageError(`--capacity "${flag}": ${problem}`);
    out[name] = { capacity, ...(side ? { breach: side.toLowerCase() as 'above' | 'below' } : {}) };
  }
  return out;
}
