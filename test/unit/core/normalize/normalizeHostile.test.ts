import * as assert from 'node:assert/strict';
import { MAX_ANSWER_CHARS, NormalizationError } from '../../../../src/core/normalize/normalize';
import { timesToIndices } from '../../../../src/core/normalize/gridPlacement';
import { forecastDataSchema } from '../../../../src/core/base/forecastSchema';
import { CPU, FIRST_TIME, normalizeText, REQUEST } from '../../../support/normalizeHelpers';

const problemsOf = (text: string, which: 'one' | 'two' = 'one'): string[] => {
  try {
    normalizeText(text, which);
  } catch (err) {
    assert.ok(err instanceof NormalizationError, `only NormalizationError may be thrown, got ${String(err)}`);
    return [...err.problems];
  }
  assert.fail('the answer should have been rejected');
};

describe('normalization: hostile answers (each bounded: a pathological case would take minutes)', function () {
  this.timeout(20_000);

  it(`rejects an answer over ${MAX_ANSWER_CHARS.toLocaleString('en')} characters unread, and reads one at the limit`, () => {
    const json = JSON.stringify({ cpu: CPU });
    assert.match(
      problemsOf(json + ' '.repeat(MAX_ANSWER_CHARS))[0] ?? '',
      /is 4,194,3\d\d characters long, more than the 4,194,304 \(4 MiB\) accepted/,
    );
    const atLimit = json + ' '.repeat(MAX_ANSWER_CHARS - json.length);
    assert.equal(atLimit.length, MAX_ANSWER_CHARS);
    assert.equal(normalizeText(atLimit).metrics[0]?.points[0]?.value, CPU[0]);
  });

  it('300,000 [t, v] pairs: no stack overflow, the points outside the horizon are dropped', () => {
    const pairs = Array.from({ length: 300_000 }, (_, i) => [i + 1, 60 + (i % 7)]);
    const data = normalizeText(JSON.stringify({ cpu: pairs }));
    assert.equal(forecastDataSchema.safeParse(data).success, true);
    assert.deepEqual(
      data.metrics[0]?.points.slice(0, 2).map((p) => p.value),
      [60, 61],
    );
    assert.ok(
      data.warnings.some((w) => w.includes('299,994') || w.includes('299994')),
      data.warnings.join(' | '),
    );
  });

  it('300,000 epoch-millisecond and ISO times are placed without spreading them into a call', () => {
    const ms = Array.from({ length: 300_000 }, (_, i) => FIRST_TIME + i * REQUEST.stepMs);
    assert.deepEqual(timesToIndices(ms, REQUEST)?.slice(0, 3), [0, 1, 2]);
    const seconds = ms.map((t) => t / 1000);
    assert.deepEqual(timesToIndices(seconds, REQUEST)?.slice(-1), [299_999]);
    const isoTimes = ms.slice(0, 100_000).map((t) => new Date(t).toISOString());
    assert.equal(timesToIndices(isoTimes, REQUEST)?.length, 100_000);
  });

  it('300,000 values, and 100,000 long rows of one metric, are read', () => {
    const values = normalizeText(JSON.stringify({ cpu: Array.from({ length: 300_000 }, () => 60) }));
    assert.ok(
      values.warnings.some((w) => w.includes('the extra 299994 were dropped')),
      values.warnings.join(' | '),
    );
    const rows = normalizeText(
      JSON.stringify(Array.from({ length: 100_000 }, (_, i) => ({ id: 'cpu', t: i + 1, v: 60 }))),
    );
    assert.equal(rows.metrics[0]?.points[5]?.value, 60);
  });

  it('100,000 rows naming metrics the data does not have: one short warning', () => {
    const rows = Array.from({ length: 100_000 }, (_, i) => ({ metric: `m${i}`, t: 1, value: 1 }));
    rows.push(...CPU.map((value, t) => ({ metric: 'cpu', t: t + 1, value })));
    const data = normalizeText(JSON.stringify(rows));
    const warning = data.warnings.find((w) => w.includes('not in the data')) ?? '';
    assert.equal(warning, 'The answer named metrics that are not in the data, ignored: m0, m1, m2, m3, m4.');
  });

  it('a 100,000-deep nest, of arrays or of series objects, is rejected with a clear problem', () => {
    assert.match(
      problemsOf('['.repeat(100_000) + ']'.repeat(100_000))[0] ?? '',
      /nested 100,000 levels deep, more than the 64 accepted/,
    );
    assert.match(
      problemsOf('{"cpu": ' + '{"values": '.repeat(100_000) + '[1]' + '}'.repeat(100_001))[0] ?? '',
      /nested 100,00\d levels deep/,
    );
  });

  it('series objects nested 50 deep are followed only a few levels: a clear problem, no deep recursion', () => {
    const nested = '{"cpu": ' + '{"forecast": '.repeat(50) + JSON.stringify(CPU) + '}'.repeat(51);
    assert.match(problemsOf(nested).join(' '), /"cpu" is missing/);
  });

  it('an object with 100,000 keys that all name the same metric', () => {
    // "CPU_._.._…": 100,000 distinct keys, each the metric "cpu" once punctuation is ignored
    const keys = Array.from(
      { length: 100_000 },
      (_, i) => `CPU${i.toString(2).padStart(17, '0').replace(/0/g, '_').replace(/1/g, '.')}`,
    );
    assert.equal(new Set(keys).size, 100_000);
    const text = `{${keys.map((k, i) => `"${k}": ${i === 0 ? JSON.stringify(CPU) : 0}`).join(',')}}`;
    assert.equal(normalizeText(text).metrics[0]?.points[0]?.value, CPU[0]);
  });

  it('a forecast among a million junk brackets, and 4 MiB of markup before it', () => {
    const json = JSON.stringify({ cpu: CPU });
    assert.equal(normalizeText('['.repeat(1_000_000) + json).metrics[0]?.points[0]?.value, CPU[0]);
    const markup = '<a title="x">'.repeat(Math.floor((MAX_ANSWER_CHARS - json.length) / 13));
    const data = normalizeText(markup + json);
    assert.equal(data.narrative, null);
  });
});

describe('normalization: several JSON blocks', () => {
  const good = JSON.stringify({ cpu: CPU, narrative: 'the good one' });
  const other = JSON.stringify({ cpu: CPU.map((v) => v + 1), narrative: 'the later good one' });
  const short = JSON.stringify({ cpu: [1, 2] });

  it('the last block that is a valid forecast is used, and a warning says so', () => {
    const data = normalizeText(`Draft:\n${short}\nCorrected:\n${good}`);
    assert.equal(data.narrative, 'the good one');
    assert.ok(
      data.warnings.includes('The answer held 2 JSON blocks; the last one, a valid forecast, was used.'),
      data.warnings.join(' | '),
    );
    const both = normalizeText('```json\n' + good + '\n```\nor\n```json\n' + other + '\n```');
    assert.equal(both.narrative, 'the later good one');
    assert.equal(both.metrics[0]?.points[0]?.value, (CPU[0] as number) + 1);
  });

  it('an earlier block is used when only it is valid, and the warning says which', () => {
    const data = normalizeText(`${good}\nAlternatively: ${short}\nor [1, 2, 3]`);
    assert.equal(data.narrative, 'the good one');
    assert.ok(
      data.warnings.includes(
        'The answer held 3 JSON blocks; block 1 was used, the last one that is a valid forecast (the later ones are not).',
      ),
      data.warnings.join(' | '),
    );
  });

  it('when none is valid, the problems are those of the block closest to a forecast', () => {
    const problems = problemsOf(`{"cpu": [1, 2], "disk_free": [1, 2, 3, 4, 5, 6]} and later [1]`, 'two');
    assert.match(problems[0] ?? '', /"cpu" has 2 values for 6 points/);
    assert.match(
      problems[problems.length - 1] ?? '',
      /held 2 JSON blocks and none is a valid forecast; these are the problems of block 1/,
    );
  });

  it('a single block gives no such warning', () => {
    assert.ok(!normalizeText(good).warnings.some((w) => w.includes('JSON blocks')));
  });
});
