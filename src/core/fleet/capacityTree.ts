import { formatDuration, formatUtc, formatValue } from '../format';
import { riskInWords } from '../forecast/headline';
import { type L10n, english } from '../l10n';
import { type FleetRow, type FleetStatus, parseSeriesName } from './fleetRow';
import { statusInWords, timeToBreach } from './formatFleet';
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
 * labels that tell it apart within its group; its description is its time to breach. The
 * words are in the language `l10n` speaks (English unless the editor passes its own).
 */
export function capacityTree(
  rankings: readonly SourceRanking[],
  baseName: (source: string) => string,
  l10n: L10n = english,
): GroupNode[] {
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
      const children = rows.map((row) => seriesNode(r, row, l10n));
      const counts = countStatuses(rows);
      const progress = r.progress
        ? r.progress.total !== null
          ? l10n.t('ranking {0} of {1}…', r.progress.done, r.progress.total)
          : l10n.t('ranking {0}…', r.progress.done)
        : '';
      const parts = [
        counts.critical ? l10n.t('{0} critical', counts.critical) : '',
        counts.warning ? l10n.t('{0} warning', counts.warning) : '',
        l10n.t('{0} series', rows.length),
        progress,
        r.error !== undefined ? l10n.t('last refresh failed') : '',
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
          l10n.t('{0}: {1} series from {2}', group, rows.length, r.source),
          r.at !== undefined ? l10n.t('ranked {0}', formatUtc(r.at)) : '',
          r.error !== undefined ? l10n.t('The last refresh failed: {0}', r.error) : '',
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

function seriesNode(r: SourceRanking, row: FleetRow, l10n: L10n): SeriesNode {
  const key = rowKey(row);
  const { metric, labels } = parseSeriesName(row.series);
  const labelText = Object.entries(labels)
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
    .join(', ');
  const label = metric === row.group && labelText ? labelText : row.series;
  const notes = [r.recovered?.has(key) ? l10n.t('recovered') : '', r.snoozed?.has(key) ? l10n.t('snoozed') : ''].filter(
    Boolean,
  );
  const status = statusInWords(row.status, l10n);
  const capacity = row.capacity !== null ? formatValue(row.capacity, row.unit) : '';
  const tooltip =
    row.error !== undefined
      ? l10n.t('{0}: not forecast ({1})', row.series, row.error)
      : [
          row.series,
          row.alreadyBreached
            ? l10n.t('Status: {0} (already beyond its capacity)', status)
            : l10n.t('Status: {0}', status),
          row.msToBreach !== null && !row.alreadyBreached
            ? l10n.t('Earliest breach: in {0} after the last data point', formatDuration(row.msToBreach, l10n))
            : '',
          row.expected ? l10n.t('Expected breach: {0}', formatUtc(Date.parse(row.expected))) : '',
          l10n.t(
            'Probability {0}% · risk {1} · confidence {2}',
            Math.round(row.probability * 100),
            riskInWords(row.risk, l10n),
            row.confidence.toFixed(2),
          ),
          row.lastObserved
            ? l10n.t(
                'Last: {0} at {1}',
                formatValue(row.lastObserved.value, row.unit),
                formatUtc(Date.parse(row.lastObserved.t)),
              )
            : '',
          row.capacity === null
            ? ''
            : row.breachSide === 'above'
              ? l10n.t('Capacity: {0} (above is a breach)', capacity)
              : l10n.t('Capacity: {0} (below is a breach)', capacity),
        ]
          .filter(Boolean)
          .join('\n');
  return {
    kind: 'series',
    id: `${r.source}\u0000${key}`,
    source: r.source,
    row,
    label,
    description: [timeToBreach(row, l10n), ...notes].join(' · '),
    tooltip,
    status: row.error !== undefined ? 'error' : row.status,
  };
}
