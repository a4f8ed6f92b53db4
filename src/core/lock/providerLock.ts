import { type KeyValueStore } from '../storage/keyValueStore';
import { type ProviderId } from '../providers/providerIds';
import { type Clock, systemClock } from '../time/clock';
import { Emitter, type Event } from '../events';
import {
  type Actor,
  type AuditAction,
  type AuditEntry,
  type LockState,
  describeIssues,
  emptyLockState,
  lockStateSchema,
} from './lockState';

export const LOCK_STATE_KEY = 'bottleneck.providerLock';
const QUARANTINE_PREFIX = 'bottleneck.providerLock.quarantine.';
const DEFAULT_AUDIT_LIMIT = 1000;

export interface LockSnapshot {
  readonly holder: ProviderId | null;
  readonly generation: number;
  readonly pinned: boolean;
}

export type LockResult =
  | { readonly changed: true; readonly entry: AuditEntry; readonly snapshot: LockSnapshot }
  | { readonly changed: false; readonly reason: 'held-by-other' | 'already-held' | 'already-released' | 'generation-mismatch'; readonly snapshot: LockSnapshot };

/** What `open` found when the stored state could not be used. */
export interface LockRecovery {
  readonly problem: string;
  /** Key under which the unusable value was kept aside (never deleted). */
  readonly quarantineKey: string;
}

/** The persisted write failed: the previous state is still in force. */
export class LockPersistError extends Error {
  constructor(override readonly cause: unknown) {
    super(`Could not save the provider lock: ${cause instanceof Error ? cause.message : String(cause)}. The previous lock is still in force.`);
    this.name = 'LockPersistError';
  }
}

export interface ProviderLockOptions {
  readonly clock?: Clock;
  /** Keep the newest N audit entries (older ones are dropped and counted). */
  readonly auditLimit?: number;
}

/**
 * The provider lock: at most one provider holds it, `null` means released.
 *
 * Every operation is serialized through one queue; an operation computes the next
 * state, persists it (lock and audit trail in one document, one write), and only then
 * makes it the state in force and resolves. A failed write rejects with
 * `LockPersistError` and leaves the previous state in force. Operations that change
 * nothing (`changed: false`) write nothing and add no audit entry.
 */
export class ProviderLock {
  private state: LockState;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly clock: Clock;
  private auditLimit: number;
  private readonly changeEmitter = new Emitter<LockSnapshot>();
  /** Fires after each persisted change, with the new snapshot. */
  readonly onDidChange: Event<LockSnapshot> = this.changeEmitter.event;

  private constructor(private readonly store: KeyValueStore, initial: LockState, options: ProviderLockOptions) {
    this.state = initial;
    this.clock = options.clock ?? systemClock;
    this.auditLimit = options.auditLimit ?? DEFAULT_AUDIT_LIMIT;
  }

  /**
   * Loads the lock from the store. Missing state starts released. Corrupt or unknown
   * state (bad JSON shape, a future version) is copied aside under a quarantine key,
   * the lock starts released with a `reset` audit entry, and `recovery` says why.
   * It never throws on stored data; it rejects only when the store cannot be written.
   */
  static async open(store: KeyValueStore, options: ProviderLockOptions = {}): Promise<{ lock: ProviderLock; recovery?: LockRecovery; firstRun: boolean }> {
    const raw = store.get(LOCK_STATE_KEY);
    if (raw === undefined) {
      return { lock: new ProviderLock(store, emptyLockState(), options), firstRun: true };
    }
    const parsed = lockStateSchema.safeParse(raw);
    if (parsed.success) {
      return { lock: new ProviderLock(store, parsed.data, options), firstRun: false };
    }
    const clock = options.clock ?? systemClock;
    const version = typeof raw === 'object' && raw !== null && 'version' in raw ? (raw as { version: unknown }).version : undefined;
    const problem = typeof version === 'number' && version > 1
      ? `stored lock state has version ${version}, newer than this extension understands (1)`
      : `stored lock state is invalid (${describeIssues(parsed.error)})`;
    const quarantineKey = `${QUARANTINE_PREFIX}${clock.now().toISOString()}`;
    await store.update(quarantineKey, raw);
    const lock = new ProviderLock(store, emptyLockState(), options);
    await lock.enqueue(() => lock.transition('reset', null, 'startup', `${problem}; kept aside as ${quarantineKey}; lock released`));
    return { lock, recovery: { problem, quarantineKey }, firstRun: false };
  }

  get snapshot(): LockSnapshot {
    return { holder: this.state.holder, generation: this.state.generation, pinned: this.state.pinned };
  }

  /** The audit trail, oldest first. */
  get audit(): readonly AuditEntry[] {
    return this.state.audit;
  }

  get droppedAuditEntries(): number {
    return this.state.droppedAuditEntries;
  }

  setAuditLimit(limit: number): void {
    this.auditLimit = Math.max(1, Math.floor(limit));
  }

  /** Takes the released lock. */
  acquire(to: ProviderId, who: Actor, reason: string): Promise<LockResult> {
    return this.enqueue(() => {
      if (this.state.holder === to) return this.unchanged('already-held');
      if (this.state.holder !== null) return this.unchanged('held-by-other');
      return this.transition('acquire', to, who, reason);
    });
  }

  /** Releases the lock, whoever holds it. */
  release(who: Actor, reason: string): Promise<LockResult> {
    return this.enqueue(() => {
      if (this.state.holder === null) return this.unchanged('already-released');
      return this.transition('release', null, who, reason);
    });
  }

  /** Moves the lock from its current holder to `to`. A released lock is not switched. */
  switch(to: ProviderId, who: Actor, reason: string): Promise<LockResult> {
    return this.enqueue(() => {
      if (this.state.holder === null) return this.unchanged('already-released');
      if (this.state.holder === to) return this.unchanged('already-held');
      return this.transition('switch', to, who, reason);
    });
  }

  /**
   * Gives the lock to `to`: acquires it when released, switches it otherwise, in one
   * serialized step (what a person choosing a provider means).
   */
  claim(to: ProviderId, who: Actor, reason: string): Promise<LockResult> {
    return this.enqueue(() => {
      if (this.state.holder === to) return this.unchanged('already-held');
      return this.transition(this.state.holder === null ? 'acquire' : 'switch', to, who, reason);
    });
  }

  /**
   * Switches only if the lock's generation is still `expectedGeneration`, so that a
   * change made since the caller looked (a person's switch) wins over the caller's.
   */
  compareAndSwitch(expectedGeneration: number, to: ProviderId, who: Actor, action: 'switch' | 'failover' | 'failback', reason: string): Promise<LockResult> {
    return this.enqueue(() => {
      if (this.state.generation !== expectedGeneration) return this.unchanged('generation-mismatch');
      if (this.state.holder === to) return this.unchanged('already-held');
      return this.transition(action, to, who, reason);
    });
  }

  /** The audit trail as JSON Lines, oldest first, one entry per line. */
  exportJsonLines(): string {
    return this.state.audit.map((entry) => JSON.stringify(entry)).join('\n') + (this.state.audit.length ? '\n' : '');
  }

  dispose(): void {
    this.changeEmitter.dispose();
  }

  private unchanged(reason: Extract<LockResult, { changed: false }>['reason']): LockResult {
    return { changed: false, reason, snapshot: this.snapshot };
  }

  private async transition(action: AuditAction, to: ProviderId | null, who: Actor, reason: string): Promise<LockResult> {
    const generation = this.state.generation + 1;
    const entry: AuditEntry = { time: this.clock.now().toISOString(), action, from: this.state.holder, to, who, reason, generation };
    const audit = [...this.state.audit, entry];
    const overflow = Math.max(0, audit.length - this.auditLimit);
    const next: LockState = {
      ...this.state,
      holder: to,
      generation,
      pinned: to !== null && (who === 'user' || who === 'cli'),
      audit: overflow ? audit.slice(overflow) : audit,
      droppedAuditEntries: this.state.droppedAuditEntries + overflow,
    };
    try {
      await this.store.update(LOCK_STATE_KEY, next);
    } catch (err) {
      throw new LockPersistError(err);
    }
    this.state = next;
    this.changeEmitter.fire(this.snapshot);
    return { changed: true, entry, snapshot: this.snapshot };
  }

  private enqueue<T>(operation: () => T | Promise<T>): Promise<T> {
    const run = this.queue.then(operation);
    this.queue = run.catch(() => undefined);
    return run;
  }
}
