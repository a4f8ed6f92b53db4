import * as z from '../base/zod';
import { formatDuration } from '../format';
import { type L10n, english } from '../l10n';
import { type FleetRow, type FleetStatus } from './fleetRow';
import { statusInWords } from './formatFleet';
import { rowKey } from './ranking';

/**
 * What the watch remembers of each series between refreshes (and reloads): its status, since
 * when, the last status it was announced at, and a snooze. Keyed by source, group and series.
 */
const statusSchema = z.enum(['ok', 'warning', 'critical']);
const entrySchema = z.strictObject({
  status: statusSchema,
  since: z.number(),
  announced: z.strictObject({ status: statusSchema, at: z.number() }).optional(),
  snoozedUntil: z.number().optional(),
});
export const watchStateSchema = z.strictObject({
  version: z.literal(1),
  entries: z.record(z.string(), entrySchema),
});
export type WatchState = z.infer<typeof watchStateSchema>;
export type WatchEntry = z.infer<typeof entrySchema>;

export const EMPTY_WATCH: WatchState = { version: 1, entries: {} };

/** At most this many series are remembered; the ones unchanged longest are forgotten first. */
export const MAX_WATCHED = 20_000;

/** A crossing the same series made within this time, to the same level or lower, is not announced again (flapping). */
export const DEFAULT_COOLDOWN_MS = 12 * 3_600_000;

const RANK: Record<FleetStatus, number> = { ok: 0, warning: 1, critical: 2 };

export interface Crossing {
  readonly key: string;
  readonly source: string;
  readonly from: FleetStatus;
  readonly to: FleetStatus;
  readonly row: FleetRow;
}

export interface WatchOutcome {
  readonly state: WatchState;
  /** Every move to a worse status. */
  readonly raised: readonly Crossing[];
  /** The raised ones worth a notification: not snoozed, not announced at that level lately. */
  readonly announce: readonly Crossing[];
  /** Every move to a better status. */
  readonly recovered: readonly Crossing[];
}

/** A series' key in the watch. */
export function watchKey(source: string, row: { readonly group: string; readonly series: string }): string {
  return `${source}\u0000${rowKey(row)}`;
}

/** Reads a stored state; anything that is not one (an older shape, a damaged value) starts afresh. */
export function readWatchState(value: unknown): WatchState {
  const parsed = watchStateSchema.safeParse(value);
  if (!parsed.success) return EMPTY_WATCH;
  // entries are keyed by series names from the workspace: keep them off the prototype
  return { version: 1, entries: Object.assign(Object.create(null) as Record<string, WatchEntry>, parsed.data.entries) };
}

/**
 * One refresh of one source seen by the watch. A series seen for the first time counts as
 * coming from ok (a critical series is announced the first time it is seen). Rows that
 * failed keep the status they had. Series of this source no longer in `rows` are forgotten.
 */
export function observe(
  state: WatchState,
  source: string,
  rows: readonly FleetRow[],
  now: number,
  cooldownMs = DEFAULT_COOLDOWN_MS,
): WatchOutcome {
  const entries = Object.assign(Object.create(null) as Record<string, WatchEntry>, state.entries);
  const raised: Crossing[] = [];
  const announce: Crossing[] = [];
  const recovered: Crossing[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    const key = watchKey(source, row);
    seen.add(key);
    const old = entries[key];
    if (row.error !== undefined) continue;
    const from = old?.status ?? 'ok';
    const to = row.status;
    if (old && from === to) continue;
    const entry: WatchEntry = { ...old, status: to, since: now };
    entries[key] = entry;
    if (RANK[to] > RANK[from]) {
      const crossing = { key, source, from, to, row };
      raised.push(crossing);
      const snoozed = entry.snoozedUntil !== undefined && entry.snoozedUntil > now;
      const lately =
        entry.announced !== undefined &&
        RANK[entry.announced.status] >= RANK[to] &&
        now - entry.announced.at < cooldownMs;
      if (!snoozed && !lately) {
        announce.push(crossing);
        entries[key] = { ...entry, announced: { status: to, at: now } };
      }
    } else if (RANK[to] < RANK[from]) {
      recovered.push({ key, source, from, to, row });
    }
  }
  const prefix = `${source}\u0000`;
  const kept = keepOnly(entries, (key) => !key.startsWith(prefix) || seen.has(key));
  return { state: { version: 1, entries: prune(kept) }, raised, announce, recovered };
}

/** Snoozes series (by key) until `until`: they are watched, but not announced. */
export function snooze(state: WatchState, keys: readonly string[], until: number, now: number): WatchState {
  const entries = Object.assign(Object.create(null) as Record<string, WatchEntry>, state.entries);
  for (const key of keys) {
    const old = entries[key];
    entries[key] = { ...(old ?? { status: 'ok' as const, since: now }), snoozedUntil: until };
  }
  return { version: 1, entries: prune(entries) };
}

/** Whether a series is snoozed now. */
export function isSnoozed(state: WatchState, key: string, now: number): boolean {
  const until = state.entries[key]?.snoozedUntil;
  return until !== undefined && until > now;
}

function prune(entries: Record<string, WatchEntry>): Record<string, WatchEntry> {
  const keys = Object.keys(entries);
  if (keys.length <= MAX_WATCHED) return entries;
  keys.sort((a, b) => (entries[b] as WatchEntry).since - (entries[a] as WatchEntry).since);
  const newest = new Set(keys.slice(0, MAX_WATCHED));
  return keepOnly(entries, (key) => newest.has(key));
}

/** The entries whose key passes `keep`, in an object without a prototype. */
function keepOnly(entries: Record<string, WatchEntry>, keep: (key: string) => boolean): Record<string, WatchEntry> {
  const out = Object.create(null) as Record<string, WatchEntry>;
  for (const [key, entry] of Object.entries(entries)) if (keep(key)) out[key] = entry;
  return out;
}

/**
 * One notification for every crossing of a refresh: the one series, or how many crossed
 * and to what, and the soonest of them (in the language `l10n` speaks).
 */
export function announcement(crossings: readonly Crossing[], l10n: L10n = english): string | undefined {
  if (crossings.length === 0) return undefined;
  const sorted = [...crossings].sort(
    (a, b) => RANK[b.to] - RANK[a.to] || (a.row.msToBreach ?? Infinity) - (b.row.msToBreach ?? Infinity),
  );
  const first = sorted[0] as Crossing;
  if (sorted.length === 1)
    return l10n.t('{0} is now {1}: {2}.', first.row.series, statusInWords(first.to, l10n), when(first.row, l10n));
  const critical = sorted.filter((c) => c.to === 'critical').length;
  const warning = sorted.length - critical;
  const parts = [critical ? l10n.t('{0} critical', critical) : '', warning ? l10n.t('{0} warning', warning) : ''];
  return l10n.t(
    '{0} series crossed a capacity threshold ({1}); the soonest: {2}, {3}.',
    sorted.length,
    parts.filter(Boolean).join(', '),
    first.row.series,
    when(first.row, l10n),
  );
}

function when(row: FleetRow, l10n: L10n): string {
  if (row.alreadyBreached || row.msToBreach === 0) return l10n.t('already beyond its capacity');
  if (row.msToBreach === null) return l10n.t('no breach in sight');
  return l10n.t('may breach in {0}', formatDuration(row.msToBreach, l10n));
}
