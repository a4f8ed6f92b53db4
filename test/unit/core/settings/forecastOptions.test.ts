import * as assert from 'node:assert/strict';
import { parseForecastSettings } from '../../../../src/core/settings/forecastOptions';

describe('parseForecastSettings (bottleneck.forecast.horizon and .level)', () => {
  it('reads the horizon as the CLI reads --horizon: durations and whole numbers of steps', () => {
    assert.deepEqual(parseForecastSettings('6h', undefined).settings.horizon, { ms: 6 * 3_600_000 });
    assert.deepEqual(parseForecastSettings(' 90 min ', undefined).settings.horizon, { ms: 90 * 60_000 });
    assert.deepEqual(parseForecastSettings('2D', undefined).settings.horizon, { ms: 2 * 86_400_000 });
    assert.deepEqual(parseForecastSettings('48', undefined).settings.horizon, { steps: 48 });
    assert.deepEqual(parseForecastSettings(48, undefined).settings.horizon, { steps: 48 });
  });

  it('leaves the horizon automatic when it is empty or not set, with no problem', () => {
    for (const raw of [undefined, null, '', '   ']) {
      const { settings, problems } = parseForecastSettings(raw, undefined);
      assert.equal(settings.horizon, undefined);
      assert.deepEqual(problems, []);
    }
  });

  it('refuses a horizon that is no duration, a fraction of a step, or too long, naming the setting', () => {
    for (const raw of ['soon', '1.5', '0h', '-2d', 'x'.repeat(33), true, 2.5, { steps: 4 }, ['6h']]) {
      const { settings, problems } = parseForecastSettings(raw, undefined);
      assert.equal(settings.horizon, undefined, JSON.stringify(raw));
      assert.equal(problems.length, 1, JSON.stringify(raw));
      assert.match(problems[0] ?? '', /^bottleneck\.forecast\.horizon .* the automatic horizon is used$/);
    }
    assert.match(parseForecastSettings('400d', undefined).problems[0] ?? '', /longer than a year/);
    assert.match(parseForecastSettings('1000001', undefined).problems[0] ?? '', /a million steps/);
    assert.deepEqual(parseForecastSettings('366d', undefined).problems, []);
  });

  it('quotes a long bad value cut short', () => {
    const [problem] = parseForecastSettings(`6h${'z'.repeat(30)}`, undefined).problems;
    assert.match(problem ?? '', /"6hzzzz/);
    assert.ok((problem ?? '').length < 200);
  });

  it('reads the level from 0.5 to 0.999, else uses 0.95 and says why', () => {
    assert.equal(parseForecastSettings(undefined, undefined).settings.level, 0.95);
    assert.equal(parseForecastSettings(undefined, 0.8).settings.level, 0.8);
    assert.equal(parseForecastSettings(undefined, 0.5).settings.level, 0.5);
    assert.equal(parseForecastSettings(undefined, 0.999).settings.level, 0.999);
    for (const raw of [0.4999, 0.9999, 1, 95, '0.9', Number.NaN]) {
      const { settings, problems } = parseForecastSettings(undefined, raw);
      assert.equal(settings.level, 0.95, String(raw));
      assert.match(
        problems[0] ?? '',
        /^bottleneck\.forecast\.level must be a number from 0\.5 to 0\.999 .*; 0\.95 is used$/,
      );
    }
  });
});

describe('parseForecastSettings: the bounds and the quoted values of its messages', () => {
  it('reads 32 characters of horizon text and refuses 33', () => {
    assert.deepEqual(parseForecastSettings(`${' '.repeat(30)}6h`, undefined).settings.horizon, { ms: 6 * 3_600_000 });
    assert.equal(parseForecastSettings(`${' '.repeat(31)}6h`, undefined).settings.horizon, undefined);
  });

  it('takes a number of steps from 1 to a million, and no other number', () => {
    assert.deepEqual(parseForecastSettings(1, undefined).settings.horizon, { steps: 1 });
    assert.deepEqual(parseForecastSettings(1_000_000, undefined).settings.horizon, { steps: 1_000_000 });
    assert.deepEqual(parseForecastSettings(0, undefined).problems, [
      'bottleneck.forecast.horizon 0 is not a duration (90m, 6h, 2d, 1w) or a number of steps; the automatic horizon is used',
    ]);
    assert.deepEqual(parseForecastSettings(1_000_001, undefined).problems, [
      'bottleneck.forecast.horizon 1000001 is longer than a year or a million steps; the automatic horizon is used',
    ]);
  });

  it('quotes a string in full up to 40 characters, cuts a longer one, and names a list or an object', () => {
    const forty = 'a'.repeat(40);
    assert.deepEqual(parseForecastSettings(undefined, forty).problems, [
      `bottleneck.forecast.level must be a number from 0.5 to 0.999 (got "${forty}"); 0.95 is used`,
    ]);
    assert.deepEqual(parseForecastSettings(undefined, `${forty}b`).problems, [
      `bottleneck.forecast.level must be a number from 0.5 to 0.999 (got "${forty}"…); 0.95 is used`,
    ]);
    assert.deepEqual(parseForecastSettings(['6h'], [0.9]).problems, [
      'bottleneck.forecast.horizon a list is not a duration (90m, 6h, 2d, 1w) or a number of steps; the automatic horizon is used',
      'bottleneck.forecast.level must be a number from 0.5 to 0.999 (got a list); 0.95 is used',
    ]);
    assert.deepEqual(parseForecastSettings({ h: 1 }, { l: 1 }).problems, [
      'bottleneck.forecast.horizon an object is not a duration (90m, 6h, 2d, 1w) or a number of steps; the automatic horizon is used',
      'bottleneck.forecast.level must be a number from 0.5 to 0.999 (got an object); 0.95 is used',
    ]);
    assert.deepEqual(parseForecastSettings(true, 2).problems, [
      'bottleneck.forecast.horizon true is not a duration (90m, 6h, 2d, 1w) or a number of steps; the automatic horizon is used',
      'bottleneck.forecast.level must be a number from 0.5 to 0.999 (got 2); 0.95 is used',
    ]);
  });

  it('reads a null level as not set', () => {
    assert.deepEqual(parseForecastSettings(undefined, null), { settings: { level: 0.95 }, problems: [] });
  });
});
