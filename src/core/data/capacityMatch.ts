import { type BreachSide } from '../base/forecastSchema';
import { editDistance } from './editDistance';
import { globMatch } from './globMatch';
import { quoteText } from './quoteText';

/** A capacity given outside the file (CLI flag, setting); it overrides the file's. */
export interface CapacityOverride {
  readonly capacity: number;
  readonly breach?: BreachSide;
}

/**
 * Capacities by metric name or by a pattern with `*` wildcards, as the setting and the
 * CLI give them. Read with Object.entries only (own keys), so a metric named
 * `constructor` or `__proto__` is looked up like any other name.
 */
export type CapacityTable = Readonly<Record<string, CapacityOverride>>;

export interface CapacityMatch {
  /** The override for each metric name that has one. */
  readonly byName: ReadonlyMap<string, CapacityOverride>;
  /** A sentence per capacity that matched no metric (at most MAX_REPORTED, then a count). */
  readonly warnings: readonly string[];
}

const MAX_REPORTED = 10;
const MAX_LISTED_NAMES = 5;

interface Entry {
  readonly key: string;
  readonly folded: string;
  readonly override: CapacityOverride;
}

/**
 * Which capacity applies to each metric: a key equal to the name; else one equal to it
 * ignoring case; else the first pattern (in the table's order) that matches it ignoring
 * case. A capacity that applies to no metric is reported with the closest name ("did you
 * mean"), since a misspelt key otherwise silently leaves a metric without its capacity.
 */
export function matchCapacities(names: readonly string[], table: CapacityTable | undefined): CapacityMatch {
  const byName = new Map<string, CapacityOverride>();
  if (!table) return { byName, warnings: [] };
  const entries: Entry[] = Object.entries(table).map(([key, override]) => ({
    key,
    folded: key.toLowerCase(),
    override,
  }));
  const exact = new Map<string, Entry>();
  const folded = new Map<string, Entry>();
  for (const e of entries) {
    exact.set(e.key, e);
    if (!folded.has(e.folded)) folded.set(e.folded, e);
  }
  const patterns = entries.filter((e) => e.key.includes('*'));
  const used = new Set<string>();
  for (const name of names) {
    const lower = name.toLowerCase();
    const hit = exact.get(name) ?? folded.get(lower) ?? patterns.find((p) => globMatch(p.folded, lower));
    if (!hit) continue;
    byName.set(name, hit.override);
    used.add(hit.key);
  }
  const unused = entries.filter((e) => !used.has(e.key));
  const warnings = unused.slice(0, MAX_REPORTED).map((e) => unmatched(e, names));
  if (unused.length > MAX_REPORTED)
    warnings.push(`…and ${unused.length - MAX_REPORTED} more capacities match no metric in this file.`);
  return { byName, warnings };
}

function unmatched(entry: Entry, names: readonly string[]): string {
  const what = entry.key.includes('*') ? 'capacity pattern' : 'capacity';
  const head = `${what} ${quoteText(entry.key)} matches no metric in this file`;
  if (names.length === 0) return `${head}.`;
  if (!entry.key.includes('*')) {
    const closest = closestName(entry.folded, names);
    if (closest) return `${head}; did you mean ${quoteText(closest)}?`;
  }
  const listed = names.slice(0, MAX_LISTED_NAMES).map(quoteText).join(', ');
  return `${head} (its metrics: ${listed}${names.length > MAX_LISTED_NAMES ? ` and ${names.length - MAX_LISTED_NAMES} more` : ''}).`;
}

/**
 * The name meant by `key` (both without case): the only name that starts with it (`cpu`
 * for `cpu_utilization`, a shorthand rather than a typo), else the nearest name when it is
 * near enough to be a likely typo; the first of equals.
 */
function closestName(key: string, names: readonly string[]): string | undefined {
  const extending = names.filter((name) => name.toLowerCase().startsWith(key));
  if (key.length >= 2 && extending.length === 1) return extending[0];
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const name of names) {
    const d = editDistance(key, name.toLowerCase(), bestDistance - 1);
    if (d < bestDistance) {
      best = name;
      bestDistance = d;
    }
  }
  if (best === undefined) return undefined;
  const tolerance = Math.max(2, Math.ceil(Math.max(key.length, best.length) / 2));
  return bestDistance <= tolerance ? best : undefined;
}
