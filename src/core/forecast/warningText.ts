import { formatUtc } from '../format';

/** Warnings as a person reads them, in the panel and the CLI's table (ForecastData keeps them as they are). */

const ISO_TIME = /\b\d{4}-\d\d-\d\dT\d\d:\d\d(?::\d\d(?:\.\d{1,9})?)?(?:Z|[+-]\d\d:\d\d)/g;

/** Every ISO timestamp in a sentence written the panel's way: "2026-11-17 09:00 UTC". */
export function plainDates(text: string): string {
  return text.replace(ISO_TIME, (iso) => {
    const ms = Date.parse(iso);
    return Number.isFinite(ms) ? formatUtc(ms) : iso;
  });
}

/** How many names a merged warning lists before "and N more". */
const LISTED = 5;

/**
 * Warnings that differ only by the metric they begin with ("cpu: 1 gap … filled",
 * "memory: 1 gap … filled") become one: "2 metrics (cpu, memory): 1 gap … filled". The
 * name may be quoted ("\"cpu\": …") as the loader writes it. Order is that of each group's
 * first warning; a warning that names no metric stays as it is.
 */
export function mergeWarnings(warnings: readonly string[], metricNames: readonly string[]): string[] {
  const names = [...new Set(metricNames)].sort((a, b) => b.length - a.length);
  const groups = new Map<string, { names: string[]; first: string }>();
  const out: (string | { key: string })[] = [];
  for (const w of warnings) {
    let split: { name: string; rest: string } | undefined;
    for (const name of names) {
      for (const prefix of [`${JSON.stringify(name)}: `, `${name}: `]) {
        if (w.startsWith(prefix)) {
          split = { name, rest: w.slice(prefix.length) };
          break;
        }
      }
      if (split) break;
    }
    if (!split) {
      out.push(w);
      continue;
    }
    const group = groups.get(split.rest);
    if (group) {
      if (!group.names.includes(split.name)) group.names.push(split.name);
      continue;
    }
    groups.set(split.rest, { names: [split.name], first: w });
    out.push({ key: split.rest });
  }
  return out.map((item) => {
    if (typeof item === 'string') return item;
    const group = groups.get(item.key) as { names: string[]; first: string };
    if (group.names.length === 1) return group.first;
    const shown = group.names.slice(0, LISTED).join(', ');
    const more = group.names.length > LISTED ? `, and ${group.names.length - LISTED} more` : '';
    return `${group.names.length} metrics (${shown}${more}): ${item.key}`;
  });
}
