import * as assert from 'node:assert/strict';
import { USAGE_KEY, UsageLedger, monthOf } from '../../../../src/core/ledger/usageLedger';
import { MemoryStore } from '../../../support/memoryStore';
import { FakeClock } from '../../../support/helpers';

const DAY = 86_400_000;

describe('UsageLedger: tokens per provider per UTC month', () => {
  it('adds each answer to its provider in the current month, and persists it', async () => {
    const store = new MemoryStore();
    const clock = new FakeClock(Date.parse('2026-11-10T12:00:00Z'));
    const { ledger, recovery } = await UsageLedger.open(store, clock);
    assert.equal(recovery, undefined);
    await ledger.record('openai', { promptTokens: 1000, completionTokens: 200 });
    await ledger.record('openai', { promptTokens: 500, completionTokens: 50 });
    await ledger.record('groq', { promptTokens: 10, completionTokens: 1 });
    assert.equal(ledger.spent('openai'), 1750);
    assert.deepEqual(ledger.thisMonth(), {
      month: '2026-11',
      providers: [
        { provider: 'openai', promptTokens: 1500, completionTokens: 250, answers: 2, unreported: 0 },
        { provider: 'groq', promptTokens: 10, completionTokens: 1, answers: 1, unreported: 0 },
      ],
    });
    const again = await UsageLedger.open(store, clock);
    assert.equal(again.ledger.spent('openai'), 1750, 'read back after a reload');
  });

  it('counts an answer without usage as unreported, not as zero tokens spent', async () => {
    const { ledger } = await UsageLedger.open(new MemoryStore(), new FakeClock());
    await ledger.record('custom', null);
    assert.deepEqual(ledger.thisMonth().providers, [
      { provider: 'custom', promptTokens: 0, completionTokens: 0, answers: 1, unreported: 1 },
    ]);
  });

  it('never counts the built-in forecaster', async () => {
    const store = new MemoryStore();
    const { ledger } = await UsageLedger.open(store, new FakeClock());
    await ledger.record('builtin', { promptTokens: 5, completionTokens: 5 });
    assert.deepEqual(ledger.thisMonth().providers, []);
    assert.equal(store.get(USAGE_KEY), undefined, 'nothing written');
  });

  it('starts each UTC month at zero, at midnight UTC whatever the local zone', async () => {
    const clock = new FakeClock(Date.parse('2026-11-30T23:59:59.999Z'));
    const { ledger } = await UsageLedger.open(new MemoryStore(), clock);
    await ledger.record('openai', { promptTokens: 100, completionTokens: 0 });
    assert.equal(ledger.spent('openai'), 100);
    clock.advance(1);
    assert.equal(monthOf(clock.now()), '2026-12');
    assert.equal(ledger.spent('openai'), 0);
    assert.deepEqual(ledger.thisMonth(), { month: '2026-12', providers: [] });
  });

  it('keeps this month and the twelve before it', async () => {
    const store = new MemoryStore();
    const clock = new FakeClock(Date.parse('2025-01-15T00:00:00Z'));
    const { ledger } = await UsageLedger.open(store, clock);
    for (let i = 0; i < 20; i++) {
      await ledger.record('openai', { promptTokens: 1, completionTokens: 1 });
      clock.advance(31 * DAY);
    }
    const months = Object.keys((store.get(USAGE_KEY) as { months: object }).months);
    assert.equal(months.length, 13);
    assert.equal(months[0], '2025-08');
    assert.equal(months.at(-1), '2026-08');
  });

  it('counts answers recorded at once, each of them', async () => {
    const { ledger } = await UsageLedger.open(new MemoryStore(), new FakeClock());
    await Promise.all(
      Array.from({ length: 25 }, () => ledger.record('groq', { promptTokens: 4, completionTokens: 1 })),
    );
    assert.equal(ledger.spent('groq'), 125);
    assert.equal(ledger.thisMonth().providers[0]?.answers, 25);
  });

  it('keeps a corrupt store aside, says why, and counts afresh', async () => {
    const clock = new FakeClock(Date.parse('2026-11-10T12:00:00Z'));
    for (const bad of [
      'not an object',
      { version: 2, months: {} },
      {
        version: 1,
        months: { '2026-11': { openai: { promptTokens: -5, completionTokens: 0, answers: 1, unreported: 0 } } },
      },
      { version: 1, months: { november: {} } },
      {
        version: 1,
        months: {
          '2026-11': { 'a provider with spaces': { promptTokens: 1, completionTokens: 1, answers: 1, unreported: 0 } },
        },
      },
      { version: 1, months: Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`20${10 + i}-01`, {}])) },
    ]) {
      const store = new MemoryStore({ [USAGE_KEY]: bad });
      const { ledger, recovery } = await UsageLedger.open(store, clock);
      assert.ok(recovery, JSON.stringify(bad).slice(0, 80));
      assert.match(recovery.problem, /^the stored token usage is invalid \(/);
      assert.equal(recovery.quarantineKey, 'bottleneck.usage.quarantine.2026-11-10T12:00:00.000Z');
      assert.deepEqual(store.get(recovery.quarantineKey), bad, 'kept aside as it was');
      assert.deepEqual(store.get(USAGE_KEY), { version: 1, months: {} });
      await ledger.record('openai', { promptTokens: 3, completionTokens: 4 });
      assert.equal(ledger.spent('openai'), 7);
    }
  });

  it('says nothing when the store holds no usage yet', async () => {
    const store = new MemoryStore();
    const { recovery } = await UsageLedger.open(store, new FakeClock());
    assert.equal(recovery, undefined);
    assert.deepEqual(store.keys(), []);
  });
});
