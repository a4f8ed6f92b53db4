import { type KeyValueStore, type Transaction, transactOn } from '../storage/keyValueStore';
import { type ProviderId } from '../base/providerIds';
import { type Clock, systemClock } from '../time/clock';
import { Emitter, type Event } from '../events';
import {
  type Actor,
  type AuditAction,
  type AuditEntry,
  type LockState,
  emptyLockState,
  lockStateSchema,
} from './lockState';
import { describeIssues } from '../base/describeIssues';
import { messageOf } from '../errors';

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
  | {
      readonly changed: false;
      readonly reason: 'held-by-other' | 'already-held' | 'already-released' | 'generation-mismatch';
      readonly snapshot: LockSnapshot;
    };

/** What `open` found when the stored state could not be used. */
export interface LockRecovery {
  readonly problem: string;
  /** Key under which the unusable value was kept aside (never deleted). */
  readonly quarantineKey: string;
}

/** The persisted write failed: the previous state is still in force. */
export class LockPersistError extends Error {
  constructor(override readonly cause: unknown) {
    super(`Could not save the provider lock: ${messageOf(cause)}. The previous lock is still in force.`);
    this.name = 'LockPersistError';
  }
}

export interface ProviderLockOptions {
  readonly clock?: Clock;
  /** Keep the newest N audit entries (older ones are dropped and counted). */
  readonly auditLimit?: number;
}

type UnchangedReason = Extract<LockResult, { changed: false }>['reason'];

/** What an operation decides from the lock as it is stored now. */
type Decision =
  | { readonly change: false; readonly reason: UnchangedReason }
  | {
      readonly change: true;
      readonly action: AuditAction;
      readonly to: ProviderId | null;
      readonly who: Actor;
      readonly reason: string;
    };

const unchanged = (reason: UnchangedReason): Decision => ({ change: false, reason });

/**
 * The provider lock: at most one provider holds it, `null` means released.
 *
 * Every operation is serialized through one queue. In one transaction of the store it
 * reads the lock as stored now (another process may have changed it: the CLI's state
 * file is shared), decides from that, and writes the next state (lock and audit trail in
 * one document, one write); only then does it make that state the one in force and
 * resolve. A failed write rejects with `LockPersistError` and leaves the previous state
 * in force. Operations that change nothing (`changed: false`) write nothing and add no
 * audit entry, but do take in what is stored now.
 */
export class ProviderLock {
  private state: LockState;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly clock: Clock;
  private auditLimit: number;
  private readonly changeEmitter = new Emitter<LockSnapshot>();
  /** Fires after each change (persisted here, or found stored by another writer), with the new snapshot. */
  readonly onDidChange: Event<LockSnapshot> = this.changeEmitter.event;

  private constructor(
    private readonly store: KeyValueStore,
    initial: LockState,
    options: ProviderLockOptions,
  ) {
    this.state = initial;
    this.clock = options.clock ?? systemClock;
    this.auditLimit = options.auditLimit ?? DEFAULT_AUDIT_LIMIT;
  }

  /**
   * Loads the lock from the store. Missing state starts released. Corrupt or unknown
   * state (bad JSON shape, a future version) is copied aside under a quarantine key,
   * the lock starts released with a `reset` audit entry, and `recovery` says why (both
   * in one transaction, so two processes finding the same corrupt state reset it once).
   * It never throws on stored data; it rejects only when the store cannot be written.
   */
  static async open(
    store: KeyValueStore,
    options: ProviderLockOptions = {},
  ): Promise<{ lock: ProviderLock; recovery?: LockRecovery; firstRun: boolean }> {
    const raw = store.get(LOCK_STATE_KEY);
    if (raw === undefined) {
      return { lock: new ProviderLock(store, emptyLockState(), options), firstRun: true };
    }
    const parsed = lockStateSchema.safeParse(raw);
    // Stryker disable next-line ConditionalExpression,BlockStatement: without this shortcut recover() re-reads the valid state and returns it, writing nothing
    if (parsed.success) {
      return { lock: new ProviderLock(store, parsed.data, options), firstRun: false };
    }
    const lock = new ProviderLock(store, emptyLockState(), options);
    const recovery = await lock.enqueue(() => lock.recover());
    return { lock, ...(recovery ? { recovery } : {}), firstRun: false };
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
    return this.decide((state) => {
      if (state.holder === to) return unchanged('already-held');
      if (state.holder !== null) return unchanged('held-by-other');
      return { change: true, action: 'acquire', to, who, reason };
    });
  }

  /** Releases the lock, whoever holds it. */
  release(who: Actor, reason: string): Promise<LockResult> {
    return this.decide((state) => {
      if (state.holder === null) return unchanged('already-released');
      return { change: true, action: 'release', to: null, who, reason };
    });
  }

  /** Moves the lock from its current holder to `to`. A released lock is not switched. */
  switch(to: ProviderId, who: Actor, reason: string): Promise<LockResult> {
    return this.decide((state) => {
      if (state.holder === null) return unchanged('already-released');
      if (state.holder === to) return unchanged('already-held');
      return { change: true, action: 'switch', to, who, reason };
    });
  }

  /**
   * Gives the lock to `to`: acquires it when released, switches it otherwise, in one
   * serialized step (what a person choosing a provider means).
   */
  claim(to: ProviderId, who: Actor, reason: string): Promise<LockResult> {
    return this.decide((state) => {
      if (state.holder === to) return unchanged('already-held');
      return { change: true, action: state.holder === null ? 'acquire' : 'switch', to, who, reason };
    });
  }

  /**
   * Switches only if the lock's generation, as stored now, is still `expectedGeneration`,
   * so that a change made since the caller looked (a person's switch, in this process or
   * another) wins over the caller's.
   */
  compareAndSwitch(
    expectedGeneration: number,
    to: ProviderId,
    who: Actor,
    action: 'switch' | 'failover' | 'failback',
    reason: string,
  ): Promise<LockResult> {
    return this.decide((state) => {
      if (state.generation !== expectedGeneration) return unchanged('generation-mismatch');
      if (state.holder === to) return unchanged('already-held');
      return { change: true, action, to, who, reason };
    });
  }

  /** Takes in the lock as stored now (another process may have changed it); writes nothing. */
  refresh(): Promise<LockSnapshot> {
    return this.enqueue(async () => {
      this.adopt(await transactOn(this.store, (read) => ({ result: this.stored(read(LOCK_STATE_KEY)) })));
      return this.snapshot;
    });
  }

  /** The audit trail as JSON Lines, oldest first, one entry per line. */
  exportJsonLines(): string {
    return this.state.audit.map((entry) => JSON.stringify(entry)).join('\n') + (this.state.audit.length ? '\n' : '');
  }

  dispose(): void {
    this.changeEmitter.dispose();
  }

  /** One serialized transaction: read what is stored, decide, write the next state. */
  private decide(rule: (state: LockState) => Decision): Promise<LockResult> {
    return this.enqueue(async () => {
      let outcome:
        | { readonly state: LockState; readonly entry: AuditEntry }
        | { readonly state: LockState; readonly reason: UnchangedReason };
      try {
        outcome = await transactOn(this.store, (read): Transaction<typeof outcome> => {
          const current = this.stored(read(LOCK_STATE_KEY));
          const decision = rule(current);
          if (!decision.change) return { result: { state: current, reason: decision.reason } };
          const { next, entry } = this.next(current, decision);
          return { writes: { [LOCK_STATE_KEY]: next }, result: { state: next, entry } };
        });
      } catch (err) {
        throw err instanceof LockPersistError ? err : new LockPersistError(err);
      }
      this.adopt(outcome.state);
      return 'entry' in outcome
        ? { changed: true, entry: outcome.entry, snapshot: this.snapshot }
        : { changed: false, reason: outcome.reason, snapshot: this.snapshot };
    });
  }

  /** Quarantines the unusable stored state and resets the lock, unless someone already did. */
  private async recover(): Promise<LockRecovery | undefined> {
    let outcome: { state: LockState; recovery?: LockRecovery };
    try {
      outcome = await transactOn(this.store, (read): Transaction<typeof outcome> => {
        const raw = read(LOCK_STATE_KEY);
        if (raw === undefined) return { result: { state: emptyLockState() } };
        const parsed = lockStateSchema.safeParse(raw);
        if (parsed.success) return { result: { state: parsed.data } };
        const version =
          typeof raw === 'object' && raw !== null && 'version' in raw
            ? (raw as { version: unknown }).version
            : undefined;
        const problem =
          typeof version === 'number' && version > 1
            ? `stored lock state has version ${version}, newer than this extension understands (1)`
            : `stored lock state is invalid (${describeIssues(parsed.error)})`;
        const quarantineKey = `${QUARANTINE_PREFIX}${this.clock.now().toISOString()}`;
        const { next } = this.next(emptyLockState(), {
          // Stryker disable next-line BooleanLiteral: next() reads only the action, holder, actor and reason
          change: true,
          action: 'reset',
          to: null,
          who: 'startup',
          reason: `${problem}; kept aside as ${quarantineKey}; lock released`,
        });
        return {
          writes: { [quarantineKey]: raw, [LOCK_STATE_KEY]: next },
          result: { state: next, recovery: { problem, quarantineKey } },
        };
      });
    } catch (err) {
      throw err instanceof LockPersistError ? err : new LockPersistError(err);
    }
    this.adopt(outcome.state);
    return outcome.recovery;
  }

  /** The stored value as a lock state; stored state this version cannot use is refused, never overwritten. */
  private stored(raw: unknown): LockState {
    if (raw === undefined) return emptyLockState();
    if (isStateInForce(raw, this.state)) return this.state;
    const parsed = lockStateSchema.safeParse(raw);
    if (parsed.success) return parsed.data;
    throw new Error(
      `the stored provider lock was changed to a state this version cannot use (${describeIssues(parsed.error)}), so it was left as it is; run the command again to set it aside`,
    );
  }

  private next(
    current: LockState,
    decision: Extract<Decision, { change: true }>,
  ): { next: LockState; entry: AuditEntry } {
    const { action, to, who, reason } = decision;
    const generation = current.generation + 1;
    const entry: AuditEntry = {
      time: this.clock.now().toISOString(),
      action,
      from: current.holder,
      to,
      who,
      reason,
      generation,
    };
    const audit = [...current.audit, entry];
    const overflow = Math.max(0, audit.length - this.auditLimit);
    const next: LockState = {
      ...current,
      holder: to,
      generation,
      pinned: to !== null && (who === 'user' || who === 'cli'),
      audit: overflow ? audit.slice(overflow) : audit,
      droppedAuditEntries: current.droppedAuditEntries + overflow,
    };
    return { next, entry };
  }

  /** Makes `state` the one in force; fires onDidChange when it differs from the one before. */
  private adopt(state: LockState): void {
    const before = this.state;
    this.state = state;
    if (state.generation !== before.generation || state.holder !== before.holder)
      this.changeEmitter.fire(this.snapshot);
  }

  private enqueue<T>(operation: () => T | Promise<T>): Promise<T> {
    const run = this.queue.then(operation);
    this.queue = run.catch(() => undefined);
    return run;
  }
}

/**
 * Whether a stored value is the document already in force (the last one written or read
 * here): same generation, holder, pin, trail length and last entry. Each change raises
 * the generation by one under the store's lock, so this identifies it without validating
 * the whole audit trail again on every operation.
 */
function isStateInForce(raw: unknown, state: LockState): boolean {
  if (typeof raw !== 'object' || raw === null) return false;
  const stored = raw as Partial<Record<keyof LockState, unknown>>;
  const audit = stored.audit;
  if (!Array.isArray(audit) || audit.length !== state.audit.length) return false;
  const last = audit.at(-1) as Partial<AuditEntry> | undefined;
  const mine = state.audit.at(-1);
  return (
    stored.version === state.version &&
    stored.generation === state.generation &&
    stored.holder === state.holder &&
    stored.pinned === state.pinned &&
    stored.droppedAuditEntries === state.droppedAuditEntries &&
    last?.generation === mine?.generation &&
    last?.time === mine?.time &&
    last?.to === mine?.to
  );
}
