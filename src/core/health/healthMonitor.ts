import { type Clock } from '../time/clock';
import { type Timers } from '../time/timers';
import { Emitter, type Event } from '../events';
import { type Logger } from '../logging';
import { type ProviderLock } from '../lock/providerLock';
import { type ProviderId, providerLabel } from '../base/providerIds';
import { ProviderError, type FailureClass } from '../providers/providerError';
import { type ProbeResult } from '../providers/providerClient';
import { type ProviderEntry } from '../settings/providerStack';
import { type HealthPolicy, type ProviderHealth, applyProbe, initialHealth } from './providerHealth';
import { FAILOVER_CLASSES, chooseFailback, chooseFailover, lastPersonChoice } from './failoverPolicy';
import { loggable } from '../errors';
import { type BudgetCheck } from './tokenBudget';

export interface MonitorPolicy extends HealthPolicy {
  /** Consecutive healthy probes of a higher tier before the lock moves back (default 3). */
  readonly failbackAfter: number;
  readonly failback: boolean;
  /** Whether failover may move the lock from a local provider (builtin, Ollama, a loopback endpoint) to a cloud one (default false). */
  readonly failoverToCloud?: boolean;
  /** Fraction of the interval added or taken at random, so that windows do not probe in step (default 0.1). */
  readonly jitter: number;
}

export interface MonitorDeps {
  readonly lock: ProviderLock;
  readonly stack: () => readonly ProviderEntry[];
  /**
   * Whether a provider can be probed at all (has its key, or needs none, and its endpoint
   * is approved for the key): true, or false / the reason why not.
   */
  readonly isConfigured: (entry: ProviderEntry) => Promise<boolean | string>;
  readonly probe: (entry: ProviderEntry, signal: AbortSignal) => Promise<ProbeResult>;
  readonly policy: () => MonitorPolicy;
  readonly clock: Clock;
  readonly timers: Timers;
  readonly random: () => number;
  readonly logger: Logger;
  /**
   * Whether a provider's monthly token budget is spent (the reason), or undefined. A
   * holder whose budget is spent is moved to the built-in forecaster; failover and
   * failback never choose such a provider.
   */
  readonly overBudget?: BudgetCheck;
}

/** A move of the lock the monitor made (`budget`: the holder's monthly token budget was spent). */
export interface LockMove {
  readonly kind: 'failover' | 'failback' | 'budget';
  readonly from: ProviderId;
  readonly to: ProviderId;
  readonly reason: string;
  /** For a failover: how the old holder failed (a rejected key calls for Set API Key). */
  readonly failure?: FailureClass;
}

/**
 * Watches the providers of the stack and moves the lock with their health.
 *
 * Rounds are a chain of timers (the next is set only when a round has finished, so rounds
 * never overlap), one interval apart with a little jitter. A round probes every enabled,
 * configured provider whose next probe is due; after it the lock is failed over when its
 * holder is unhealthy, or failed back when a higher tier (up to the one a person chose)
 * has been healthy long enough and the holder was not chosen by hand. Every move goes
 * through the lock's compare-and-switch, so a person's change made meanwhile wins.
 */
export class HealthMonitor {
  private readonly health = new Map<ProviderId, ProviderHealth>();
  private timer: unknown;
  private running: Promise<readonly ProviderHealth[]> | undefined;
  /** The newest round started (under way or done), and when it started (the monitor's clock). */
  private latest: { readonly startedAt: number; readonly done: Promise<readonly ProviderHealth[]> } | undefined;
  /** The round that follows the one under way, when a caller needed a fresh one. */
  private queued: Promise<readonly ProviderHealth[]> | undefined;
  /** The newest `since` of the callers waiting for the queued round. */
  private queuedSince: number | undefined;
  /** When each provider's newest probe started (its key is read after that moment). */
  private readonly probeStarted = new Map<ProviderId, number>();
  private controller = new AbortController();
  private disposed = false;
  private paused = false;
  private readonly changeEmitter = new Emitter<readonly ProviderHealth[]>();
  private readonly moveEmitter = new Emitter<LockMove>();
  /** After each round or reported failure, with every tier's health. */
  readonly onDidChange: Event<readonly ProviderHealth[]> = this.changeEmitter.event;
  /** Once per move of the lock (not per probe). */
  readonly onDidMoveLock: Event<LockMove> = this.moveEmitter.event;

  constructor(private readonly deps: MonitorDeps) {}

  /** Starts the timer chain; the first round runs at once. */
  start(): void {
    // Stryker disable next-line ConditionalExpression: schedule() does nothing after dispose either
    if (this.disposed) return;
    this.schedule(0);
  }

  /** Stops probing until `resume` (e.g. while the window is not focused). */
  pause(): void {
    this.paused = true;
    this.clearTimer();
  }

  resume(): void {
    if (!this.paused || this.disposed) return;
    this.paused = false;
    this.schedule(0);
  }

  /** The health of every tier of the stack, in tier order. */
  snapshot(): readonly ProviderHealth[] {
    return this.deps.stack().map((e) => this.health.get(e.id) ?? initialHealth(e.id, true));
  }

  get(id: ProviderId): ProviderHealth | undefined {
    return this.health.get(id);
  }

  /**
   * Runs a round now (or joins the one under way) and then applies failover/failback;
   * with `move: false` it only probes, so that a caller can report what it found first
   * and then call `moveLockNow`. With `since`, only a round started at or after that time
   * answers; `fresh` is `since` now.
   */
  runRound(
    options: { force?: boolean; move?: boolean; since?: number; fresh?: boolean } = {},
  ): Promise<readonly ProviderHealth[]> {
    // `fresh`: what the providers say from now on (Check Provider Health), never a probe sent before the call
    const since = options.fresh ? this.now() : options.since;
    // a caller that needs a round started after `since` (a key stored then) takes the newest
    // such round, under way or already done; if the round under way started earlier, one more
    // round follows it, shared by every such caller
    // Stryker disable next-line ConditionalExpression,LogicalOperator: with since undefined, startedAt >= since is false anyway
    if (since !== undefined && this.latest && this.latest.startedAt >= since) return this.latest.done;
    if (this.running && (!options.force || since === undefined)) return this.running;
    if (this.running) {
      this.queuedSince = Math.max(this.queuedSince ?? -Infinity, since ?? -Infinity);
      this.queued ??= this.running.then(() => {
        // a provider the round under way probed after `since` (with the key stored by then) is not probed again
        const fresh = this.queuedSince;
        this.queued = undefined;
        this.queuedSince = undefined;
        // Stryker disable next-line LogicalOperator: an undefined move takes round()'s default, true
        return this.beginRound(options.force ?? false, options.move ?? true, fresh);
      });
      return this.queued;
    }
    // Stryker disable next-line LogicalOperator: an undefined move takes round()'s default, true
    return this.beginRound(options.force ?? false, options.move ?? true);
  }

  private beginRound(force: boolean, move: boolean, freshSince?: number): Promise<readonly ProviderHealth[]> {
    const done = this.round(force, undefined, move, freshSince).finally(() => {
      this.running = undefined;
    });
    this.running = done;
    this.latest = { startedAt: this.now(), done };
    return done;
  }

  /**
   * A forecast request to `provider` failed. The failure counts as a failed probe; a
   * failover-class failure of the lock holder moves the lock now (after probing the
   * other tiers so that the target is known to answer). Returns the new holder, if any.
   */
  async reportFailure(provider: ProviderId, error: ProviderError): Promise<ProviderId | undefined> {
    // a missing key, a cancelled request or a bad answer say nothing about the provider's health
    if (!FAILOVER_CLASSES.has(error.failure) && error.failure !== 'rate-limited') return undefined;
    const seen = this.deps.lock.snapshot;
    const before = this.health.get(provider) ?? initialHealth(provider, true);
    let next = applyProbe(before, { ok: false, error }, this.now(), this.deps.policy());
    if (FAILOVER_CLASSES.has(error.failure) && next.state !== 'unhealthy') {
      next = { ...next, state: 'unhealthy', reason: `a forecast request failed (${error.failure})` };
    }
    this.health.set(provider, next);
    this.changeEmitter.fire(this.snapshot());
    if (!FAILOVER_CLASSES.has(error.failure) || seen.holder !== provider) return undefined;
    // probe the other tiers now (not the one that just failed: its request is the evidence)
    await this.running;
    // a round under way when the request failed may have found the provider answering since (its
    // probe was sent before): the failure is the newer evidence, and stands
    if (this.health.get(provider)?.state !== 'unhealthy') {
      this.health.set(provider, next);
      this.changeEmitter.fire(this.snapshot());
    }
    await this.round(true, provider);
    const holder = this.deps.lock.snapshot.holder;
    return holder !== provider ? (holder ?? undefined) : undefined;
  }

  /** Applies failover/failback to what the last round found; returns the move made, if any. */
  async moveLockNow(): Promise<LockMove | undefined> {
    return this.moveLock(this.deps.policy());
  }

  /**
   * Moves the lock to the built-in forecaster when its holder's monthly token budget is
   * spent (after a forecast recorded its tokens, and before one is sent); otherwise does
   * nothing. Returns the move made, if any.
   */
  async enforceBudget(): Promise<LockMove | undefined> {
    const holder = this.deps.lock.snapshot.holder;
    if (holder === null || this.deps.overBudget?.(holder) === undefined) return undefined;
    return this.moveLock(this.deps.policy());
  }

  dispose(): void {
    this.disposed = true;
    this.clearTimer();
    this.controller.abort();
    this.changeEmitter.dispose();
    this.moveEmitter.dispose();
  }

  /** True while a timer is pending (tests check that dispose leaves none). */
  get hasPendingTimer(): boolean {
    return this.timer !== undefined;
  }

  private now(): number {
    return this.deps.clock.now().getTime();
  }

  private schedule(delay: number): void {
    this.clearTimer();
    if (this.disposed || this.paused) return;
    this.timer = this.deps.timers.setTimeout(() => {
      this.timer = undefined;
      void this.runRound().finally(() => {
        const policy = this.deps.policy();
        const jitter = policy.intervalMs * policy.jitter * (2 * this.deps.random() - 1);
        this.schedule(Math.max(this.floorMs(), this.nextDue() - this.now() + jitter));
      });
    }, delay);
  }

  /** When the next probe of any tier is due (at most one interval from now). */
  private nextDue(): number {
    const policy = this.deps.policy();
    const dues = this.deps
      .stack()
      .map((e) => this.health.get(e.id)?.nextProbeAt)
      .filter((t): t is number => t !== null && t !== undefined);
    // Stryker disable next-line ArithmeticOperator: schedule() never waits less than floorMs, whatever a past due time says
    return Math.min(this.now() + policy.intervalMs, ...dues.map((t) => Math.max(t, this.now() + this.floorMs())));
  }

  /** The shortest gap between rounds (no tight loop when probes are due at once): half an interval, at most a second. */
  private floorMs(): number {
    return Math.min(1000, this.deps.policy().intervalMs / 2);
  }

  private clearTimer(): void {
    if (this.timer !== undefined) this.deps.timers.clearTimeout(this.timer);
    this.timer = undefined;
  }

  private async round(
    force: boolean,
    skip?: ProviderId,
    move = true,
    freshSince?: number,
  ): Promise<readonly ProviderHealth[]> {
    const policy = this.deps.policy();
    for (const entry of this.deps.stack()) {
      if (this.disposed) break;
      if (entry.id === skip) continue;
      if (entry.id === 'builtin') {
        this.health.set('builtin', initialHealth('builtin', true));
        continue;
      }
      if (!entry.enabled) continue;
      const current = this.health.get(entry.id);
      const configured = await this.deps.isConfigured(entry);
      if (configured !== true) {
        const reason =
          // Stryker disable next-line ConditionalExpression: configured is false or a string here, and false is falsy either way
          typeof configured === 'string' && configured ? configured : initialHealth(entry.id, false).reason;
        this.health.set(entry.id, {
          ...initialHealth(entry.id, false),
          reason,
          lastProbeAt: current?.lastProbeAt ?? null,
        });
        continue;
      }
      const h = current && current.state !== 'not-configured' ? current : initialHealth(entry.id, true);
      // Stryker disable next-line ConditionalExpression: null > now is false anyway
      if (!force && h.nextProbeAt !== null && h.nextProbeAt > this.now()) continue;
      // Stryker disable next-line ConditionalExpression: x >= undefined is false anyway
      if (freshSince !== undefined && (this.probeStarted.get(entry.id) ?? -Infinity) >= freshSince) continue;
      this.probeStarted.set(entry.id, this.now());
      let result: ProbeResult;
      try {
        result = await this.deps.probe(entry, this.controller.signal);
      } catch (err) {
        result = {
          ok: false,
          latencyMs: 0,
          failure: err instanceof ProviderError ? err : new ProviderError(entry.id, 'network', String(err)),
        };
      }
      if (this.disposed) break;
      const next = result.ok
        ? applyProbe(
            h,
            {
              ok: true,
              latencyMs: result.latencyMs,
              ...(result.rateLimit ? { rateLimit: result.rateLimit } : {}),
              ...(result.modelNotServed ? { modelNotServed: result.modelNotServed } : {}),
            },
            this.now(),
            policy,
          )
        : applyProbe(
            h,
            { ok: false, error: result.failure ?? new ProviderError(entry.id, 'network', 'the probe failed') },
            this.now(),
            policy,
          );
      if (next.state !== h.state)
        this.deps.logger.info(`health: ${entry.id} ${h.state} → ${next.state} (${next.reason})`);
      this.health.set(entry.id, next);
    }
    if (!this.disposed) {
      this.changeEmitter.fire(this.snapshot());
      if (move) await this.moveLock(policy);
    }
    return this.snapshot();
  }

  private async moveLock(policy: MonitorPolicy): Promise<LockMove | undefined> {
    const { lock } = this.deps;
    const seen = lock.snapshot;
    const holder = seen.holder;
    if (holder === null) return undefined; // released by a person: the monitor does not take it
    const stack = this.deps.stack();
    const state = this.health.get(holder)?.state;
    const overBudget = this.deps.overBudget;
    // a provider whose budget is spent is no target, however healthy
    const health = overBudget ? new Map([...this.health].filter(([id]) => overBudget(id) === undefined)) : this.health;
    const spent = holder === 'builtin' ? undefined : overBudget?.(holder);
    let move: LockMove | undefined;
    // (a holder without a key is not failed over: its requests say so and offer Set API Key)
    if (spent !== undefined) {
      move = { kind: 'budget', from: holder, to: 'builtin', reason: spent };
    } else if (state === 'unhealthy') {
      const to = chooseFailover(holder, stack, health, {
        pinned: seen.pinned,
        toCloud: policy.failoverToCloud ?? false,
      });
      const h = this.health.get(holder);
      const cause = h?.lastError
        ? `${h.lastError.failure}${h.lastError.status !== undefined ? ` (HTTP ${h.lastError.status})` : ''}`
        : (h?.reason ?? 'unhealthy');
      if (to)
        move = {
          kind: 'failover',
          from: holder,
          to,
          reason: `${providerLabel(holder)} is unhealthy: ${cause}${seen.pinned ? '; it was chosen by hand' : ''}`,
          ...(h?.lastError ? { failure: h.lastError.failure } : {}),
        };
    } else if (policy.failback && !seen.pinned) {
      const to = chooseFailback(holder, stack, health, lastPersonChoice(lock.audit), policy.failbackAfter);
      if (to)
        move = {
          kind: 'failback',
          from: holder,
          to,
          // Stryker disable next-line OptionalChaining: chooseFailback returns only a tier it found healthy in this map
          reason: `${providerLabel(to)} has been healthy for ${this.health.get(to)?.consecutiveSuccesses ?? 0} probes in a row`,
        };
    }
    if (!move) return undefined;
    try {
      const action = move.kind === 'failback' ? 'failback' : 'failover';
      const result = await lock.compareAndSwitch(seen.generation, move.to, 'monitor', action, move.reason);
      if (result.changed) {
        this.deps.logger.warn(`lock ${move.kind}: ${move.from} → ${move.to} (${move.reason})`);
        this.moveEmitter.fire(move);
        return move;
      }
      // Stryker disable next-line ConditionalExpression: the target is never the holder, so a refused move is always a generation mismatch
      if (result.reason === 'generation-mismatch')
        this.deps.logger.info(
          `lock ${move.kind} ${move.from} → ${move.to} not made: the lock changed meanwhile (now ${result.snapshot.holder ?? 'released'}), and that change stands`,
        );
    } catch (err) {
      this.deps.logger.error(loggable(err));
    }
    return undefined;
  }
}
