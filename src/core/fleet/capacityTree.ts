import { formatDuration, formatUtc, formatValue } from '../format';
import { type FleetRow, type FleetStatus, parseSeriesName } from './fleetRow';
import { timeToBreach } from './formatFleet';
import { countStatuses, rowKey, worstStatus } from './ranking';

/** A source's latest ranking as the Capacity view shows it. */
export interface SourceRanking {
  /** The source's name (a path or a URI). */
  readonly source: string;
  readonly rows: readonly FleetRow[];
  /** While it runs: how many series are ranked of how many known. */
  readonly progress?: { readonly done: number; readonly total: number | null };
  /** Why the last refresh failed; the rows shown are then the previous ones. */
  readonly error?: string;
  /** When the rows were made (epoch ms). */
  readonly at?: number;
  /** Keys (rowKey) of series that recovered in the last refresh. */
  readonly recovered?: ReadonlySet<string>;
  /** Keys of snoozed series. */
  readonly snoozed?: ReadonlySet<string>;
}

export interface GroupNode {
  readonly kind: 'group';
  readonly id: string;
  readonly source: string;
  readonly group: string;
  readonly label: string;
  readonly description: string;
  readonly tooltip: string;
  readonly status: FleetStatus | 'error';
  readonly children: readonly SeriesNode[];
}

export interface SeriesNode {
  readonly kind: 'series';
  readonly id: string;
  readonly source: string;
  readonly row: FleetRow;
  readonly label: string;
  readonly description: string;
  readonly tooltip: string;
  readonly status: FleetStatus | 'error';
}

const GROUP_ORDER: Record<FleetStatus | 'error', number> = { critical: 0, warning: 1, error: 2, ok: 3 };

/**
 * The Capacity view's tree: a node per plan metric or file (the worst first, then by name),
 * each with its series in rank order (soonest breach first). A series is labelled by the
 * labels that tell it apart within its group; its description is its time to breach.
 */
export function capacityTree(rankings: readonly SourceRanking[], baseName: (source: string) => string): GroupNode[] {
  const groups: GroupNode[] = [];
  for (const r of rankings) {
    const byGroup = new Map<string, FleetRow[]>();
    for (const row of r.rows) {
      const list = byGroup.get(row.group);
      if (list) list.push(row);
      else byGroup.set(row.group, [row]);
    }
    if (byGroup.size === 0 && (r.error !== undefined || r.progress)) byGroup.set(baseName(r.source), []);
    for (const [group, rows] of byGroup) {
      const id = `${r.source}\u0000${group}`;
      const children = rows.map((row) => seriesNode(r, row));
      const counts = countStatuses(rows);
      const parts = [
        counts.critical ? `${counts.critical} critical` : '',
        counts.warning ? `${counts.warning} warning` : '',
        `${rows.length} series`,
        r.progress ? `ranking ${r.progress.done}${r.progress.total !== null ? ` of ${r.progress.total}` : ''}…` : '',
        r.error !== undefined ? 'last refresh failed' : '',
      ].filter(Boolean);
      const fromFile = group === baseName(r.source);
      groups.push({
        kind: 'group',
        id,
        source: r.source,
        group,
        label: group,
        description: `${parts.join(' · ')}${fromFile ? '' : ` — ${baseName(r.source)}`}`,
        tooltip: [
          `${group}: ${rows.length} series from ${r.source}`,
          r.at !== undefined ? `ranked ${formatUtc(r.at)}` : '',
          r.error !== undefined ? `The last refresh failed: ${r.error}` : '',
        ]
          .filter(Boolean)
          .join('\n'),
        status: r.error !== undefined && rows.length === 0 ? 'error' : worstStatus(rows),
        children,
      });
    }
  }
  return groups.sort(
    (a, b) => GROUP_ORDER[a.status] - GROUP_ORDER[b.status] || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0),
  );
}

function seriesNode(r: SourceRanking, row: FleetRow): SeriesNode {
  const key = rowKey(row);
  const { metric, labels } = parseSeriesName(row.series);
  const labelText = Object.entries(labels)
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
    .join(', ');
  const label = metric === row.group && labelText ? labelText : row.series;
  const notes = [r.recovered?.has(key) ? 'recovered' : '', r.snoozed?.has(key) ? 'snoozed' : ''].filter(Boolean);
  const tooltip =
    row.error !== undefined
      ? `${row.series}: not forecast (${row.error})`
      : [
          row.series,
          `Status: ${row.status}${row.alreadyBreached ? ' (already beyond its capacity)' : ''}`,
          row.msToBreach !== null && !row.alreadyBreached
            ? `Earliest breach: in ${formatDuration(row.msToBreach)} after the last data point`
            : '',
          row.expected ? `Expected breach: ${formatUtc(Date.parse(row.expected))}` : '',
          `Probability ${Math.round(row.probability * 100)}% · risk ${row.risk} · confidence ${row.confidence.toFixed(2)}`,
          row.lastObserved
            ? `Last: ${formatValue(row.lastObserved.value, row.unit)} at ${formatUtc(Date.parse(row.lastObserved.t))}`
            : '',
          row.capacity !== null
            ? `Capacity: ${formatValue(row.capacity, row.unit)} (${row.breachSide === 'above' ? 'above' : 'below'} is a breach)`
            : '',
        ]
          .filter(Boolean)
          .join('\n');
  return {
    kind: 'series',
    id: `${r.source}\u0000${key}`,
    source: r.source,
    row,
    label,
    description: [timeToBreach(row), ...notes].join(' · '),
    tooltip,
    status: row.error !== undefined ? 'error' : row.status,
  };
}
