import * as z from '../base/zod';
import { type CapacityOverride } from '../data/loadMetrics';
import { valueProblem } from '../data/values';
import { breachSideSchema } from '../base/forecastSchema';
import { describeIssues } from '../base/describeIssues';

const entrySchema = z.union([
  z.number(),
  z.strictObject({ capacity: z.number(), breach: breachSideSchema.optional() }),
]);

/**
 * Parses `bottleneck.capacities`: metric name (or a pattern with `*`) → capacity, either a
 * number or `{ "capacity": 40, "breach": "below" }`. A bad entry is skipped with a problem
 * that names it; the others still apply. These override a file's capacity column, as the
 * CLI's --capacity does. The result has no prototype, so a metric named `__proto__` or
 * `constructor` is a key like any other.
 */
export function parseCapacities(raw: unknown): { capacities: Record<string, CapacityOverride>; problems: string[] } {
  const capacities = Object.create(null) as Record<string, CapacityOverride>;
  const problems: string[] = [];
  if (raw === undefined || raw === null) return { capacities, problems };
  if (typeof raw !== 'object' || Array.isArray(raw))
    return { capacities, problems: ['bottleneck.capacities must be an object of metric name → capacity'] };
  for (const [name, value] of Object.entries(raw as Record<string, unknown>)) {
    if (name.trim() === '') {
      problems.push('bottleneck.capacities[""] was skipped: a metric name or pattern is needed');
      continue;
    }
    const parsed = entrySchema.safeParse(value);
    if (!parsed.success) {
      problems.push(`bottleneck.capacities[${JSON.stringify(name)}] was skipped: ${describeIssues(parsed.error)}`);
      continue;
    }
    const entry: CapacityOverride =
      typeof parsed.data === 'number'
        ? { capacity: parsed.data }
        : { capacity: parsed.data.capacity, ...(parsed.data.breach ? { breach: parsed.data.breach } : {}) };
    const problem = valueProblem(entry.capacity, String(entry.capacity));
    if (problem) {
      problems.push(`bottleneck.capacities[${JSON.stringify(name)}] was skipped: ${problem}`);
      continue;
    }
    capacities[name] = entry;
  }
  return { capacities, problems };
}
