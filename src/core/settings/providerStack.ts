import * as z from '../base/zod';
import { type ProviderId, kindOf, providerIdSchema, providerLabel } from '../base/providerIds';
import { describeIssues } from '../base/describeIssues';

/** One tier of `bottleneck.providers`. */
export const providerEntrySchema = z.strictObject({
  id: providerIdSchema,
  model: z.string().trim().min(1).optional(),
  baseUrl: z.url({ protocol: /^https?$/ }).optional(),
  accountId: z.string().trim().min(1).optional(),
  timeoutMs: z.number().int().min(1000).max(600_000).default(60_000),
  enabled: z.boolean().default(true),
  /** Lowers the output mode when a model does not support the kind's best one. */
  responseFormat: z.enum(['json_schema', 'json_object', 'prompt']).optional(),
});
export type ProviderEntry = z.infer<typeof providerEntrySchema>;

export const DEFAULT_PROVIDER_STACK: readonly ProviderEntry[] = [{ id: 'builtin', timeoutMs: 60_000, enabled: true }];

export interface ParsedProviderStack {
  /** The usable tiers, in tier order; always ends with (or contains) an enabled `builtin`. */
  readonly stack: readonly ProviderEntry[];
  /** One sentence per skipped or corrected entry, naming it. Empty when all was well. */
  readonly problems: readonly string[];
}

/**
 * Parses the `bottleneck.providers` setting. A bad entry is skipped (never the whole
 * stack), a duplicate id keeps its first tier, `custom` without a base URL is skipped,
 * and `builtin` is appended as the last tier when missing: it is the offline floor.
 */
export function parseProviderStack(raw: unknown): ParsedProviderStack {
  if (raw === undefined || raw === null) return { stack: DEFAULT_PROVIDER_STACK, problems: [] };
  if (!Array.isArray(raw)) {
    return {
      stack: DEFAULT_PROVIDER_STACK,
      problems: ['bottleneck.providers must be an array of provider entries; using the default stack'],
    };
  }
  const stack: ProviderEntry[] = [];
  const problems: string[] = [];
  const seen = new Set<ProviderId>();
  raw.forEach((item: unknown, index) => {
    const name = describeEntry(item, index);
    const parsed = providerEntrySchema.safeParse(item);
    if (!parsed.success) {
      problems.push(`${name} was skipped: ${describeIssues(parsed.error)}`);
      return;
    }
    const entry = parsed.data;
    if (seen.has(entry.id)) {
      problems.push(
        `${name} was skipped: ${providerLabel(entry.id)} is already tier ${stack.findIndex((e) => e.id === entry.id) + 1}`,
      );
      return;
    }
    if (kindOf(entry.id) === 'custom' && entry.baseUrl === undefined) {
      problems.push(`${name} was skipped: a custom provider needs a baseUrl`);
      return;
    }
    if (entry.id === 'builtin' && !entry.enabled) {
      problems.push(`${name}: builtin cannot be disabled, it is the offline floor of the stack`);
      stack.push({ ...entry, enabled: true });
    } else {
      stack.push(entry);
    }
    seen.add(entry.id);
  });
  if (!seen.has('builtin')) stack.push({ id: 'builtin', timeoutMs: 60_000, enabled: true });
  return { stack, problems };
}

function describeEntry(item: unknown, index: number): string {
  const id =
    typeof item === 'object' && item !== null && 'id' in item ? String((item as { id: unknown }).id) : undefined;
  return `bottleneck.providers[${index}]${id ? ` (${id})` : ''}`;
}
