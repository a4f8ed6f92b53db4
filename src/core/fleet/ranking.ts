import { type FleetRow, type FleetStatus, compareRows } from './fleetRow';

/**
 * The ranking of a fleet as its rows arrive (in any order, from any worker): each row is
 * put in its place at once, so the top of the list can be shown before the last series is
 * forecast. A row for a series already ranked replaces it.
 */
export class FleetRanking {
  private readonly list: FleetRow[] = [];
  private readonly index = new Map<string, FleetRow>();

  /** Puts a row in its place; returns its rank (0 is the first). */
  add(row: FleetRow): number {
    const key = rowKey(row);
    const old = this.index.get(key);
    if (old) this.list.splice(this.list.indexOf(old), 1);
    this.index.set(key, row);
    let lo = 0;
    let hi = this.list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (compareRows(this.list[mid] as FleetRow, row) <= 0) lo = mid + 1;
      else hi = mid;
    }
    this.list.splice(lo, 0, row);
    return lo;
  }

  get rows(): readonly FleetRow[] {
    return this.list;
  }

  get size(): number {
    return this.list.length;
  }

  top(n: number): FleetRow[] {
    return this.list.slice(0, Math.max(0, n));
  }

  /** How many rows are at each status. */
  counts(): Record<FleetStatus, number> {
    return countStatuses(this.list);
  }
}

/** A series' identity across refreshes: its group and its name. */
export function rowKey(row: { readonly group: string; readonly series: string }): string {
  return `${row.group}\u0000${row.series}`;
}

/** How many rows are at each status. */
export function countStatuses(rows: readonly { readonly status: FleetStatus }[]): Record<FleetStatus, number> {
  const counts: Record<FleetStatus, number> = { ok: 0, warning: 0, critical: 0 };
  for (const r of rows) counts[r.status]++;
  return counts;
}

/** The worst status of the rows: what `--fail-on` and the status bar judge. */
export function worstStatus(rows: readonly { readonly status: FleetStatus }[]): FleetStatus {
  let worst: FleetStatus = 'ok';
  for (const r of rows) {
    if (r.status === 'critical') return 'critical';
    if (r.status === 'warning') worst = 'warning';
  }
  return worst;
}
