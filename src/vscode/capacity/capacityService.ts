import * as path from 'node:path';
import * as vscode from 'vscode';
import { type CapacityTable } from '../../core/data/capacityMatch';
import { Emitter, type Event } from '../../core/events';
import { messageOf } from '../../core/errors';
import { type FleetRow } from '../../core/fleet/fleetRow';
import { type FleetSeries, type LoadDone } from '../../core/fleet/fleetTasks';
import { type FleetResult, forecastFleet, forecastSetInWorker } from '../../core/fleet/forecastFleet';
import { FleetRanking, rowKey } from '../../core/fleet/ranking';
import {
  type Crossing,
  type WatchState,
  announcement,
  isSnoozed,
  observe,
  readWatchState,
  snooze,
  watchKey,
} from '../../core/fleet/thresholdWatch';
import { type Logger } from '../../core/logging';
import { type ForecastData, type MetricSet } from '../../core/base/forecastSchema';
import { type SourceAccess } from '../../core/sources/queryPlan';
import { describeFailure } from '../../core/pipeline/describeFailure';
import { type SourceRanking } from '../../core/fleet/capacityTree';
import { readSource, sourceName, sourceUri } from '../metricSources';
import { type ForecastSettings } from '../../core/settings/forecastOptions';

/** Where the watch keeps its state across reloads (workspaceState). */
export const WATCH_STATE_KEY = 'bottleneck.capacityWatch';

/** A source's state in the view. */
interface SourceEntry {
  rows: readonly FleetRow[];
  progress?: { done: number; total: number | null };
  error?: string;
  at?: number;
  recovered: Set<string>;
  series: ReadonlyMap<string, FleetSeries>;
  queries: LoadDone['queries'];
  controller?: AbortController;
  /** Ranked by the scheduled refresh (it leaves the view when it leaves the refresh files). */
  scheduled: boolean;
}

/** The last notification the watch showed (for the test API and the log). */
export interface CapacityNotice {
  readonly text: string;
  readonly at: number;
  readonly series: readonly string[];
  readonly severity: 'warning' | 'critical';
}

export interface CapacityServiceDeps {
  readonly memento: vscode.Memento;
  readonly capacities: () => CapacityTable;
  /** Horizon and interval level from settings, as Run Forecast uses them. */
  readonly forecastSettings?: () => ForecastSettings;
  readonly sources: SourceAccess;
  readonly logger: Logger;
  /** Shows the grouped notification; resolves to the button chosen. */
  readonly notify: (notice: CapacityNotice, buttons: readonly string[]) => Thenable<string | undefined>;
  /** Show: reveal the Capacity view at a series. */
  readonly reveal: (source: string, row: FleetRow) => void;
  readonly now?: () => number;
}

/** How long the notification's Snooze quiets its series. */
export const NOTIFICATION_SNOOZE_MS = 24 * 3_600_000;

/**
 * The fleet side of the editor: ranks sources on the worker pool (streaming rows to the
 * Capacity view), keeps the threshold watch in workspaceState, and turns a scheduled
 * refresh's crossings into one notification.
 */
export class CapacityService implements vscode.Disposable {
  private readonly entries = new Map<string, SourceEntry>();
  private readonly changed = new Emitter<void>();
  readonly onDidChange: Event<void> = this.changed.event;
  private watch: WatchState;
  private pending: Crossing[] = [];
  private notice: CapacityNotice | undefined;
  private disposed = false;

  constructor(private readonly deps: CapacityServiceDeps) {
    this.watch = readWatchState(deps.memento.get<unknown>(WATCH_STATE_KEY));
  }

  private now(): number {
    return (this.deps.now ?? Date.now)();
  }

  /** Every source's ranking, as the tree shows it. */
  rankings(): SourceRanking[] {
    const now = this.now();
    return [...this.entries].map(([source, e]) => ({
      source,
      rows: e.rows,
      recovered: e.recovered,
      snoozed: new Set(e.rows.filter((r) => isSnoozed(this.watch, watchKey(source, r), now)).map((r) => rowKey(r))),
      ...(e.progress ? { progress: e.progress } : {}),
      ...(e.error !== undefined ? { error: e.error } : {}),
      ...(e.at !== undefined ? { at: e.at } : {}),
    }));
  }

  get lastNotice(): CapacityNotice | undefined {
    return this.notice;
  }

  /** The plan query of a row's metric (Open Query, Copy as PromQL), when its source is a plan. */
  queryOf(source: string, row: FleetRow): { query: string; source: string; url: string } | undefined {
    return this.entries.get(source)?.queries?.[row.group];
  }

  /**
   * Ranks one source (a file or a plan, by name or URI) on the worker pool. Rows show as
   * they come. A scheduled run feeds the watch; a run the person asked for updates the
   * watch's memory without a notification (the person is looking at the view).
   */
  async rank(
    source: string,
    options: { readonly scheduled: boolean; readonly signal?: AbortSignal },
  ): Promise<FleetResult> {
    const entry: SourceEntry = this.entries.get(source) ?? {
      rows: [],
      recovered: new Set<string>(),
      series: new Map<string, FleetSeries>(),
      queries: undefined,
      scheduled: options.scheduled,
    };
    entry.scheduled ||= options.scheduled;
    entry.controller?.abort();
    const controller = new AbortController();
    entry.controller = controller;
    options.signal?.addEventListener('abort', () => controller.abort(), { once: true });
    entry.progress = { done: 0, total: null };
    this.entries.set(source, entry);
    this.changed.fire();
    const live = new FleetRanking();
    let lastFire = 0;
    try {
      const result = await forecastFleet(
        { source: await readSource(sourceUri(source)), capacities: this.deps.capacities(), sources: this.deps.sources },
        {
          ...this.deps.forecastSettings?.(),
          signal: controller.signal,
          onRow: (row) => {
            live.add(row);
            // the first rows at once, then at most four redraws a second
            const t = this.now();
            if (live.size <= 1 || t - lastFire > 250) {
              lastFire = t;
              entry.rows = live.rows.slice();
              entry.progress = { done: live.size, total: null };
              this.changed.fire();
            }
          },
        },
      );
      if (controller.signal.aborted || this.disposed) return result;
      entry.rows = result.rows;
      entry.series = result.series;
      entry.queries = result.queries;
      entry.at = this.now();
      delete entry.error;
      const outcome = observe(this.watch, source, result.rows, this.now());
      this.watch = outcome.state;
      entry.recovered = new Set(outcome.recovered.map((c) => rowKey(c.row)));
      for (const c of outcome.recovered)
        this.deps.logger.info(`capacity: ${c.row.series} (${path.basename(source)}) recovered: ${c.from} → ${c.to}`);
      for (const c of outcome.raised)
        this.deps.logger.warn(
          `capacity: ${c.row.series} (${path.basename(source)}) is now ${c.to} (was ${c.from})${outcome.announce.includes(c) ? '' : ', not announced (snoozed or announced lately)'}`,
        );
      if (options.scheduled) this.pending.push(...outcome.announce);
      await this.saveWatch();
      this.deps.logger.info(
        `capacity: ranked ${result.rows.length} series of ${path.basename(source)} in ${(result.elapsedMs / 1000).toFixed(1)} s on ${result.workers} workers (first row after ${result.firstRowMs === null ? '—' : `${result.firstRowMs.toFixed(0)} ms`}; this thread's longest stall ${result.longestStallMs.toFixed(0)} ms)`,
      );
      return result;
    } catch (error) {
      if (!controller.signal.aborted) {
        entry.error = describeFailure(error, vscode.l10n).message;
        // the log stays English, as every line of it
        this.deps.logger.warn(
          `capacity: ${path.basename(source)} could not be ranked: ${describeFailure(error).message}`,
        );
      }
      throw error;
    } finally {
      if (entry.controller === controller) {
        delete entry.controller;
        delete entry.progress;
      }
      if (!this.disposed) this.changed.fire();
    }
  }

  /** After a scheduled refresh: one notification for everything that crossed in it (none when nothing did). */
  announce(): void {
    const crossings = this.pending.splice(0);
    const text = announcement(crossings, vscode.l10n);
    if (text === undefined) return;
    const notice: CapacityNotice = {
      text: vscode.l10n.t('Bottleneck Forecast: {0}', text),
      at: this.now(),
      series: crossings.map((c) => c.row.series),
      severity: crossings.some((c) => c.to === 'critical') ? 'critical' : 'warning',
    };
    this.notice = notice;
    // not awaited: a notification waits for the person, a refresh does not
    const show = vscode.l10n.t('Show');
    const snooze = vscode.l10n.t('Snooze');
    void Promise.resolve(this.deps.notify(notice, [show, snooze])).then(async (choice) => {
      if (choice === show) {
        const first = crossings[0];
        if (first) this.deps.reveal(first.source, first.row);
      } else if (choice === snooze) {
        await this.snooze(
          crossings.map((c) => c.key),
          NOTIFICATION_SNOOZE_MS,
        );
      }
    });
  }

  /** Snoozes series (by watch key) for `ms`. */
  async snooze(keys: readonly string[], ms: number): Promise<void> {
    const now = this.now();
    this.watch = snooze(this.watch, keys, now + ms, now);
    await this.saveWatch();
    this.deps.logger.info(`capacity: snoozed ${keys.length} series for ${Math.round(ms / 3_600_000)} h`);
    this.changed.fire();
  }

  /** The kept history of a ranked series, as a one-metric set, forecast in a worker for the panel. */
  async forecastSeries(source: string, row: FleetRow): Promise<{ data: ForecastData; set: MetricSet } | undefined> {
    const series = this.entries.get(source)?.series.get(rowKey(row));
    if (!series) return undefined;
    const { group: _group, ...metric } = series;
    const set: MetricSet = { source: sourceName(sourceUri(source)), metrics: [metric], warnings: [] };
    return { data: await forecastSetInWorker(set, { ...this.deps.forecastSettings?.() }), set };
  }

  /** The sources in the view. */
  get sources(): string[] {
    return [...this.entries.keys()];
  }

  /** Sources the scheduled refresh ranked that are no longer among its files leave the view. */
  keepScheduled(sources: readonly string[]): void {
    const keep = new Set(sources);
    for (const [source, e] of this.entries) if (e.scheduled && !keep.has(source)) this.forget(source);
  }

  /** Stops tracking a source (its rows leave the view; the watch keeps its memory). */
  forget(source: string): void {
    this.entries.get(source)?.controller?.abort();
    this.entries.delete(source);
    this.changed.fire();
  }

  private async saveWatch(): Promise<void> {
    try {
      await this.deps.memento.update(WATCH_STATE_KEY, this.watch);
    } catch (error) {
      this.deps.logger.warn(`capacity: the watch state could not be saved: ${messageOf(error)}`);
    }
  }

  dispose(): void {
    this.disposed = true;
    for (const e of this.entries.values()) e.controller?.abort();
    this.changed.dispose();
  }
}
