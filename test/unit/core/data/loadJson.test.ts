import * as assert from 'node:assert/strict';
import { DataError, NotMetricsFileError } from '../../../../src/core/base/dataError';
import { loadJson } from '../../../../src/core/data/loadJson';

/** The message a load of `text` as m.json is refused with. */
async function refusal(text: string): Promise<string> {
  return loadJson('m.json', text).then(
    () => assert.fail('accepted'),
    (err: unknown) => {
      assert.ok(err instanceof DataError, String(err));
      return err.message;
    },
  );
}
const file = (...metrics: object[]): string => JSON.stringify({ metrics });

describe('loadJson (a metrics JSON file)', () => {
  it('reads each metric with its unit, capacity and breach side, and leaves out what is not given', async () => {
    const [cpu, mem] = await loadJson(
      'm.json',
      file(
        { name: 'cpu', unit: '%', capacity: 90, breach: 'below', points: [[0, 1], { t: 60, v: 2 }] },
        { name: 'mem', points: [['1970-01-01T00:01:00Z', 5]] },
      ),
    );
    assert.deepEqual(
      [cpu?.name, cpu?.unit, cpu?.capacity, cpu?.breach, [...(cpu?.times ?? [])], [...(cpu?.values ?? [])]],
      ['cpu', '%', 90, 'below', [0, 60_000], [1, 2]],
    );
    assert.deepEqual(Object.keys(mem ?? {}).sort(), ['name', 'place', 'times', 'values']);
    assert.deepEqual([...(mem?.times ?? [])], [60_000]);
  });

  it('a null value is a gap, and a point keeps its path in the file', async () => {
    const [cpu] = await loadJson(
      'm.json',
      file({
        name: 'cpu',
        points: [
          [0, null],
          [60, 1],
          [120, null],
          [180, 3],
        ],
      }),
    );
    assert.deepEqual([...(cpu?.values ?? [])], [1, 3]);
    assert.deepEqual(cpu?.place?.(1), { path: 'metrics.0.points.3' }, 'the second value is the fourth point');
    assert.deepEqual(cpu?.place?.(0), { path: 'metrics.0.points.1' });
  });

  it('a metric whose values are all null', async () => {
    assert.equal(await refusal(file({ name: 'cpu', points: [[0, null]] })), 'm.json: metric "cpu" has no values');
  });

  it('JSON that is not an object with "metrics" is not a metrics file', async () => {
    for (const text of ['[1, 2]', 'null', '42', '"metrics"', '{}']) {
      await assert.rejects(loadJson('m.json', text), (err: unknown) => err instanceof NotMetricsFileError, text);
    }
  });

  it('an empty or blank file, with or without a byte-order mark', async () => {
    for (const text of ['', ' \n\t', '\uFEFF', '\uFEFF  '])
      assert.equal(await refusal(text), 'm.json: the file is empty', JSON.stringify(text));
  });

  it('a syntax error at its line and column, on any line', async () => {
    assert.equal(
      await refusal('{\n  "metrics": [\n    {"name": "cpu",, "points": []}\n  ]\n}'),
      'm.json:3:20: not valid JSON: expected a property name in double quotes',
    );
    assert.match(await refusal('{"metrics": [1, }'), /^m\.json:1:17: not valid JSON: /);
  });

  it('names, units, capacities and values refused at their metric or point', async () => {
    assert.equal(
      await refusal(file({ name: 'cpu', unit: 'a\u0000b', points: [[0, 1]] })),
      'm.json: metrics.0: the unit "a\\u0000b" holds a control character',
    );
    assert.equal(
      await refusal(file({ name: 'ok', points: [[0, 1]] }, { name: 'x'.repeat(201), points: [[0, 1]] })),
      `m.json: metrics.1: the metric name "${'x'.repeat(60)}…" is 201 characters long; at most 200`,
    );
    const [blank] = await loadJson('m.json', file({ name: 'cpu', unit: '', points: [[0, 1]] }));
    assert.equal(blank?.unit, '', 'an empty unit is kept as no unit, not refused');
    assert.match(
      await refusal(file({ name: 'cpu', capacity: 1e31, points: [[0, 1]] })),
      /^m\.json: metrics\.0\.capacity: "1e\+31" is too large: values and capacities are at most ±1e\+30/,
    );
    assert.match(
      await refusal(
        file({
          name: 'cpu',
          points: [
            [0, 1],
            [60, -1e31],
          ],
        }),
      ),
      /^m\.json: metrics\.0\.points\.1: "-1e\+31" is too large/,
    );
  });
});

describe('loadJson: bounds and marks', () => {
  it('a byte-order mark is taken off only at the very start', async () => {
    const [m] = await loadJson('m.json', file({ name: 'a\uFEFFb', points: [[0, 1]] }));
    assert.equal(m?.name, 'a\uFEFFb');
  });

  it('a capacity that JSON reads as Infinity (1e400) is not finite', async () => {
    assert.match(
      await refusal('{"metrics":[{"name":"cpu","capacity":1e400,"points":[[0,1]]}]}'),
      /^m\.json: does not match the metrics JSON shape: metrics\.0\.capacity: Invalid input: expected number, received Infinity$/,
    );
  });

  it('1,000 metrics load; 1,001 are refused before the shape is checked', async () => {
    const many = (n: number): string =>
      file(...Array.from({ length: n }, (_, i) => ({ name: `m${i}`, points: [[0, 1]] })));
    assert.equal((await loadJson('m.json', many(1000))).length, 1000);
    assert.equal(await refusal(many(1001)), 'm.json: metrics: 1,001 metrics; a file may have at most 1,000 (split it)');
  });
});
