import * as assert from 'node:assert/strict';
import { MemoryStore } from '../../../support/memoryStore';
import { FakeClock } from '../../../support/helpers';
import { LOCK_STATE_KEY, ProviderLock } from '../../../../src/core/lock/providerLock';
import {
  type Actor,
  type AuditAction,
  actorSchema,
  auditActionSchema,
  emptyLockState,
  LOCK_STATE_VERSION,
  lockStateSchema,
} from '../../../../src/core/lock/lockState';

const open = (store: MemoryStore) => ProviderLock.open(store, { clock: new FakeClock() });

/** A stored document as the lock writes it, with one audit entry. */
function storedWith(entry: Record<string, unknown>, state: Record<string, unknown> = {}) {
  return {
    ...emptyLockState(),
    holder: 'groq',
    generation: 1,
    audit: [
      {
        time: '2026-01-05T00:00:00.000Z',
        action: 'acquire',
        from: null,
        to: 'groq',
        who: 'user',
        reason: 'x',
        generation: 1,
        ...entry,
      },
    ],
    ...state,
  };
}

describe('lock state schema', () => {
  it('starts empty: released, generation 0, not pinned, no audit, version 1', () => {
    assert.deepEqual(emptyLockState(), {
      version: 1,
      holder: null,
      generation: 0,
      pinned: false,
      audit: [],
      droppedAuditEntries: 0,
    });
    assert.equal(LOCK_STATE_VERSION, 1);
    assert.ok(lockStateSchema.safeParse(emptyLockState()).success);
  });

  it('every audit action the lock writes survives a save and a reopen', async () => {
    const store = new MemoryStore();
    const { lock } = await open(store);
    await lock.acquire('groq', 'startup', 'first run');
    await lock.switch('openai', 'user', 'chosen');
    await lock.compareAndSwitch(lock.snapshot.generation, 'builtin', 'monitor', 'failover', 'openai down');
    await lock.compareAndSwitch(lock.snapshot.generation, 'openai', 'monitor', 'failback', 'openai back');
    await lock.release('cli', 'done');
    // a reset: stored state this version cannot use, set aside on open
    const corrupt = new MemoryStore({ [LOCK_STATE_KEY]: { ...(store.get(LOCK_STATE_KEY) as object), holder: 'nope' } });
    await open(corrupt);

    const reopened = await open(store);
    assert.equal(reopened.recovery, undefined, 'the saved state passes its own schema');
    const reset = await open(corrupt);
    assert.equal(reset.recovery, undefined, 'the reset state passes its own schema');
    const actions = [...reopened.lock.audit, ...reset.lock.audit].map((e) => e.action);
    assert.deepEqual(new Set(actions), new Set(auditActionSchema.options));
    assert.deepEqual(actions, ['acquire', 'switch', 'failover', 'failback', 'release', 'reset']);
  });

  it('a document stored before named endpoints, held by the unnamed custom endpoint, opens as it was; a named one is a holder of its own', async () => {
    const before = new MemoryStore({
      [LOCK_STATE_KEY]: storedWith({ to: 'custom' }, { holder: 'custom', pinned: true }),
    });
    const { lock, recovery } = await open(before);
    assert.equal(recovery, undefined, 'nothing set aside: no migration is needed');
    assert.deepEqual([lock.snapshot.holder, lock.snapshot.pinned, lock.audit.length], ['custom', true, 1]);
    await lock.switch('custom:gateway-eu', 'user', 'the EU gateway');
    await lock.compareAndSwitch(lock.snapshot.generation, 'custom', 'monitor', 'failover', 'gateway-eu down');
    const reopened = await open(before);
    assert.equal(reopened.recovery, undefined);
    assert.deepEqual(
      reopened.lock.audit.map((e) => [e.from, e.to]),
      [
        [null, 'custom'],
        ['custom', 'custom:gateway-eu'],
        ['custom:gateway-eu', 'custom'],
      ],
    );
    const badName = new MemoryStore({ [LOCK_STATE_KEY]: storedWith({}, { holder: 'custom:Not Valid' }) });
    assert.notEqual((await open(badName)).recovery, undefined, 'a malformed name is refused like any unknown id');
  });

  it('every actor survives a save and a reopen', async () => {
    const store = new MemoryStore();
    const { lock } = await open(store);
    const actors: Actor[] = ['startup', 'user', 'monitor', 'cli'];
    for (const [i, who] of actors.entries()) await lock.claim(i % 2 ? 'groq' : 'openai', who, who);
    const { lock: reopened, recovery } = await open(store);
    assert.equal(recovery, undefined);
    assert.deepEqual(
      reopened.audit.map((e) => e.who),
      actors,
    );
    assert.deepEqual(new Set(actors), new Set(actorSchema.options));
  });

  it('refuses an entry with an unknown action or actor, a bad time, or a negative or fractional generation', () => {
    assert.ok(lockStateSchema.safeParse(storedWith({})).success, 'the well-formed document is accepted');
    const refused: [string, Record<string, unknown>][] = [
      ['action', { action: 'claim' as AuditAction }],
      ['who', { who: 'someone' }],
      ['time', { time: 'yesterday' }],
      ['generation', { generation: -1 }],
      ['generation', { generation: 1.5 }],
      ['to', { to: 'nope' }],
      ['reason', { reason: 7 }],
    ];
    for (const [field, entry] of refused) {
      const parsed = lockStateSchema.safeParse(storedWith(entry));
      assert.equal(parsed.success, false, `${field}: ${JSON.stringify(entry)}`);
      assert.deepEqual(parsed.error?.issues[0]?.path, ['audit', 0, field]);
    }
  });

  it('refuses a document of another version, a negative or fractional generation or dropped count, or no pin', () => {
    const refused: [string, Record<string, unknown>][] = [
      ['version', { version: 2 }],
      ['generation', { generation: -1 }],
      ['generation', { generation: 0.5 }],
      ['droppedAuditEntries', { droppedAuditEntries: -1 }],
      ['droppedAuditEntries', { droppedAuditEntries: 2.5 }],
      ['pinned', { pinned: 'yes' }],
      ['holder', { holder: 'nope' }],
    ];
    for (const [field, state] of refused) {
      const parsed = lockStateSchema.safeParse(storedWith({}, state));
      assert.equal(parsed.success, false, `${field}: ${JSON.stringify(state)}`);
      assert.deepEqual(parsed.error?.issues[0]?.path, [field]);
    }
  });
});
