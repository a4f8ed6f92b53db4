import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { type KeyValueStore } from '../../../../src/core/storage/keyValueStore';
import { MemoryStore } from '../../../support/memoryStore';
import { LOCK_STATE_KEY, LockPersistError, ProviderLock } from '../../../../src/core/lock/providerLock';
import { emptyLockState, lockStateSchema, type LockState } from '../../../../src/core/lock/lockState';
import { PROVIDER_KIND_IDS, type ProviderId } from '../../../../src/core/base/providerIds';
import { FileStore } from '../../../../src/core/storage/fileStore';
import { LEDGER_KEY } from '../../../../src/core/ledger/forecastLedger';
import { FakeClock, seededRandom } from '../../../support/helpers';

async function openLock(store: KeyValueStore = new MemoryStore(), auditLimit?: number) {
  return ProviderLock.open(store, { clock: new FakeClock(), ...(auditLimit ? { auditLimit } : {}) });
}

describe('ProviderLock', () => {
  describe('operations', () => {
    it('starts released on a first run and says it is a first run', async () => {
      const { lock, firstRun, recovery } = await openLock();
      assert.equal(lock.snapshot.holder, null);
      assert.equal(firstRun, true);
      assert.equal(recovery, undefined);
    });

    it('acquire takes a released lock and records who and why', async () => {
      const { lock } = await openLock();
      const result = await lock.acquire('groq', 'user', 'test');
      assert.equal(result.changed, true);
      assert.equal(lock.snapshot.holder, 'groq');
      assert.deepEqual(
        lock.audit.map(({ action, from, to, who, reason }) => ({ action, from, to, who, reason })),
        [{ action: 'acquire', from: null, to: 'groq', who: 'user', reason: 'test' }],
      );
    });

    it('acquire refuses a lock another provider holds, and writes nothing', async () => {
      const { lock } = await openLock();
      await lock.acquire('groq', 'user', 'a');
      const result = await lock.acquire('openai', 'user', 'b');
      assert.deepEqual(
        { changed: result.changed, reason: !result.changed && result.reason },
        { changed: false, reason: 'held-by-other' },
      );
      assert.equal(lock.snapshot.holder, 'groq');
      assert.equal(lock.audit.length, 1);
    });

    it('switch moves the lock from holder to another and refuses a released lock', async () => {
      const { lock } = await openLock();
      const refused = await lock.switch('openai', 'user', 'x');
      assert.equal(refused.changed, false);
      await lock.acquire('builtin', 'startup', 'x');
      await lock.switch('openai', 'user', 'y');
      assert.equal(lock.snapshot.holder, 'openai');
      assert.equal(lock.audit.at(-1)?.action, 'switch');
      assert.equal(lock.audit.at(-1)?.from, 'builtin');
    });

    it('release empties the lock; releasing again changes nothing', async () => {
      const { lock } = await openLock();
      await lock.acquire('ollama', 'user', 'x');
      assert.equal((await lock.release('user', 'done')).changed, true);
      assert.equal(lock.snapshot.holder, null);
      assert.equal((await lock.release('user', 'again')).changed, false);
      assert.equal(lock.audit.length, 2);
    });

    it('compare-and-switch fails when the generation moved since the caller looked', async () => {
      const { lock } = await openLock();
      await lock.acquire('openai', 'startup', 'x');
      const seen = lock.snapshot.generation;
      await lock.claim('groq', 'user', 'person chose groq');
      const result = await lock.compareAndSwitch(seen, 'builtin', 'monitor', 'failover', 'openai down');
      assert.equal(result.changed, false);
      assert.equal(!result.changed && result.reason, 'generation-mismatch');
      assert.equal(lock.snapshot.holder, 'groq');
    });

    it('compare-and-switch succeeds on the current generation and records the action', async () => {
      const { lock } = await openLock();
      await lock.acquire('openai', 'startup', 'x');
      const result = await lock.compareAndSwitch(
        lock.snapshot.generation,
        'builtin',
        'monitor',
        'failover',
        'openai: timeout',
      );
      assert.equal(result.changed, true);
      assert.deepEqual([lock.audit.at(-1)?.action, lock.audit.at(-1)?.who], ['failover', 'monitor']);
    });

    it('pins a lock a person chose and unpins one the monitor chose', async () => {
      const { lock } = await openLock();
      await lock.claim('groq', 'user', 'x');
      assert.equal(lock.snapshot.pinned, true);
      await lock.compareAndSwitch(lock.snapshot.generation, 'builtin', 'monitor', 'failover', 'down');
      assert.equal(lock.snapshot.pinned, false);
    });

    it('fires onDidChange once per change and not for no-ops', async () => {
      const { lock } = await openLock();
      const seen: (ProviderId | null)[] = [];
      lock.onDidChange((s) => seen.push(s.holder));
      await lock.claim('groq', 'user', 'x');
      await lock.claim('groq', 'user', 'again');
      await lock.release('user', 'x');
      assert.deepEqual(seen, ['groq', null]);
    });

    it('claim acquires a released lock and switches a held one, each audited as what it was', async () => {
      const { lock } = await openLock();
      await lock.claim('groq', 'user', 'first');
      await lock.claim('openai', 'user', 'second');
      assert.deepEqual(
        lock.audit.map(({ action, from, to }) => ({ action, from, to })),
        [
          { action: 'acquire', from: null, to: 'groq' },
          { action: 'switch', from: 'groq', to: 'openai' },
        ],
      );
      const again = await lock.claim('openai', 'user', 'third');
      assert.deepEqual([again.changed, !again.changed && again.reason], [false, 'already-held']);
    });

    it('switch to the holder itself changes nothing and says it is already held', async () => {
      const { lock } = await openLock();
      await lock.acquire('groq', 'user', 'x');
      const result = await lock.switch('groq', 'user', 'y');
      assert.deepEqual([result.changed, !result.changed && result.reason], [false, 'already-held']);
      const refused = await lock.release('user', 'z').then(() => lock.switch('groq', 'user', 'w'));
      assert.deepEqual([refused.changed, !refused.changed && refused.reason], [false, 'already-released']);
      assert.equal(lock.audit.length, 2);
    });

    it('acquire of the provider that already holds the lock says so', async () => {
      const { lock } = await openLock();
      await lock.acquire('groq', 'user', 'x');
      const result = await lock.acquire('groq', 'user', 'y');
      assert.deepEqual([result.changed, !result.changed && result.reason], [false, 'already-held']);
    });

    it('release reports a released lock, and who released it and from what', async () => {
      const { lock } = await openLock();
      const refused = await lock.release('user', 'nothing to release');
      assert.deepEqual([refused.changed, !refused.changed && refused.reason], [false, 'already-released']);
      await lock.acquire('groq', 'startup', 'x');
      const result = await lock.release('cli', 'done');
      assert.ok(result.changed);
      assert.deepEqual(
        { action: result.entry.action, from: result.entry.from, to: result.entry.to, who: result.entry.who },
        { action: 'release', from: 'groq', to: null, who: 'cli' },
      );
      assert.deepEqual(result.snapshot, { holder: null, generation: 2, pinned: false });
    });

    it('compare-and-switch to the holder itself changes nothing', async () => {
      const { lock } = await openLock();
      await lock.acquire('groq', 'startup', 'x');
      const result = await lock.compareAndSwitch(1, 'groq', 'monitor', 'failback', 'y');
      assert.deepEqual([result.changed, !result.changed && result.reason], [false, 'already-held']);
    });

    it('a change returns its audit entry and the snapshot after it; each raises the generation by one', async () => {
      const clock = new FakeClock();
      const { lock } = await ProviderLock.open(new MemoryStore(), { clock });
      const first = await lock.acquire('groq', 'user', 'why');
      clock.advance(1000);
      const second = await lock.compareAndSwitch(1, 'builtin', 'monitor', 'failover', 'groq down');
      assert.ok(first.changed && second.changed);
      assert.deepEqual(first.entry, {
        time: '2026-01-05T00:00:00.000Z',
        action: 'acquire',
        from: null,
        to: 'groq',
        who: 'user',
        reason: 'why',
        generation: 1,
      });
      assert.equal(second.entry.time, '2026-01-05T00:00:01.000Z');
      assert.equal(second.entry.generation, 2);
      assert.deepEqual(second.snapshot, { holder: 'builtin', generation: 2, pinned: false });
      const unchangedResult = await lock.acquire('openai', 'user', 'x');
      assert.deepEqual(unchangedResult.snapshot, { holder: 'builtin', generation: 2, pinned: false });
    });

    it('pins what the editor or the CLI chose, never what startup or the monitor chose, nor a release', async () => {
      const { lock } = await openLock();
      const pins: [string, boolean][] = [];
      const note = async (label: string, op: Promise<unknown>) => {
        await op;
        pins.push([label, lock.snapshot.pinned]);
      };
      await note('startup acquire', lock.acquire('groq', 'startup', 'x'));
      await note('cli claim', lock.claim('openai', 'cli', 'x'));
      await note('monitor failover', lock.compareAndSwitch(2, 'builtin', 'monitor', 'failover', 'x'));
      await note('user switch', lock.switch('groq', 'user', 'x'));
      await note('user release', lock.release('user', 'x'));
      assert.deepEqual(pins, [
        ['startup acquire', false],
        ['cli claim', true],
        ['monitor failover', false],
        ['user switch', true],
        ['user release', false],
      ]);
    });
  });

  describe('persistence', () => {
    it('restores holder, generation and audit trail from the store', async () => {
      const store = new MemoryStore();
      const first = (await openLock(store)).lock;
      await first.claim('huggingface', 'user', 'x');
      const { lock, firstRun } = await openLock(store);
      assert.equal(firstRun, false);
      assert.deepEqual(lock.snapshot, first.snapshot);
      assert.deepEqual(lock.audit, first.audit);
    });

    it('a failed write rejects with LockPersistError and leaves the previous state in force', async () => {
      const store = new MemoryStore();
      const { lock } = await openLock(store);
      await lock.claim('groq', 'user', 'x');
      const before = store.get(LOCK_STATE_KEY);
      store.failNextWrites(1);
      await assert.rejects(lock.claim('openai', 'user', 'y'), LockPersistError);
      assert.equal(lock.snapshot.holder, 'groq');
      assert.equal(lock.audit.length, 1);
      assert.deepEqual(store.get(LOCK_STATE_KEY), before);
      // and the lock keeps working afterwards
      assert.equal((await lock.claim('openai', 'user', 'z')).changed, true);
    });

    it('quarantines corrupt state, starts released, and records a reset', async () => {
      const garbage = { version: 1, holder: 'not-a-provider', generation: -3 };
      const store = new MemoryStore({ [LOCK_STATE_KEY]: garbage });
      const { lock, recovery } = await openLock(store);
      assert.ok(recovery);
      assert.match(recovery.problem, /holder/);
      assert.deepEqual(store.get(recovery.quarantineKey), garbage);
      assert.equal(lock.snapshot.holder, null);
      assert.equal(lock.audit.at(-1)?.action, 'reset');
      assert.ok(lockStateSchema.safeParse(store.get(LOCK_STATE_KEY)).success, 'the stored state is valid again');
      // reported once: the next start finds valid state
      assert.equal((await openLock(store)).recovery, undefined);
    });

    it('quarantines state from a newer version and says so', async () => {
      const future = { version: 7, holder: 'groq' };
      const store = new MemoryStore({ [LOCK_STATE_KEY]: future });
      const { recovery } = await openLock(store);
      assert.match(recovery?.problem ?? '', /version 7/);
    });

    it('quarantines a value of the wrong type without crashing', async () => {
      for (const raw of ['a string', 42, [1, 2], null]) {
        const { lock, recovery } = await openLock(new MemoryStore({ [LOCK_STATE_KEY]: raw }));
        assert.ok(recovery, `recovered from ${JSON.stringify(raw)}`);
        assert.equal(lock.snapshot.holder, null);
      }
    });
  });

  describe('what it stores, and where', () => {
    it('keeps the lock under bottleneck.providerLock, and a clean open reports no recovery at all', async () => {
      assert.equal(
        LOCK_STATE_KEY,
        'bottleneck.providerLock',
        'a stored key never changes: users would lose their lock',
      );
      const store = new MemoryStore();
      await (await openLock(store)).lock.claim('groq', 'user', 'x');
      assert.deepEqual(store.keys(), ['bottleneck.providerLock']);
      const opened = await openLock(store);
      assert.equal('recovery' in opened, false);
    });

    it('sets corrupt state aside under a key named for the time, and says so in the reset entry', async () => {
      const clock = new FakeClock();
      const store = new MemoryStore({ [LOCK_STATE_KEY]: { version: 1, holder: 'nope' } });
      const { lock, recovery } = await ProviderLock.open(store, { clock });
      assert.equal(recovery?.quarantineKey, 'bottleneck.providerLock.quarantine.2026-01-05T00:00:00.000Z');
      const reset = lock.audit[0];
      assert.deepEqual(
        reset && { action: reset.action, from: reset.from, to: reset.to, who: reset.who, generation: reset.generation },
        { action: 'reset', from: null, to: null, who: 'startup', generation: 1 },
      );
      assert.equal(
        reset?.reason,
        `${recovery?.problem}; kept aside as bottleneck.providerLock.quarantine.2026-01-05T00:00:00.000Z; lock released`,
      );
      assert.match(recovery?.problem ?? '', /^stored lock state is invalid \(/);
    });

    it('a version that is not a number is invalid state, not a newer version', async () => {
      const { recovery } = await openLock(new MemoryStore({ [LOCK_STATE_KEY]: { version: '2', holder: 'groq' } }));
      assert.match(recovery?.problem ?? '', /^stored lock state is invalid/);
    });

    it('corrupt state already gone when it is set aside (another process reset it) is not reported', async () => {
      /** Gives the corrupt value to the first read only, as if another process removed it right after. */
      class VanishingStore extends MemoryStore {
        private reads = 0;
        override get(key: string): unknown {
          return this.reads++ === 0 ? { version: 1, holder: 'nope' } : super.get(key);
        }
      }
      const store = new VanishingStore();
      const opened = await openLock(store);
      const { lock, recovery } = opened;
      assert.equal(recovery, undefined);
      assert.equal('recovery' in opened, false);
      assert.deepEqual([lock.snapshot.holder, lock.audit.length, store.keys()], [null, 0, []]);
    });

    it('a reset the store cannot save rejects with LockPersistError', async () => {
      const store = new MemoryStore({ [LOCK_STATE_KEY]: 'garbage' });
      store.failNextWrites(1);
      await assert.rejects(openLock(store), LockPersistError);
    });

    it('a failed save names itself and says the previous lock is still in force', async () => {
      const error = new LockPersistError(new Error('disk full'));
      assert.equal(error.name, 'LockPersistError');
      assert.equal(error.message, 'Could not save the provider lock: disk full. The previous lock is still in force.');
    });

    it('stored state replaced by something that is not a document meanwhile is refused, not overwritten', async () => {
      const store = new MemoryStore();
      const { lock } = await openLock(store);
      await lock.claim('groq', 'user', 'x');
      await store.update(LOCK_STATE_KEY, 'overwritten by hand');
      await assert.rejects(lock.claim('openai', 'user', 'y'), LockPersistError);
      assert.equal(store.get(LOCK_STATE_KEY), 'overwritten by hand');
    });

    it('after dispose, changes are no longer announced', async () => {
      const { lock } = await openLock();
      const seen: unknown[] = [];
      lock.onDidChange((s) => seen.push(s));
      lock.dispose();
      await lock.claim('groq', 'user', 'x');
      assert.deepEqual(seen, []);
    });
  });

  describe('audit trail', () => {
    it('keeps the newest N entries and counts the dropped ones', async () => {
      const { lock } = await openLock(new MemoryStore(), 5);
      for (let i = 0; i < 8; i++) await lock.claim(i % 2 ? 'groq' : 'openai', 'user', `change ${i}`);
      assert.equal(lock.audit.length, 5);
      assert.equal(lock.droppedAuditEntries, 3);
      assert.equal(lock.audit[0]?.reason, 'change 3');
      assert.equal(lock.audit.at(-1)?.reason, 'change 7');
    });

    it('a new audit limit applies from the next change; it is a whole number of at least 1', async () => {
      const { lock } = await openLock(new MemoryStore(), 10);
      for (let i = 0; i < 4; i++) await lock.claim(i % 2 ? 'groq' : 'openai', 'user', `change ${i}`);
      lock.setAuditLimit(2.7);
      await lock.release('user', 'last');
      assert.deepEqual([lock.audit.map((e) => e.reason), lock.droppedAuditEntries], [['change 3', 'last'], 3]);
      lock.setAuditLimit(0);
      await lock.claim('groq', 'user', 'only');
      assert.deepEqual(
        lock.audit.map((e) => e.reason),
        ['only'],
      );
    });

    it('exports an empty trail as an empty document', async () => {
      assert.equal((await openLock()).lock.exportJsonLines(), '');
    });

    it('exports JSON Lines, one parseable entry per line, oldest first', async () => {
      const { lock } = await openLock();
      await lock.claim('groq', 'user', 'a');
      await lock.release('cli', 'b');
      assert.ok(lock.exportJsonLines().endsWith('}\n'), 'each line ends with a newline, the last one too');
      const lines = lock.exportJsonLines().trimEnd().split('\n');
      assert.equal(lines.length, 2);
      assert.deepEqual(
        lines.map((l) => (JSON.parse(l) as { action: string }).action),
        ['acquire', 'release'],
      );
    });
  });

  describe('under concurrent callers', () => {
    /** A store that checks, at every write, that what is stored equals the lock's state. */
    class CheckingStore extends MemoryStore {
      lock: ProviderLock | undefined;
      checks = 0;
      override async update(key: string, value: unknown): Promise<void> {
        if (this.lock && key === LOCK_STATE_KEY) {
          assertStoredEqualsMemory(this, this.lock);
          this.checks++;
        }
        return super.update(key, value);
      }
    }

    function assertStoredEqualsMemory(store: KeyValueStore, lock: ProviderLock): void {
      const stored = store.get(LOCK_STATE_KEY) as LockState | undefined;
      if (stored === undefined) {
        assert.equal(lock.audit.length, 0);
        return;
      }
      assert.equal(stored.holder, lock.snapshot.holder);
      assert.equal(stored.generation, lock.snapshot.generation);
      assert.deepEqual(stored.audit, lock.audit);
    }

    it('1,000 interleaved operations keep one holder, one audit entry per change, and storage in step', async () => {
      const random = seededRandom(20261128);
      const store = new CheckingStore();
      const { lock } = await ProviderLock.open(store, { clock: new FakeClock(), auditLimit: 100_000 });
      store.lock = lock;
      let commits = 0;
      lock.onDidChange(() => {
        commits++;
        assertStoredEqualsMemory(store, lock);
      });
      const pick = (): ProviderId => PROVIDER_KIND_IDS[Math.floor(random() * PROVIDER_KIND_IDS.length)] as ProviderId;
      let successes = 0;
      let persistFailures = 0;
      const callers = 10;
      const perCaller = 100;
      await Promise.all(
        Array.from({ length: callers }, async (_, caller) => {
          for (let i = 0; i < perCaller; i++) {
            const r = random();
            if (r < 0.03) store.failNextWrites(1);
            const seen = lock.snapshot.generation;
            const op =
              r < 0.2
                ? lock.acquire(pick(), 'user', `c${caller}`)
                : r < 0.35
                  ? lock.release('cli', `c${caller}`)
                  : r < 0.55
                    ? lock.switch(pick(), 'user', `c${caller}`)
                    : r < 0.75
                      ? lock.claim(pick(), 'user', `c${caller}`)
                      : lock.compareAndSwitch(
                          random() < 0.5 ? seen : seen - 1,
                          pick(),
                          'monitor',
                          'failover',
                          `c${caller}`,
                        );
            try {
              if ((await op).changed) successes++;
            } catch (err) {
              assert.ok(err instanceof LockPersistError);
              persistFailures++;
            }
            if (random() < 0.5) await Promise.resolve();
          }
        }),
      );
      assert.equal(successes + persistFailures > 0, true);
      assert.ok(persistFailures > 0, 'some writes failed, so that path was exercised');
      assert.equal(commits, successes, 'one commit event per successful change');
      assert.equal(lock.audit.length, successes, 'exactly one audit entry per successful change');
      assert.ok(store.checks >= successes);
      // The audit replays as one chain of holders: each change starts where the previous ended,
      // so two providers never held the lock at once, and generations rise by one.
      let holder: ProviderId | null = null;
      lock.audit.forEach((entry, index) => {
        assert.equal(entry.from, holder, `entry ${index} starts from the holder before it`);
        assert.equal(entry.generation, index + 1);
        holder = entry.to;
      });
      assert.equal(holder, lock.snapshot.holder);
      assertStoredEqualsMemory(store, lock);
    });
  });

  describe('the stored state: the one in force is known at a glance, any other is read and taken in', () => {
    /** A lock with two changes made, and its store. */
    const twoChanges = async () => {
      const store = new MemoryStore();
      const { lock } = await openLock(store);
      await lock.acquire('groq', 'user', 'a person chose groq');
      await lock.switch('openai', 'monitor', 'failover');
      return { store, lock, stored: store.get(LOCK_STATE_KEY) as LockState };
    };
    const last = (s: LockState): LockState['audit'][number] => s.audit.at(-1) as LockState['audit'][number];
    // each differs from the state in force in one thing only, and is valid
    const others: [string, (s: LockState) => LockState][] = [
      ['its generation', (s) => ({ ...s, generation: s.generation + 5 })],
      ['its holder', (s) => ({ ...s, holder: 'ollama' })],
      ['its pin', (s) => ({ ...s, pinned: !s.pinned })],
      ['its count of dropped entries', (s) => ({ ...s, droppedAuditEntries: s.droppedAuditEntries + 3 })],
      ['its trail length', (s) => ({ ...s, audit: s.audit.slice(1) })],
      [
        'its last entry’s generation',
        (s) => ({ ...s, audit: [...s.audit.slice(0, -1), { ...last(s), generation: 9 }] }),
      ],
      [
        'its last entry’s time',
        (s) => ({ ...s, audit: [...s.audit.slice(0, -1), { ...last(s), time: '2030-01-01T00:00:00.000Z' }] }),
      ],
      ['its last entry’s holder', (s) => ({ ...s, audit: [...s.audit.slice(0, -1), { ...last(s), to: 'groq' }] })],
    ];
    for (const [what, change] of others)
      it(`a stored state that differs in ${what} is taken in by refresh`, async () => {
        const { store, lock, stored } = await twoChanges();
        const other = change(stored);
        await store.update(LOCK_STATE_KEY, other);
        let announced = 0;
        lock.onDidChange(() => announced++);
        await lock.refresh();
        const moved = other.generation !== stored.generation || other.holder !== stored.holder;
        assert.equal(announced, moved ? 1 : 0, 'a change is announced when the generation or the holder moved');
        assert.equal(
          JSON.stringify(lock.snapshot),
          JSON.stringify({ holder: other.holder, generation: other.generation, pinned: other.pinned }),
        );
        assert.equal(JSON.stringify(lock.audit), JSON.stringify(other.audit));
        assert.equal(lock.droppedAuditEntries, other.droppedAuditEntries);
      });

    it('the state it wrote itself is not validated again on every operation; a state someone else wrote is', async () => {
      const { store, lock, stored } = await twoChanges();
      const original = lockStateSchema.safeParse.bind(lockStateSchema);
      let validations = 0;
      lockStateSchema.safeParse = ((raw: unknown) => {
        validations++;
        return original(raw);
      }) as typeof lockStateSchema.safeParse;
      try {
        await lock.refresh();
        await lock.switch('builtin', 'user', 'back');
        assert.equal(validations, 0, 'the stored state is the one in force');
        await store.update(LOCK_STATE_KEY, { ...(store.get(LOCK_STATE_KEY) as LockState), pinned: false });
        await lock.refresh();
        assert.equal(validations, 1, 'a changed one is read through the schema');
        assert.equal(stored.holder, 'openai');
      } finally {
        lockStateSchema.safeParse = original;
      }
    });

    it('a stored value that is not a lock state at all is refused, and the lock in force stays', async () => {
      for (const raw of [null, 'held', 7, { audit: 'none' }, { ...emptyLockState(), audit: [{}] }]) {
        const { store, lock } = await twoChanges();
        await store.update(LOCK_STATE_KEY, raw);
        await assert.rejects(lock.refresh(), /the stored provider lock was changed to a state this version cannot use/);
        assert.equal(lock.snapshot.holder, 'openai');
      }
    });

    it('a clean open says nothing of a recovery: the key is absent, not undefined', async () => {
      const { store } = await twoChanges();
      const opened = await openLock(store);
      assert.deepEqual(Object.keys(opened).sort(), ['firstRun', 'lock']);
    });
  });

  describe('across processes (two locks over two stores of one state file)', () => {
    let dir: string;
    let file: string;
    beforeEach(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bottleneck-lock-'));
      file = path.join(dir, 'state.json');
    });
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    const openOnFile = async () =>
      (await ProviderLock.open(await FileStore.open(file), { clock: new FakeClock() })).lock;

    it("each change applies to the lock as stored now, so the other process's change is neither lost nor undone", async () => {
      const a = await openOnFile();
      await a.acquire('builtin', 'startup', 'first run');
      const b = await openOnFile();
      await b.claim('groq', 'cli', 'b chose groq');
      // a still has generation 1 in memory; its claim builds on b's change
      const result = await a.claim('openai', 'cli', 'a chose openai');
      assert.equal(result.changed, true);
      const fresh = await openOnFile();
      assert.deepEqual(
        fresh.audit.map((e) => [e.generation, e.from, e.to]),
        [
          [1, null, 'builtin'],
          [2, 'builtin', 'groq'],
          [3, 'groq', 'openai'],
        ],
      );
      assert.deepEqual(a.snapshot, fresh.snapshot);
    });

    it('compare-and-switch checks the generation stored now: a stale caller loses and takes in the current lock', async () => {
      const a = await openOnFile();
      await a.acquire('openai', 'startup', 'x');
      const seen = a.snapshot.generation;
      const b = await openOnFile();
      await b.claim('groq', 'cli', 'a person chose groq');
      const changes: (string | null)[] = [];
      a.onDidChange((s) => changes.push(s.holder));
      const result = await a.compareAndSwitch(seen, 'builtin', 'monitor', 'failover', 'openai down');
      assert.deepEqual([result.changed, !result.changed && result.reason], [false, 'generation-mismatch']);
      assert.equal(a.snapshot.holder, 'groq', 'the loser now sees the winner');
      assert.deepEqual(changes, ['groq'], 'and says the lock changed');
      assert.equal((await openOnFile()).snapshot.holder, 'groq');
      assert.equal(
        (await a.compareAndSwitch(a.snapshot.generation, 'builtin', 'monitor', 'failover', 'groq down')).changed,
        true,
      );
    });

    it("refresh takes in another process's change without writing", async () => {
      const a = await openOnFile();
      const b = await openOnFile();
      await b.claim('ollama', 'cli', 'x');
      const before = fs.statSync(file).mtimeMs;
      assert.equal((await a.refresh()).holder, 'ollama');
      assert.equal(fs.statSync(file).mtimeMs, before);
    });

    it('a lock change keeps the ledger another process wrote meanwhile, and the ledger keeps the lock', async () => {
      const a = await openOnFile();
      const ledgerStore = await FileStore.open(file);
      await ledgerStore.update(LEDGER_KEY, { version: 1, entries: [] });
      await a.claim('groq', 'cli', 'x');
      await ledgerStore.update(LEDGER_KEY, { version: 1, entries: [{ n: 1 }] });
      const onDisk = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
      assert.deepEqual(onDisk[LEDGER_KEY], { version: 1, entries: [{ n: 1 }] });
      assert.equal((onDisk[LOCK_STATE_KEY] as LockState).holder, 'groq');
    });

    it('corrupt stored lock state found by two processes is quarantined and reset once', async () => {
      fs.writeFileSync(file, JSON.stringify({ [LOCK_STATE_KEY]: { version: 1, holder: 'nope' } }));
      const storeA = await FileStore.open(file);
      const storeB = await FileStore.open(file);
      const first = await ProviderLock.open(storeA, { clock: new FakeClock() });
      const second = await ProviderLock.open(storeB, { clock: new FakeClock() });
      assert.ok(first.recovery);
      assert.equal(second.recovery, undefined, 'the second found it already reset');
      const fresh = await openOnFile();
      assert.deepEqual(
        fresh.audit.map((e) => e.action),
        ['reset'],
      );
      assert.equal(
        Object.keys(JSON.parse(fs.readFileSync(file, 'utf8')) as object).filter((k) => k.includes('quarantine')).length,
        1,
      );
    });

    it('stored state changed to a future version meanwhile is refused, not overwritten', async () => {
      const a = await openOnFile();
      await a.acquire('builtin', 'startup', 'x');
      const future = { version: 2, holder: 'groq', something: 'new' };
      await (await FileStore.open(file)).update(LOCK_STATE_KEY, future);
      await assert.rejects(
        a.claim('openai', 'cli', 'y'),
        (e: unknown) => e instanceof LockPersistError && /cannot use/.test(e.message),
      );
      assert.deepEqual((await FileStore.open(file)).get(LOCK_STATE_KEY), future);
    });
  });
});
