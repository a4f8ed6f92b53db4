import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ForecastLedger, LEDGER_KEY } from '../../../../src/core/ledger/forecastLedger';
import { FileStore } from '../../../../src/core/storage/fileStore';
import { forecastMetricSet } from '../../../../src/core/forecast/forecastMetricSet';
import { type ForecastData, type MetricForecast, type MetricSet } from '../../../../src/core/base/forecastSchema';
import { type ProviderId } from '../../../../src/core/base/providerIds';
import { FakeClock, hourlySet } from '../../../support/helpers';
import { MemoryStore } from '../../../support/memoryStore';

/** A forecast as if an LLM provider had made it (the ledger keeps only those). */
function providerForecast(model: string): ForecastData {
  const data = forecastMetricSet(hourlySet(), { horizon: { steps: 24 }, clock: new FakeClock() });
  return { ...data, producer: { ...data.producer, provider: 'custom', model } };
}

describe('provider ledger in a state file shared by processes', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bottleneck-ledger-'));
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('two writers that opened the file before either wrote both keep their forecasts', async () => {
    const file = path.join(dir, 'state.json');
    const first = new ForecastLedger(await FileStore.open(file));
    const second = new ForecastLedger(await FileStore.open(file));
    await first.record(providerForecast('a'), hourlySet());
    await second.record(providerForecast('b'), hourlySet());
    const reopened = new ForecastLedger(await FileStore.open(file));
    assert.equal(
      reopened.size,
      2 * hourlySet().metrics.length,
      'the second write merged with the first instead of replacing it',
    );
    const stored = JSON.parse(fs.readFileSync(file, 'utf8')) as {
      'bottleneck.providerLedger': { entries: { model: string }[] };
    };
    assert.deepEqual([...new Set(stored['bottleneck.providerLedger'].entries.map((e) => e.model))].sort(), ['a', 'b']);
  });
});

describe('provider ledger: tokens', () => {
  it('keeps each forecast’s tokens with it, unknown as null, and reads entries kept before tokens were', async () => {
    const store = new MemoryStore();
    const ledger = new ForecastLedger(store);
    const counted = providerForecast('a');
    await ledger.record(
      { ...counted, producer: { ...counted.producer, usage: { promptTokens: 900, completionTokens: 80 } } },
      hourlySet(),
    );
    await ledger.record({ ...counted, producer: { ...counted.producer, usage: null } }, hourlySet());
    const stored = store.get(LEDGER_KEY) as { entries: { usage?: unknown }[] };
    assert.deepEqual(
      stored.entries.map((e) => e.usage),
      [{ promptTokens: 900, completionTokens: 80 }, null],
    );
    const older = { version: 1, entries: stored.entries.map(({ usage: _usage, ...e }) => e) };
    const reread = new ForecastLedger(new MemoryStore({ [LEDGER_KEY]: older }));
    assert.equal(reread.recovered, undefined);
    assert.equal(reread.size, 2);
  });
});

const HOUR = 3_600_000;
const START = Date.UTC(2026, 0, 1);
const iso = (ms: number): string => new Date(ms).toISOString();

/** A one-metric history on the hourly grid from START. */
function history(values: readonly number[], { source = 'metrics.csv', name = 'cpu', start = START } = {}): MetricSet {
  return {
    source,
    warnings: [],
    metrics: [{ name, breach: 'above', start, stepMs: HOUR, values: Float64Array.from(values), filled: 0 }],
  };
}

let base: ForecastData | undefined;

/** A provider's forecast of `cpu` (or `name`): points at the given hours after START, value v, interval [v − 1, v + 1]. */
function forecastAt(
  points: readonly { readonly hour: number; readonly value: number }[],
  { provider = 'custom', source = 'metrics.csv', name = 'cpu', createdAt = '2026-01-10T00:00:00.000Z' } = {},
): ForecastData {
  base ??= providerForecast('m');
  const metric = base.metrics[0] as MetricForecast;
  return {
    ...base,
    source,
    createdAt,
    producer: { ...base.producer, provider: provider as ProviderId },
    metrics: [
      {
        ...metric,
        name,
        points: points.map(({ hour, value }) => ({
          t: iso(START + hour * HOUR),
          value,
          lower: value - 1,
          upper: value + 1,
        })),
      },
    ],
  };
}

interface StoredEntry {
  readonly provider: string;
  readonly model: string | null;
  readonly source: string;
  readonly metric: string;
  readonly createdAt: string;
  readonly times: number[];
  readonly values: number[];
  readonly lower: number[];
  readonly upper: number[];
  readonly scale: number;
  readonly scored: { mase: number; coverage: number; at: string } | null;
}
const storedEntries = (store: MemoryStore): StoredEntry[] =>
  (store.get(LEDGER_KEY) as { entries: StoredEntry[] } | undefined)?.entries ?? [];

/** 0, 2, 4, …: its seasonal-naive error at lag 1 is 2 (shorter than two days of hours: no daily season). */
const RAMP = Array.from({ length: 10 }, (_, i) => 2 * i);

describe('provider ledger: what a forecast leaves in it', () => {
  it('keeps each point of a provider forecast with its bounds, provider, model, source, metric and creation time', async () => {
    const store = new MemoryStore();
    const ledger = new ForecastLedger(store);
    await ledger.record(
      forecastAt([
        { hour: 10, value: 30 },
        { hour: 11, value: 31 },
      ]),
      history(RAMP),
    );
    const [entry, ...more] = storedEntries(store);
    assert.equal(more.length, 0);
    assert.equal(ledger.size, 1);
    assert.equal(entry?.provider, 'custom');
    assert.equal(entry?.model, 'm');
    assert.equal(entry?.source, 'metrics.csv');
    assert.equal(entry?.metric, 'cpu');
    assert.equal(entry?.createdAt, '2026-01-10T00:00:00.000Z');
    assert.deepEqual(entry?.times, [START + 10 * HOUR, START + 11 * HOUR]);
    assert.deepEqual(entry?.values, [30, 31]);
    assert.deepEqual(entry?.lower, [29, 30]);
    assert.deepEqual(entry?.upper, [31, 32]);
    assert.equal(entry?.scale, 2, 'the mean step of the history');
    assert.equal(entry?.scored, null);
  });

  it('keeps nothing of the built-in forecaster, writes nothing', async () => {
    const store = new MemoryStore();
    const ledger = new ForecastLedger(store);
    await ledger.record(forecastAt([{ hour: 10, value: 1 }], { provider: 'builtin' }), history(RAMP));
    assert.equal(ledger.size, 0);
    assert.deepEqual(store.keys(), []);
  });

  it('skips a metric without history and one whose history never moves (no scale to score against)', async () => {
    const store = new MemoryStore();
    const ledger = new ForecastLedger(store);
    await ledger.record(forecastAt([{ hour: 10, value: 1 }], { name: 'memory' }), history(RAMP));
    await ledger.record(forecastAt([{ hour: 10, value: 1 }]), history([5, 5, 5, 5]));
    assert.equal(ledger.size, 0);
    assert.deepEqual(store.keys(), [], 'nothing to keep: nothing written');
  });

  it('scales by the daily season once the history holds more than two days, by the last step before', async () => {
    const line = (n: number): number[] => Array.from({ length: n }, (_, i) => i);
    for (const [n, scale] of [
      [48, 1],
      [49, 24],
    ] as const) {
      const store = new MemoryStore();
      await new ForecastLedger(store).record(forecastAt([{ hour: n, value: n }]), history(line(n)));
      assert.equal(storedEntries(store)[0]?.scale, scale, `${n} hourly values`);
    }
  });

  it('thins a forecast to at most 200 points, evenly, from the first', async () => {
    for (const [count, kept, stride] of [
      [200, 200, 1],
      [201, 101, 2],
      [450, 150, 3],
    ] as const) {
      const store = new MemoryStore();
      const points = Array.from({ length: count }, (_, i) => ({ hour: 10 + i, value: i }));
      await new ForecastLedger(store).record(forecastAt(points), history(RAMP));
      const entry = storedEntries(store)[0];
      assert.equal(entry?.values.length, kept, `${count} points`);
      assert.deepEqual(entry?.values.slice(0, 3), [0, stride, 2 * stride]);
      assert.equal(entry?.times[1], START + (10 + stride) * HOUR);
    }
  });

  it('keeps the newest 100 forecasts', async () => {
    const store = new MemoryStore();
    const ledger = new ForecastLedger(store);
    for (let i = 0; i < 101; i++)
      await ledger.record(forecastAt([{ hour: 10, value: i }], { createdAt: iso(START + i * HOUR) }), history(RAMP));
    const entries = storedEntries(store);
    assert.equal(ledger.size, 100);
    assert.equal(entries.length, 100);
    assert.deepEqual(entries[0]?.values, [1], 'the oldest one went');
    assert.deepEqual(entries.at(-1)?.values, [100]);
  });

  it('starts afresh, and says so, when the stored ledger is unreadable; reads a valid one as it is', async () => {
    const broken = new ForecastLedger(new MemoryStore({ [LEDGER_KEY]: { version: 2, entries: [] } }));
    assert.equal(broken.recovered, 'the stored provider ledger was unreadable and was started afresh');
    assert.equal(broken.size, 0);
    const empty = new ForecastLedger(new MemoryStore());
    assert.equal(empty.recovered, undefined);
    assert.equal(empty.size, 0);
  });
});

describe('provider ledger: scoring once the horizon is observed', () => {
  /** A ledger holding one forecast of hours 10 and 11 (values 30 and 31, intervals ±1), scale 2. */
  async function ledgerWithForecast(clock = new FakeClock(Date.parse('2026-02-01T00:00:00.000Z'))) {
    const store = new MemoryStore();
    const ledger = new ForecastLedger(store, () => clock.now());
    await ledger.record(
      forecastAt([
        { hour: 10, value: 30 },
        { hour: 11, value: 31 },
      ]),
      history(RAMP),
    );
    return { store, ledger };
  }
  const actuals = (values: Record<number, number>, length = 12): number[] =>
    Array.from({ length }, (_, i) => values[i] ?? 0);

  it('scores MASE against the kept scale and the share of actuals inside the interval, bounds included', async () => {
    const { store, ledger } = await ledgerWithForecast();
    // errors 1 and 3: MASE (1 + 3) / 2 / 2 = 1; 31 sits on the upper bound of 30, 34 is outside 31's
    assert.equal(await ledger.score(history(actuals({ 10: 31, 11: 34 }))), 1);
    assert.deepEqual(storedEntries(store)[0]?.scored, { mase: 1, coverage: 0.5, at: '2026-02-01T00:00:00.000Z' });
    assert.deepEqual(ledger.trackRecord('custom'), { mase: 1, coverage: 0.5, count: 1 });
  });

  it('counts an actual on the lower bound as inside, one just below as outside', async () => {
    for (const [actual, coverage] of [
      [29, 1],
      [28.5, 0.5],
    ] as const) {
      const { ledger } = await ledgerWithForecast();
      await ledger.score(history(actuals({ 10: actual, 11: 31 })));
      assert.equal(ledger.trackRecord('custom')?.coverage, coverage, `actual ${actual} for 30 ± 1`);
    }
  });

  it('waits until the data reaches the last forecast point: one hour short is not scored', async () => {
    const { store, ledger } = await ledgerWithForecast();
    assert.equal(await ledger.score(history(actuals({ 10: 30 }, 11))), 0);
    assert.equal(storedEntries(store)[0]?.scored, null);
    assert.equal(ledger.trackRecord('custom'), undefined);
    assert.equal(await ledger.score(history(actuals({ 10: 30, 11: 31 }, 12))), 1);
    assert.deepEqual(ledger.trackRecord('custom'), { mase: 0, coverage: 1, count: 1 });
  });

  it('scores only the points the data holds, and not at all when it holds none of them', async () => {
    const { ledger } = await ledgerWithForecast();
    // the data starts at hour 11: hour 10 is before it, only hour 11 (actual 33, error 2) counts
    const late = history([33], { start: START + 11 * HOUR });
    assert.equal(await ledger.score(late), 1);
    assert.deepEqual(ledger.trackRecord('custom'), { mase: 1, coverage: 0, count: 1 });
    const other = await ledgerWithForecast();
    const after = history([30, 31], { start: START + 12 * HOUR });
    assert.equal(await other.ledger.score(after), 0, 'the data begins after the forecast: nothing to compare');
    assert.equal(other.ledger.trackRecord('custom'), undefined);
  });

  it('leaves forecasts of another file or another metric alone, and scores each forecast once', async () => {
    const { ledger } = await ledgerWithForecast();
    assert.equal(await ledger.score(history(actuals({}), { source: 'other.csv' })), 0);
    assert.equal(await ledger.score(history(actuals({}), { name: 'memory' })), 0);
    assert.equal(await ledger.score(history(actuals({ 10: 30, 11: 31 }))), 1);
    assert.equal(await ledger.score(history(actuals({ 10: 0, 11: 0 }))), 0, 'already scored');
    assert.deepEqual(ledger.trackRecord('custom'), { mase: 0, coverage: 1, count: 1 });
  });

  it("a provider's track record is the mean of its scored forecasts; another provider's are not in it", async () => {
    const store = new MemoryStore();
    const ledger = new ForecastLedger(store);
    const one = [{ hour: 10, value: 30 }];
    await ledger.record(forecastAt(one, { createdAt: '2026-01-10T00:00:00.000Z' }), history(RAMP));
    await ledger.record(forecastAt(one, { createdAt: '2026-01-10T01:00:00.000Z' }), history(RAMP));
    await ledger.record(forecastAt(one, { provider: 'openai' }), history(RAMP));
    assert.equal(ledger.trackRecord('custom'), undefined, 'nothing scored yet');
    assert.equal(await ledger.score(history(actuals({ 10: 32 }, 11))), 3);
    // each: error 2, scale 2: MASE 1; 32 is outside 30 ± 1
    assert.deepEqual(ledger.trackRecord('custom'), { mase: 1, coverage: 0, count: 2 });
    assert.deepEqual(ledger.trackRecord('openai'), { mase: 1, coverage: 0, count: 1 });
    assert.equal(ledger.trackRecord('groq'), undefined);
    const reopened = new ForecastLedger(store);
    assert.deepEqual(reopened.trackRecord('custom'), { mase: 1, coverage: 0, count: 2 }, 'the scores are stored');
  });

  it('averages different scores', async () => {
    const store = new MemoryStore();
    const ledger = new ForecastLedger(store);
    await ledger.record(forecastAt([{ hour: 10, value: 30 }], { source: 'a.csv' }), history(RAMP, { source: 'a.csv' }));
    await ledger.record(forecastAt([{ hour: 10, value: 30 }], { source: 'b.csv' }), history(RAMP, { source: 'b.csv' }));
    await ledger.score(history(actuals({ 10: 30 }, 11), { source: 'a.csv' }));
    await ledger.score(history(actuals({ 10: 34 }, 11), { source: 'b.csv' }));
    assert.deepEqual(ledger.trackRecord('custom'), { mase: 1, coverage: 0.5, count: 2 });
  });
});

describe('provider ledger: entries as stored', () => {
  it('an entry kept without times is never due and never scored', async () => {
    const store = new MemoryStore();
    const ledger = new ForecastLedger(store);
    await ledger.record(forecastAt([{ hour: 10, value: 30 }]), history(RAMP));
    const [entry] = storedEntries(store);
    const bare = new ForecastLedger(
      new MemoryStore({
        [LEDGER_KEY]: { version: 1, entries: [{ ...entry, times: [], values: [], lower: [], upper: [] }] },
      }),
    );
    assert.equal(bare.recovered, undefined);
    assert.equal(await bare.score(history(RAMP.map(() => 30))), 0);
    assert.equal(bare.trackRecord('custom'), undefined);
  });

  it('scoring nothing writes nothing', async () => {
    const { ledger, store } = await (async () => {
      const s = new MemoryStore();
      const l = new ForecastLedger(s);
      await l.record(forecastAt([{ hour: 10, value: 30 }]), history(RAMP));
      return { ledger: l, store: s };
    })();
    store.failNextWrites(1);
    assert.equal(await ledger.score(history([1, 2, 3])), 0, 'no write was tried (it would have failed)');
  });

  it('a record made over an unreadable stored ledger starts it afresh with the new entries', async () => {
    const store = new MemoryStore();
    const ledger = new ForecastLedger(store);
    await store.update(LEDGER_KEY, { version: 1, entries: 'garbage' });
    await ledger.record(forecastAt([{ hour: 10, value: 30 }]), history(RAMP));
    assert.equal(storedEntries(store).length, 1);
    assert.equal(storedEntries(store)[0]?.metric, 'cpu');
  });

  it("a score goes to its own forecast only, even when another's provider, file and metric run together into the same text", async () => {
    const store = new MemoryStore();
    const ledger = new ForecastLedger(store);
    const one = [{ hour: 10, value: 30 }];
    await ledger.record(
      forecastAt(one, { provider: 'custom:ab', source: 'm.csv' }),
      history(RAMP, { source: 'm.csv' }),
    );
    await ledger.record(
      forecastAt(one, { provider: 'custom:a', source: 'bm.csv' }),
      history(RAMP, { source: 'bm.csv' }),
    );
    assert.equal(await ledger.score(history(actuals11({ 10: 30 }), { source: 'm.csv' })), 1);
    assert.deepEqual(ledger.trackRecord('custom:ab'), { mase: 0, coverage: 1, count: 1 });
    assert.equal(ledger.trackRecord('custom:a'), undefined, 'the forecast of bm.csv is not scored by m.csv');
    assert.deepEqual(
      storedEntries(store).map((e) => e.scored === null),
      [false, true],
    );
  });
});

function actuals11(values: Record<number, number>): number[] {
  return Array.from({ length: 11 }, (_, i) => values[i] ?? 0);
}
