import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ForecastLedger, LEDGER_KEY } from '../../../../src/core/ledger/forecastLedger';
import { FileStore } from '../../../../src/core/storage/fileStore';
import { forecastMetricSet } from '../../../../src/core/forecast/forecastMetricSet';
import { type ForecastData } from '../../../../src/core/base/forecastSchema';
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
