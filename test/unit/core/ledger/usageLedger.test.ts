import * as assert from 'node:assert/strict';
import { USAGE_KEY, UsageLedger, monthOf } from '../../../../src/core/ledger/usageLedger';
import { type Transaction } from '../../../../src/core/storage/keyValueStore';
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

const tally = (promptTokens: number, completionTokens = 0, answers = 1, unreported = 0) => ({
  promptTokens,
  completionTokens,
  answers,
  unreported,
});

/** Opens the ledger on a stored value and says whether it was taken as it is. */
async function accepts(stored: unknown): Promise<boolean> {
  const { recovery } = await UsageLedger.open(new MemoryStore({ [USAGE_KEY]: stored }), new FakeClock());
  return recovery === undefined;
}

describe('UsageLedger: what it accepts from the store', () => {
  it('at most 64 providers in a month', async () => {
    const month = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`custom:p${i}`, tally(1)]));
    assert.equal(await accepts({ version: 1, months: { '2026-11': month(64) } }), true);
    assert.equal(await accepts({ version: 1, months: { '2026-11': month(65) } }), false);
  });

  it('at most 13 months', async () => {
    const months = (n: number) =>
      Object.fromEntries(
        Array.from({ length: n }, (_, i) => [
          `${2020 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`,
          {},
        ]),
      );
    assert.equal(await accepts({ version: 1, months: months(13) }), true);
    assert.equal(await accepts({ version: 1, months: months(14) }), false);
  });

  it('months written YYYY-MM, from 01 to 12', async () => {
    for (const month of ['2026-01', '2026-09', '2026-10', '2026-12'])
      assert.equal(await accepts({ version: 1, months: { [month]: {} } }), true, month);
    for (const month of ['2026-00', '2026-13', '2026-1', '26-11', '2026-11-01', 'x2026-11'])
      assert.equal(await accepts({ version: 1, months: { [month]: {} } }), false, month);
  });

  it('provider ids of 1 to 100 letters, digits, _ : . and -', async () => {
    for (const id of ['a', 'custom:my_model-2.1', 'x'.repeat(100)])
      assert.equal(await accepts({ version: 1, months: { '2026-11': { [id]: tally(1) } } }), true, id);
    for (const id of ['', 'x'.repeat(101), 'a b', 'a/b'])
      assert.equal(await accepts({ version: 1, months: { '2026-11': { [id]: tally(1) } } }), false, id);
  });

  it('counts that are whole, not negative, at most 2^53 − 1, and no other field', async () => {
    const month = (t: unknown) => ({ version: 1, months: { '2026-11': { openai: t } } });
    assert.equal(await accepts(month(tally(0))), true);
    assert.equal(await accepts(month(tally(Number.MAX_SAFE_INTEGER))), true);
    assert.equal(await accepts(month(tally(Number.MAX_SAFE_INTEGER + 1))), false);
    assert.equal(await accepts(month(tally(1.5))), false);
    assert.equal(await accepts(month(tally(-1))), false);
    assert.equal(await accepts(month({ ...tally(1), cost: 3 })), false);
    assert.equal(await accepts(month({ promptTokens: 1, completionTokens: 1, answers: 1 })), false);
  });

  it('says which field was wrong', async () => {
    const store = new MemoryStore({ [USAGE_KEY]: { version: 1, months: { '2026-11': { openai: tally(-1) } } } });
    const { recovery } = await UsageLedger.open(store, new FakeClock());
    assert.equal(
      recovery?.problem,
      'the stored token usage is invalid (months.2026-11.openai.promptTokens: Too small: expected number to be >=0)',
    );
  });

  it('takes the stored usage as it is under the lock when another writer repaired it meanwhile', async () => {
    const good = { version: 1, months: { '2026-01': { openai: tally(40, 2) } } };
    let written = 0;
    const store = {
      get: () => 'broken when first read',
      update: async () => {
        written++;
      },
      keys: () => [USAGE_KEY],
      transact: async <T>(change: (read: (key: string) => unknown) => Transaction<T>): Promise<T> => {
        const { writes, result } = change(() => structuredClone(good));
        if (writes) written++;
        return result;
      },
    };
    const { ledger, recovery } = await UsageLedger.open(store, new FakeClock(Date.parse('2026-01-20T00:00:00Z')));
    assert.equal(recovery, undefined);
    assert.equal(written, 0, 'nothing quarantined, nothing written');
    assert.equal(ledger.spent('openai'), 42);
  });
});

describe('UsageLedger: counting', () => {
  it('lists the providers of the month by total tokens, most first, whatever order they came in', async () => {
    const { ledger } = await UsageLedger.open(new MemoryStore(), new FakeClock());
    await ledger.record('groq', { promptTokens: 10, completionTokens: 95 });
    await ledger.record('openai', { promptTokens: 100, completionTokens: 0 });
    await ledger.record('custom:x', { promptTokens: 1, completionTokens: 200 });
    assert.deepEqual(
      ledger.thisMonth().providers.map((p) => p.provider),
      ['custom:x', 'groq', 'openai'],
    );
    assert.equal(ledger.spent('groq'), 105, 'prompt and completion together');
    assert.equal(ledger.spent('ollama'), 0, 'a provider not used this month');
  });

  it('stops each count at 2^53 − 1 instead of losing precision', async () => {
    const clock = new FakeClock(Date.parse('2026-11-10T12:00:00Z'));
    const nearly = Number.MAX_SAFE_INTEGER - 1;
    const store = new MemoryStore({
      [USAGE_KEY]: { version: 1, months: { '2026-11': { openai: tally(nearly, nearly, nearly, nearly) } } },
    });
    const { ledger } = await UsageLedger.open(store, clock);
    await ledger.record('openai', { promptTokens: 5, completionTokens: 5 });
    await ledger.record('openai', null);
    assert.deepEqual(ledger.thisMonth().providers, [
      {
        provider: 'openai',
        promptTokens: Number.MAX_SAFE_INTEGER,
        completionTokens: Number.MAX_SAFE_INTEGER,
        answers: Number.MAX_SAFE_INTEGER,
        unreported: Number.MAX_SAFE_INTEGER,
      },
    ]);
  });

  it('adds to what another process stored meanwhile, and goes on from its own counts when that became unusable', async () => {
    const clock = new FakeClock(Date.parse('2026-11-10T12:00:00Z'));
    const store = new MemoryStore();
    const { ledger } = await UsageLedger.open(store, clock);
    await ledger.record('openai', { promptTokens: 1, completionTokens: 0 });
    const other = await UsageLedger.open(store, clock);
    await other.ledger.record('openai', { promptTokens: 10, completionTokens: 0 });
    await ledger.record('openai', { promptTokens: 100, completionTokens: 0 });
    assert.equal(ledger.spent('openai'), 111, 'the other process’s answer is counted too');
    await store.update(USAGE_KEY, 'overwritten with garbage');
    await ledger.record('openai', { promptTokens: 1000, completionTokens: 0 });
    assert.equal(ledger.spent('openai'), 1111);
    assert.deepEqual(store.get(USAGE_KEY), {
      version: 1,
      months: { '2026-11': { openai: tally(1111, 0, 4, 0) } },
    });
  });

  it('keeps other providers of the month and other months when it counts one', async () => {
    const clock = new FakeClock(Date.parse('2026-11-10T12:00:00Z'));
    const store = new MemoryStore({
      [USAGE_KEY]: { version: 1, months: { '2026-10': { openai: tally(7) }, '2026-11': { groq: tally(3) } } },
    });
    const { ledger } = await UsageLedger.open(store, clock);
    await ledger.record('openai', { promptTokens: 1, completionTokens: 2 });
    assert.deepEqual(store.get(USAGE_KEY), {
      version: 1,
      months: {
        '2026-10': { openai: tally(7) },
        '2026-11': { groq: tally(3), openai: tally(1, 2) },
      },
    });
  });

  it('a failed write counts nothing and does not stop the next one', async () => {
    const store = new MemoryStore();
    const { ledger } = await UsageLedger.open(store, new FakeClock());
    store.failNextWrites(1);
    await assert.rejects(
      ledger.record('openai', { promptTokens: 5, completionTokens: 0 }),
      /simulated storage failure/,
    );
    assert.equal(ledger.spent('openai'), 0);
    await ledger.record('openai', { promptTokens: 7, completionTokens: 0 });
    assert.equal(ledger.spent('openai'), 7);
  });

  it('rejects open only when the quarantine cannot be written', async () => {
    const store = new MemoryStore({ [USAGE_KEY]: 'garbage' });
    store.failNextWrites(1);
    await assert.rejects(UsageLedger.open(store, new FakeClock()), /simulated storage failure/);
  });
});

describe('UsageLedger: where and how it is stored', () => {
  it('under bottleneck.usage, with the months in order however they were stored', async () => {
    const clock = new FakeClock(Date.parse('2026-12-10T12:00:00Z'));
    const months = Array.from({ length: 13 }, (_, i) =>
      `2025-${String(i + 1).padStart(2, '0')}`.replace('2025-13', '2026-01'),
    );
    const store = new MemoryStore({
      [USAGE_KEY]: { version: 1, months: Object.fromEntries([...months].reverse().map((m) => [m, {}])) },
    });
    const { ledger } = await UsageLedger.open(store, clock);
    await ledger.record('openai', { promptTokens: 1, completionTokens: 0 });
    assert.deepEqual(store.keys(), ['bottleneck.usage']);
    const kept = Object.keys((store.get('bottleneck.usage') as { months: object }).months);
    assert.equal(kept.length, 13);
    assert.equal(kept[0], '2025-02', 'the oldest month went, not the first one stored');
    assert.equal(kept.at(-1), '2026-12');
  });

  it('says which rule a store broke', async () => {
    const problem = async (stored: unknown): Promise<string | undefined> =>
      (await UsageLedger.open(new MemoryStore({ [USAGE_KEY]: stored }), new FakeClock())).recovery?.problem;
    const many = Object.fromEntries(Array.from({ length: 65 }, (_, i) => [`custom:p${i}`, tally(1)]));
    assert.match(
      (await problem({ version: 1, months: { '2026-11': many } })) ?? '',
      /months\.2026-11: at most 64 providers a month\)$/,
    );
    const months = Object.fromEntries(Array.from({ length: 14 }, (_, i) => [`${2000 + i}-01`, {}]));
    assert.match((await problem({ version: 1, months })) ?? '', /months: at most 13 months\)$/);
  });
});
