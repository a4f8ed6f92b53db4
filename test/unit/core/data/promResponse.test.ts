import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadMetricFile } from '../../../../src/core/data/loadMetrics';
import { nameSeries } from '../../../../src/core/data/promResponse';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bottleneck-prom-answer-'));
const answer = (result: unknown[], extra: Record<string, unknown> = {}) =>
  JSON.stringify({ status: 'success', data: { resultType: 'matrix', result }, ...extra });
const values = (from: number, n: number, f: (i: number) => string) =>
  Array.from({ length: n }, (_, i) => [from + i * 300, f(i)]);

describe('saved Prometheus query_range answers as metric files', () => {
  it('loads each series as a metric named by __name__ and the labels that differ; NaN is a gap', async () => {
    const file = path.join(dir, 'disk.json');
    fs.writeFileSync(
      file,
      answer([
        {
          metric: { __name__: 'disk_free', instance: 'db-1', job: 'node' },
          values: values(1767571200, 48, (i) => String(100 - i)),
        },
        {
          metric: { __name__: 'disk_free', instance: 'db-2', job: 'node' },
          values: values(1767571200, 48, (i) => (i === 10 ? 'NaN' : String(90 - i))),
        },
      ]),
    );
    const set = await loadMetricFile(file);
    assert.deepEqual(
      set.metrics.map((m) => [m.name, m.breach, m.stepMs, m.values.length]),
      [
        ['disk_free{instance="db-1"}', 'below', 300_000, 48],
        ['disk_free{instance="db-2"}', 'below', 300_000, 48],
      ],
    );
  });

  it('names a series without __name__ after the file', async () => {
    const file = path.join(dir, 'p99_latency.json');
    fs.writeFileSync(file, answer([{ metric: {}, values: values(1767571200, 24, () => '0.25') }]));
    assert.equal((await loadMetricFile(file)).metrics[0]?.name, 'p99_latency');
  });

  it('refuses an error answer, an instant query and an empty result in one sentence each', async () => {
    const cases: [string, RegExp][] = [
      [
        JSON.stringify({ status: 'error', errorType: 'bad_data', error: 'parse error' }),
        /the saved answer is an error \(bad_data\): "parse error"/,
      ],
      [
        JSON.stringify({ status: 'success', data: { resultType: 'vector', result: [] } }),
        /not a matrix: save the answer of \/api\/v1\/query_range/,
      ],
      [answer([]), /the saved answer has no series/],
    ];
    for (const [text, expected] of cases) {
      const file = path.join(dir, 'bad.json');
      fs.writeFileSync(file, text);
      await assert.rejects(loadMetricFile(file), expected);
    }
  });

  it('shows only the labels that tell series apart', () => {
    assert.deepEqual(
      nameSeries('m', [
        { a: '1', b: 'x' },
        { a: '2', b: 'x' },
      ]),
      ['m{a="1"}', 'm{a="2"}'],
    );
    assert.deepEqual(nameSeries('m', [{ a: '1' }]), ['m']);
    assert.deepEqual(
      nameSeries('m', [
        { __name__: 'x', a: '1' },
        { __name__: 'y', a: '1' },
      ]),
      ['m{__name__="x"}', 'm{__name__="y"}'],
    );
  });
});
