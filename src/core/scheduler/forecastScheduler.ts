import { type Clock } from '../time/clock';
import { type Timers } from '../time/timers';
import { Emitter, type Event } from '../events';
import { type Logger } from '../logging';
import { messageOf } from '../errors';

/** One scheduled run: a forecast made, or the error that stopped it. Never lost. */
export interface ScheduledRun<T> {
  readonly at: number;
  readonly ok: boolean;
  readonly result?: T;
  readonly error?: string;
}

export interface SchedulerDeps<T> {
  readonly enabled: () => boolean;
  readonly intervalMs: () => number;
  /** One refresh; may throw anything, which is recorded. */
  readonly run: () => Promise<T>;
  readonly clock: Clock;
  readonly timers: Timers;
  readonly logger: Logger;
  /** Runs kept in memory (default 200). */
  readonly historyLimit?: number;
}

/**
 * A periodic forecast refresh that survives every fault: each tick runs once, records
 * the outcome (a result or an error, whatever was thrown), and sets the next tick in a
 * `finally`, so a failure can never stop the chain. Ticks never overlap.
 */
export class ForecastScheduler<T> {
  private timer: unknown;
  private disposed = false;
  private readonly history: ScheduledRun<T>[] = [];
  private scheduledCount = 0;
  private readonly runEmitter = new Emitter<ScheduledRun<T>>();
  readonly onDidRun: Event<ScheduledRun<T>> = this.runEmitter.event;

  constructor(private readonly deps: SchedulerDeps<T>) {}

  /** (Re)starts the chain per the settings: the first run one interval from now. */
  reschedule(): void {
    this.clear();
    if (this.disposed || !this.deps.enabled()) return;
    this.scheduledCount++;
    this.timer = this.deps.timers.setTimeout(() => {
      this.timer = undefined;
      void this.tick();
    }, this.deps.intervalMs());
  }

  /** Runs once now (outside the chain's timing) and records it. */
  async runNow(): Promise<ScheduledRun<T>> {
    return this.record();
  }

  get runs(): readonly ScheduledRun<T>[] {
    return this.history;
  }

  /** Ticks scheduled so far (a tick that fired and recorded nothing would be a lost run). */
  get scheduled(): number {
    return this.scheduledCount;
  }

  get hasPendingTimer(): boolean {
    return this.timer !== undefined;
  }

  dispose(): void {
    this.disposed = true;
    this.clear();
    this.runEmitter.dispose();
  }

  private async tick(): Promise<void> {
    try {
      await this.record();
    } finally {
      this.reschedule();
    }
  }

  private async record(): Promise<ScheduledRun<T>> {
    const at = this.deps.clock.now().getTime();
    let run: ScheduledRun<T>;
    try {
      run = { at, ok: true, result: await this.deps.run() };
    } catch (err) {
      const error = messageOf(err);
      this.deps.logger.warn(`scheduled forecast failed: ${error}`);
      run = { at, ok: false, error };
    }
    this.history.push(run);
    if (this.history.length > (this.deps.historyLimit ?? 200)) this.history.shift();
    this.runEmitter.fire(run);
    return run;
  }

  private clear(): void {
    // Stryker disable next-line ConditionalExpression: clearing without a timer is a no-op (timers ignore a handle they do not hold)
    if (this.timer !== undefined) this.deps.timers.clearTimeout(this.timer);
    this.timer = undefined;
  }
}
