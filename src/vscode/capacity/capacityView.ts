import * as path from 'node:path';
import * as vscode from 'vscode';
import { type GroupNode, type SeriesNode, capacityTree } from '../../core/fleet/capacityTree';
import { type ForecastData, type MetricSet } from '../../core/base/forecastSchema';
import { type FleetRow, type FleetStatus } from '../../core/fleet/fleetRow';
import { statusInWords } from '../../core/fleet/formatFleet';
import { countStatuses } from '../../core/fleet/ranking';
import { seriesQuery } from '../../core/fleet/seriesQuery';
import { watchKey } from '../../core/fleet/thresholdWatch';
import { type Logger } from '../../core/logging';
import { messageOf } from '../../core/errors';
import { describeFailure } from '../../core/pipeline/describeFailure';
import { COMMANDS } from '../commandIds';
import { Disposable } from '../lifecycle';
import { sourceName, sourceUri } from '../metricSources';
import { type CapacityService } from './capacityService';

export const CAPACITY_VIEW_ID = 'bottleneck.capacity';

type Node = GroupNode | SeriesNode;

const ICONS: Record<FleetStatus | 'error', vscode.ThemeIcon> = {
  critical: new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground')),
  warning: new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground')),
  ok: new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed')),
  error: new vscode.ThemeIcon('circle-slash', new vscode.ThemeColor('disabledForeground')),
};

/** The Capacity view (in the Explorer): groups of series by time to breach, and the status bar's count. */
export class CapacityView extends Disposable implements vscode.TreeDataProvider<Node> {
  private readonly changed = this._register(new vscode.EventEmitter<Node | undefined>());
  readonly onDidChangeTreeData = this.changed.event;
  private readonly tree: vscode.TreeView<Node>;
  private readonly item: vscode.StatusBarItem;
  private roots: GroupNode[] = [];

  constructor(private readonly service: CapacityService) {
    super();
    this.tree = this._register(
      vscode.window.createTreeView(CAPACITY_VIEW_ID, { treeDataProvider: this, showCollapseAll: true }),
    );
    this.item = this._register(
      vscode.window.createStatusBarItem('bottleneck.capacity', vscode.StatusBarAlignment.Left, 49),
    );
    this.item.name = vscode.l10n.t('Bottleneck Forecast Capacity');
    this.item.command = COMMANDS.showCapacity;
    this._register({ dispose: service.onDidChange(() => this.refresh()).dispose });
    this.refresh();
  }

  private refresh(): void {
    this.roots = capacityTree(this.service.rankings(), (s) => path.basename(sourceUri(s).path), vscode.l10n);
    this.changed.fire(undefined);
    const rows = this.roots.flatMap((g) => g.children.map((c) => c.row));
    const counts = { ...countStatuses(rows), total: rows.length };
    this.tree.badge =
      counts.critical + counts.warning
        ? { value: counts.critical + counts.warning, tooltip: this.countText(counts) }
        : undefined;
    if (counts.total === 0) {
      this.item.hide();
      return;
    }
    this.item.text =
      counts.critical + counts.warning === 0
        ? `$(pass) ${vscode.l10n.t('{0} series ok', counts.total)}`
        : `$(${counts.critical ? 'error' : 'warning'}) ${this.countText(counts)}`;
    this.item.tooltip = vscode.l10n.t(
      'Bottleneck Forecast Capacity: {0} series ranked by time to breach; {1}. Click to show them.',
      counts.total,
      this.countText(counts),
    );
    this.item.backgroundColor = counts.critical
      ? new vscode.ThemeColor('statusBarItem.errorBackground')
      : counts.warning
        ? new vscode.ThemeColor('statusBarItem.warningBackground')
        : undefined;
    this.item.accessibilityInformation = { label: vscode.l10n.t('Capacity: {0}', this.countText(counts)) };
    this.item.show();
  }

  private countText(c: { critical: number; warning: number }): string {
    return vscode.l10n.t('{0} critical, {1} warning', c.critical, c.warning);
  }

  /** What the status bar item shows (for the test API). */
  get statusText(): string | undefined {
    return this.roots.length ? this.item.text : undefined;
  }

  /** The tree as it is drawn (for the test API). */
  get groups(): readonly GroupNode[] {
    return this.roots;
  }

  getChildren(node?: Node): Node[] {
    if (!node) return this.roots;
    return node.kind === 'group' ? [...node.children] : [];
  }

  getParent(node: Node): Node | undefined {
    if (node.kind === 'group') return undefined;
    return this.roots.find((g) => g.children.some((c) => c.id === node.id));
  }

  getTreeItem(node: Node): vscode.TreeItem {
    const item = new vscode.TreeItem(
      node.label,
      node.kind === 'group'
        ? node.status === 'critical' || node.status === 'warning'
          ? vscode.TreeItemCollapsibleState.Expanded
          : vscode.TreeItemCollapsibleState.Collapsed
        : vscode.TreeItemCollapsibleState.None,
    );
    item.id = node.id;
    item.description = node.description;
    item.tooltip = node.tooltip;
    item.iconPath = ICONS[node.status];
    const plan = node.kind === 'series' ? this.service.queryOf(node.source, node.row) : undefined;
    item.contextValue = node.kind === 'group' ? 'capacityGroup' : plan ? 'capacitySeries.plan' : 'capacitySeries';
    if (node.kind === 'series') {
      item.command = { command: COMMANDS.openSeries, title: vscode.l10n.t('Open in Panel'), arguments: [node] };
      item.accessibilityInformation = {
        label: vscode.l10n.t(
          '{0}: {1}, {2}',
          node.row.series,
          statusInWords(node.row.status, vscode.l10n),
          node.description,
        ),
      };
    }
    return item;
  }

  /** Shows the view with a series selected. */
  async reveal(source: string, row: FleetRow): Promise<void> {
    const node = this.roots.flatMap((g) => g.children).find((s) => s.source === source && s.row.series === row.series);
    if (node) await this.tree.reveal(node, { select: true, focus: true, expand: true });
    else await vscode.commands.executeCommand(`${CAPACITY_VIEW_ID}.focus`);
  }
}

/** What the Capacity commands need besides the service and the view. */
export interface CapacityCommandDeps {
  readonly service: CapacityService;
  readonly logger: Logger;
  /** The refresh files (and other sources known), when Run Now has no target. */
  readonly sources: () => readonly string[];
  /** Shows a one-series (or top-N) forecast in the panel. */
  readonly showInPanel: (result: { readonly data: ForecastData; readonly set: MetricSet }) => void;
}

/** How long a snooze lasts (labels made when shown: the display language's bundle is loaded by then). */
const snoozes = (): readonly { label: string; ms: number }[] => [
  { label: vscode.l10n.t('1 hour'), ms: 3_600_000 },
  { label: vscode.l10n.t('1 day'), ms: 86_400_000 },
  { label: vscode.l10n.t('1 week'), ms: 7 * 86_400_000 },
];

/** The Capacity view's commands: Rank, Run Now, Snooze, Open Query, Copy as PromQL, open a series. */
export function registerCapacityCommands(deps: CapacityCommandDeps): vscode.Disposable[] {
  const { service, logger } = deps;
  const rank = async (source: string): Promise<void> => {
    try {
      await vscode.window.withProgress(
        { location: { viewId: CAPACITY_VIEW_ID }, title: vscode.l10n.t('Ranking {0}', path.basename(source)) },
        () => service.rank(source, { scheduled: false }),
      );
    } catch (error) {
      if (error instanceof Error && error.name === 'AbortError') return;
      void vscode.window.showErrorMessage(
        vscode.l10n.t('Bottleneck Forecast: {0}', describeFailure(error, vscode.l10n).message),
      );
    }
  };
  return [
    vscode.commands.registerCommand(COMMANDS.showCapacity, () =>
      vscode.commands.executeCommand(`${CAPACITY_VIEW_ID}.focus`),
    ),
    vscode.commands.registerCommand(COMMANDS.rankSeries, async (target?: unknown) => {
      const uri =
        target instanceof vscode.Uri
          ? target
          : typeof target === 'string'
            ? sourceUri(target)
            : vscode.window.activeTextEditor?.document.uri;
      if (!uri) {
        void vscode.window.showInformationMessage(
          vscode.l10n.t('Bottleneck Forecast: open a metrics file or a capacity plan to rank its series.'),
        );
        return;
      }
      await rank(sourceName(uri));
      await vscode.commands.executeCommand(`${CAPACITY_VIEW_ID}.focus`);
    }),
    vscode.commands.registerCommand(COMMANDS.capacityRunNow, async (node?: unknown) => {
      const targets = isNode(node) ? [node.source] : [...new Set([...service.sources, ...deps.sources()])];
      for (const s of targets) await rank(s);
    }),
    vscode.commands.registerCommand(COMMANDS.capacitySnooze, async (node?: unknown, duration?: unknown) => {
      if (!isNode(node)) return;
      const ms =
        typeof duration === 'number' && duration > 0
          ? duration
          : (
              await vscode.window.showQuickPick(snoozes(), {
                title: vscode.l10n.t('Snooze warnings for {0}', node.label),
              })
            )?.ms;
      if (ms === undefined) return;
      const rows = node.kind === 'group' ? node.children.map((c) => c.row) : [node.row];
      await service.snooze(
        rows.map((r) => watchKey(node.source, r)),
        ms,
      );
    }),
    vscode.commands.registerCommand(COMMANDS.capacityOpenQuery, async (node?: unknown) => {
      if (!isNode(node)) return;
      const row = node.kind === 'group' ? node.children[0]?.row : node.row;
      const query = row && service.queryOf(node.source, row);
      const uri = sourceUri(node.source);
      const doc = await vscode.workspace.openTextDocument(uri);
      const text = doc.getText();
      // the metric's entry, then its query
      const at = query
        ? text.indexOf(JSON.stringify(node.kind === 'group' ? node.group : (row as FleetRow).group))
        : -1;
      const q = at >= 0 ? text.indexOf('"query"', at) : -1;
      const pos = doc.positionAt(q >= 0 ? q : Math.max(0, at));
      await vscode.window.showTextDocument(doc, { selection: new vscode.Range(pos, pos) });
    }),
    vscode.commands.registerCommand(COMMANDS.capacityCopyPromQL, async (node?: unknown) => {
      if (!isNode(node) || node.kind !== 'series') return;
      const query = service.queryOf(node.source, node.row);
      if (!query) {
        void vscode.window.showInformationMessage(
          vscode.l10n.t('Bottleneck Forecast: only series of a capacity plan have a query.'),
        );
        return;
      }
      const text = seriesQuery(query.query, node.row.labels);
      await vscode.env.clipboard.writeText(text);
      logger.info(`capacity: copied ${text}`);
      void vscode.window.setStatusBarMessage(vscode.l10n.t('PromQL copied'), 3000);
    }),
    vscode.commands.registerCommand(COMMANDS.openSeries, async (node?: unknown) => {
      if (!isNode(node) || node.kind !== 'series') return;
      try {
        const result = await service.forecastSeries(node.source, node.row);
        if (result) deps.showInPanel(result);
      } catch (error) {
        void vscode.window.showErrorMessage(vscode.l10n.t('Bottleneck Forecast: {0}', messageOf(error)));
      }
    }),
  ];
}

function isNode(value: unknown): value is Node {
  return (
    typeof value === 'object' &&
    value !== null &&
    ((value as Node).kind === 'group' || (value as Node).kind === 'series') &&
    typeof (value as Node).source === 'string'
  );
}
