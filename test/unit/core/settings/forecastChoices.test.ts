import * as assert from 'node:assert/strict';
import {
  CHOICES_KEY,
  ForecastChoices,
  MAX_CHOICE_FILES,
  allowedHorizons,
} from '../../../../src/core/settings/forecastChoices';
import { forecastMetricSet } from '../../../../src/core/forecast/forecastMetricSet';
import { FakeClock, hourlySet } from '../../../support/helpers';
import { MemoryStore } from '../../../support/memoryStore';

const HOUR = 3_600_000;
const fromSettings = { horizon: { ms: 6 * HOUR }, level: 0.95 };

describe('ForecastChoices (the panel horizon and level, per file)', () => {
  it('uses the settings for a file with no choice, and a choice over them', async () => {
    const choices = new ForecastChoices(new MemoryStore());
    assert.deepEqual(choices.apply('/w/a.csv', fromSettings), fromSettings);
    await choices.set('/w/a.csv', { horizon: '2d' });
    assert.deepEqual(choices.apply('/w/a.csv', fromSettings), { horizon: { ms: 48 * HOUR }, level: 0.95 });
    await choices.set('/w/a.csv', { level: 0.8 });
    assert.deepEqual(choices.apply('/w/a.csv', fromSettings), { horizon: { ms: 48 * HOUR }, level: 0.8 });
    assert.deepEqual(choices.apply('/w/b.csv', fromSettings), fromSettings, 'another file keeps the settings');
  });

  it('makes the horizon automatic when chosen so, whatever the setting says', async () => {
    const choices = new ForecastChoices(new MemoryStore());
    await choices.set('/w/a.csv', { horizon: 'auto' });
    assert.deepEqual(choices.apply('/w/a.csv', fromSettings), { level: 0.95 });
  });

  it('goes back to the settings value when a choice is set to null, and forgets a file with none left', async () => {
    const store = new MemoryStore();
    const choices = new ForecastChoices(store);
    await choices.set('/w/a.csv', { horizon: '1w', level: 0.99 });
    await choices.set('/w/a.csv', { horizon: null });
    assert.deepEqual(choices.get('/w/a.csv'), { level: 0.99 });
    await choices.set('/w/a.csv', { level: null });
    assert.deepEqual(choices.get('/w/a.csv'), {});
    assert.equal(choices.size, 0);
    assert.deepEqual(store.get(CHOICES_KEY), { version: 1, files: [] });
  });

  it('is remembered across starts through the store', async () => {
    const store = new MemoryStore();
    await new ForecastChoices(store).set('/w/a.csv', { horizon: '12h', level: 0.9 });
    const again = new ForecastChoices(store);
    assert.equal(again.problem, undefined);
    assert.deepEqual(again.get('/w/a.csv'), { horizon: '12h', level: 0.9 });
  });

  it(`keeps at most ${MAX_CHOICE_FILES} files, forgetting the one chosen longest ago`, async () => {
    const store = new MemoryStore();
    const choices = new ForecastChoices(store);
    await choices.set('/w/first.csv', { level: 0.8 });
    for (let i = 0; i < MAX_CHOICE_FILES; i++) await choices.set(`/w/${i}.csv`, { level: 0.9 });
    await choices.set('/w/0.csv', { level: 0.99 }); // chosen again: now the newest
    await choices.set('/w/last.csv', { level: 0.8 });
    assert.equal(choices.size, MAX_CHOICE_FILES);
    assert.deepEqual(choices.get('/w/first.csv'), {});
    assert.deepEqual(choices.get('/w/1.csv'), {}, 'the oldest left after that went next');
    assert.deepEqual(choices.get('/w/0.csv'), { level: 0.99 });
    const stored = store.get(CHOICES_KEY) as { files: { file: string }[] };
    assert.equal(stored.files.length, MAX_CHOICE_FILES);
    assert.equal(stored.files.at(-1)?.file, '/w/last.csv');
  });

  it('refuses to remember a source name that is empty or too long', async () => {
    const choices = new ForecastChoices(new MemoryStore());
    await assert.rejects(choices.set('', { level: 0.9 }), /0 characters/);
    await assert.rejects(choices.set('x'.repeat(4097), { level: 0.9 }), /4097 characters/);
    assert.equal(choices.size, 0);
  });

  it('ignores a stored value that fails its schema, says why once, and starts empty', () => {
    const bad: unknown[] = [
      'choices',
      { version: 2, files: [] },
      { version: 1, files: [{ file: '/w/a.csv', horizon: '5y' }] },
      { version: 1, files: [{ file: '/w/a.csv', level: 0.42 }] },
      { version: 1, files: [{ file: '/w/a.csv', level: 0.9, script: 'x' }] },
      { version: 1, files: [{ file: '', level: 0.9 }] },
      { version: 1, files: Array.from({ length: MAX_CHOICE_FILES + 1 }, (_, i) => ({ file: `/w/${i}`, level: 0.9 })) },
    ];
    for (const raw of bad) {
      const choices = new ForecastChoices(new MemoryStore({ [CHOICES_KEY]: raw }));
      assert.equal(choices.size, 0, JSON.stringify(raw).slice(0, 80));
      assert.match(choices.problem ?? '', /stored forecast choices are not usable .*settings' horizon and level$/);
    }
  });

  it('keeps the choice in force when the store fails to write it, and says so', async () => {
    const store = new MemoryStore();
    const choices = new ForecastChoices(store);
    store.failNextWrites(1);
    await assert.rejects(choices.set('/w/a.csv', { horizon: '1d' }), /simulated storage failure/);
    assert.deepEqual(choices.get('/w/a.csv'), { horizon: '1d' });
    await choices.set('/w/b.csv', { level: 0.9 });
    assert.equal((store.get(CHOICES_KEY) as { files: unknown[] }).files.length, 2, 'the next write keeps both');
  });
});

describe('allowedHorizons (what the history allows)', () => {
  it('offers the horizons of at most half the history, of at least one step', () => {
    // 10 days of hours: up to 119 steps, so 1h … 3d (72 h), not 1w
    assert.deepEqual(allowedHorizons(hourlySet(240).metrics), ['1h', '6h', '12h', '1d', '2d', '3d']);
    // 6-hourly steps leave out the 1h horizon
    const coarse = hourlySet(240).metrics.map((m) => ({ ...m, stepMs: 6 * HOUR }));
    assert.deepEqual(allowedHorizons(coarse), ['6h', '12h', '1d', '2d', '3d', '1w', '2w', '4w']);
  });

  it('goes by the shortest series, and offers none when it is too short for any forecast', () => {
    const [long] = hourlySet(240).metrics;
    const short = { ...(long as NonNullable<typeof long>), values: new Float64Array(30) };
    assert.deepEqual(allowedHorizons([long as NonNullable<typeof long>, short]), ['1h', '6h', '12h']);
    assert.deepEqual(allowedHorizons([{ ...short, values: new Float64Array(15) }]), []);
    assert.deepEqual(allowedHorizons([]), []);
  });

  it('offers only horizons the forecaster accepts', () => {
    const set = hourlySet(100);
    const allowed = allowedHorizons(set.metrics);
    assert.deepEqual(allowed, ['1h', '6h', '12h', '1d', '2d']);
    const choices = new ForecastChoices(new MemoryStore());
    for (const id of allowed) {
      void choices.set('x', { horizon: id });
      const data = forecastMetricSet(set, { ...choices.apply('x', { level: 0.9 }), clock: new FakeClock() });
      assert.ok(data.horizon.count >= 1, id);
    }
    void choices.set('x', { horizon: '3d' });
    assert.throws(
      () => forecastMetricSet(set, { ...choices.apply('x', { level: 0.9 }), clock: new FakeClock() }),
      /too little history/,
    );
  });
});

describe('ForecastChoices: what is stored and read back', () => {
  it('is kept under bottleneck.forecastChoices, the key earlier versions wrote', () => {
    assert.equal(CHOICES_KEY, 'bottleneck.forecastChoices');
  });

  it('has no problem and no choice when nothing is stored', () => {
    const choices = new ForecastChoices(new MemoryStore());
    assert.equal(choices.problem, undefined);
    assert.equal(choices.size, 0);
  });

  it('reads a stored file with only a level, or only a horizon, as just that', () => {
    const choices = new ForecastChoices(
      new MemoryStore({
        [CHOICES_KEY]: {
          version: 1,
          files: [
            { file: '/w/a.csv', level: 0.8 },
            { file: '/w/b.csv', horizon: '4w' },
          ],
        },
      }),
    );
    assert.deepEqual(choices.get('/w/a.csv'), { level: 0.8 });
    assert.deepEqual(choices.get('/w/b.csv'), { horizon: '4w' });
    assert.deepEqual(choices.apply('/w/a.csv', fromSettings), { horizon: { ms: 6 * HOUR }, level: 0.8 });
    assert.deepEqual(choices.apply('/w/b.csv', fromSettings), { horizon: { ms: 28 * 24 * HOUR }, level: 0.95 });
  });

  it('says where a stored value fails and why', () => {
    const problem = (raw: unknown) => new ForecastChoices(new MemoryStore({ [CHOICES_KEY]: raw })).problem;
    assert.equal(
      problem({ version: 1, files: [{ file: '/w/a.csv', horizon: '5y' }] }),
      "the panel's stored forecast choices are not usable (files.0.horizon: not a horizon the panel offers); every file uses the settings' horizon and level",
    );
    assert.equal(
      problem({ version: 1, files: [{ file: '/w/a.csv' }, { file: '/w/b.csv', level: 0.42 }] }),
      "the panel's stored forecast choices are not usable (files.1.level: not a level the panel offers); every file uses the settings' horizon and level",
    );
    assert.match(problem('choices') ?? '', /not usable \(value: .+\); every file/);
  });

  it('remembers a source name of 4096 characters', async () => {
    const choices = new ForecastChoices(new MemoryStore());
    await choices.set('x'.repeat(4096), { level: 0.9 });
    assert.deepEqual(choices.get('x'.repeat(4096)), { level: 0.9 });
  });
});

describe('allowedHorizons: the history needed, on both sides', () => {
  const hourly = (n: number) => [{ stepMs: HOUR, values: { length: n } }];
  it('needs 16 values, and twice the horizon plus two', () => {
    assert.deepEqual(allowedHorizons(hourly(15)), []);
    assert.deepEqual(allowedHorizons(hourly(16)), ['1h', '6h']);
    assert.deepEqual(allowedHorizons(hourly(25)), ['1h', '6h']);
    assert.deepEqual(allowedHorizons(hourly(26)), ['1h', '6h', '12h']);
  });
});
