import * as assert from 'node:assert/strict';
import {
  MAX_ANSWER_CHARS,
  normalize,
  NormalizationError,
  type ProducerInfo,
} from '../../../../src/core/normalize/normalize';
import { builtinPrediction, type MetricPrediction } from '../../../../src/core/forecast/forecastMetricSet';
import { type ForecastData } from '../../../../src/core/base/forecastSchema';
import { FakeClock } from '../../../support/helpers';
import { CPU, normalizeHistory, PRODUCER, REQUEST } from '../../../support/normalizeHelpers';

const DISK = [120, 119, 118, 117, 116, 115];
const histories = { one: normalizeHistory('one'), two: normalizeHistory('two') };
const builtin = (which: 'one' | 'two', name: string): MetricPrediction => {
  const metric = histories[which].metrics.find((m) => m.name === name);
  assert.ok(metric);
  return builtinPrediction(metric, REQUEST.horizon, REQUEST.level);
};
const run = (
  text: unknown,
  which: 'one' | 'two' = 'one',
  options = {},
  producer: ProducerInfo = PRODUCER,
): ForecastData =>
  normalize(text as string, producer, REQUEST, histories[which], { clock: new FakeClock(), ...options });
const problems = (text: unknown, which: 'one' | 'two' = 'one'): readonly string[] => {
  try {
    run(text, which);
  } catch (err) {
    if (err instanceof NormalizationError) return err.problems;
    throw err;
  }
  assert.fail('the answer should have been rejected');
};
const points = (data: ForecastData, metric = 'cpu') => data.metrics.find((m) => m.name === metric)?.points ?? [];

describe('normalization: the answer as a whole', () => {
  it('its error lists every problem in one message', () => {
    const err = new NormalizationError(['a', 'b']);
    assert.equal(err.name, 'NormalizationError');
    assert.equal(err.message, "the provider's output could not be used: a; b");
    assert.deepEqual(err.problems, ['a', 'b']);
    assert.ok(err instanceof Error);
  });

  it('an empty answer, blank, or not text at all, is empty', () => {
    for (const text of ['', '  \n\t ', undefined, null, 42])
      assert.deepEqual(problems(text), ['the answer was empty'], String(text));
  });

  it(`an answer over ${MAX_ANSWER_CHARS.toLocaleString('en')} characters is rejected unread; one at the limit is read`, () => {
    assert.deepEqual(problems('x'.repeat(MAX_ANSWER_CHARS + 1)), [
      'the answer is 4,194,305 characters long, more than the 4,194,304 (4 MiB) accepted, so it was not read',
    ]);
    const json = JSON.stringify({ cpu: CPU });
    const data = run(' '.repeat(MAX_ANSWER_CHARS - json.length) + json);
    assert.deepEqual(
      points(data).map((p) => p.value),
      CPU,
    );
  });

  it('says who made the forecast and how it was asked for, and when it was normalized', () => {
    const data = run(JSON.stringify({ cpu: CPU }));
    assert.deepEqual(data.producer, {
      provider: 'custom',
      model: 'fixture-model',
      method: 'custom (prompt), normalized',
      promptHash: null,
    });
    assert.deepEqual(data.metrics[0]?.method.chosen, ['custom:fixture-model']);
    assert.equal(data.createdAt, '2026-01-05T00:00:00.000Z');
    const unnamed = run(JSON.stringify({ cpu: CPU }), 'one', {}, { ...PRODUCER, model: null, mode: 'json_schema' });
    assert.deepEqual(unnamed.metrics[0]?.method.chosen, ['custom']);
    assert.equal(unnamed.producer.method, 'custom (json_schema), normalized');
  });

  it('missing bounds are derived from the reference forecast given, per metric, or from one it computes', () => {
    const cpu = builtin('two', 'cpu');
    const wide: MetricPrediction = {
      ...cpu,
      lower: cpu.point.map((v) => v - 10),
      upper: cpu.point.map((v) => v + 20),
    };
    const data = run(JSON.stringify({ cpu: CPU, disk_free: DISK }), 'two', {
      reference: new Map([['cpu', wide]]),
    });
    assert.deepEqual(
      points(data).map((p) => [p.lower, p.upper]),
      CPU.map((v) => [v - 10, v + 20]),
    );
    const given = run(JSON.stringify({ cpu: CPU, disk_free: DISK }), 'two', {
      reference: new Map([
        ['cpu', wide],
        ['disk_free', builtin('two', 'disk_free')],
      ]),
    });
    const disk = (d: ForecastData) => d.metrics.find((m) => m.name === 'disk_free');
    assert.deepEqual(disk(data), disk(given), "disk_free's own built-in forecast, not cpu's");
  });
});

describe('normalization: a forecast that does not come out valid', () => {
  it('fails its schema: a problem that says so', () => {
    const producer = { ...PRODUCER, provider: 'no-such-provider' } as unknown as ProducerInfo;
    assert.throws(
      () => run(JSON.stringify({ cpu: CPU }), 'one', {}, producer),
      (err: unknown) =>
        err instanceof NormalizationError &&
        err.problems.length === 1 &&
        /^the normalized forecast is not valid: .*provider/.test(err.problems[0] ?? ''),
    );
  });

  it("any other failure is not the answer's fault, and goes through as it is", () => {
    const broken = { now: (): Date => assert.fail('the clock is broken') };
    assert.throws(
      () => run(JSON.stringify({ cpu: CPU }), 'one', { clock: broken }),
      (err: unknown) => !(err instanceof NormalizationError) && /the clock is broken/.test(String(err)),
    );
  });
});

describe('normalization: the narrative', () => {
  it('a narrative field, else the prose around the JSON, else none', () => {
    assert.equal(run(JSON.stringify({ cpu: CPU, summary: 'Rising.' })).narrative, 'Rising.');
    assert.equal(run(`It rises. ${JSON.stringify({ cpu: CPU })}`).narrative, 'It rises.');
    assert.equal(run(`It rises. ${JSON.stringify({ cpu: CPU, summary: 7 })}`).narrative, 'It rises.');
    assert.equal(run(`It rises. ${JSON.stringify({ cpu: CPU, summary: null })}`).narrative, 'It rises.');
    assert.equal(run(`It rises. ${JSON.stringify([{ name: 'cpu', values: CPU }])}`).narrative, 'It rises.');
    assert.equal(run(JSON.stringify({ cpu: CPU })).narrative, null);
    assert.equal(run(JSON.stringify({ cpu: CPU, summary: ' <br> ' })).narrative, null);
  });
});

describe('normalization: several JSON blocks', () => {
  it('when none is valid, the problems are those of the block with series for the most metrics', () => {
    const blocks = [{ cpu: CPU }, { cpu: CPU, disk_free: DISK.slice(0, 2) }, { memory: CPU }];
    assert.deepEqual(problems(blocks.map((b) => JSON.stringify(b)).join('\n\n'), 'two'), [
      '"disk_free" has 2 values for 6 points (more than 10% short)',
      '(the answer held 3 JSON blocks and none is a valid forecast; these are the problems of block 2, the closest to one)',
    ]);
  });

  it('on a tie, those of the later block', () => {
    const blocks = [{ cpu: CPU.slice(0, 3) }, { cpu: CPU.slice(0, 2) }];
    assert.deepEqual(problems(blocks.map((b) => JSON.stringify(b)).join('\n\n')), [
      '"cpu" has 2 values for 6 points (more than 10% short)',
      '(the answer held 2 JSON blocks and none is a valid forecast; these are the problems of block 2, the closest to one)',
    ]);
  });
});
