import * as z from 'zod';
import { type CapacityOverride } from '../data/loadMetrics';
import { breachSideSchema } from '../forecast/schema';
import { describeIssues } from '../lock/lockState';

const entrySchema = z.union([
  z.number().refine(Number.isFinite, 'must be a finite number'),
  z.strictObject({ capacity: z.number().refine(Number.isFinite, 'must be a finite number'), breach: breachSideSchema.optional() }),
]);

/**
 * Parses `bottleneck.capacities`: metric name (or a pattern with `*`) → capacity, either a
 * number or `{ "capacity": 40, "breach": "below" }`. A bad entry is skipped with a problem
 * that names it; the others still apply. These override a file's capacity column, as the
 * CLI's --capacity does.
 */
export function parseCapacities(raw: unknown): { capacities: Record<string, CapacityOverride>; problems: string[] } {
  const capacities: Record<string, CapacityOverride> = {};
  const problems: string[] = [];
  if (raw === undefined || raw === null) return { capacities, problems };
  if (typeof raw !== 'object' || Array.isArray(raw)) return { capacities, problems: ['bottleneck.capacities must be an object of metric name → capacity'] };
  for (const [name, value] of Object.entries(raw as Record<string, unknown>)) {
    const parsed = entrySchema.safeParse(value);
    if (!parsed.success) {
      problems.push(`bottleneck.capacities["${name}"] was skipped: ${describeIssues(parsed.error)}`);
      continue;
    }
    capacities[name] = typeof parsed.data === 'number' ? { capacity: parsed.data } : { capacity: parsed.data.capacity, ...(parsed.data.breach ? { breach: parsed.data.breach } : {}) };
  }
  return { capacities, problems };
}
