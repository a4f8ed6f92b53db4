import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadMetricFile } from '../../../../src/core/data/loadMetrics';
import { isPromResponse, nameSeries, readPromAnswer, seriesNameProblem } from '../../../../src/core/data/promResponse';

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

const fail = (detail: string): Error => new Error(detail);
const matrix = (result: unknown[], extra: Record<string, unknown> = {}) => ({
  status: 'success',
  data: { resultType: 'matrix', result },
  ...extra,
});
const refusal = (json: unknown): string => {
  try {
    readPromAnswer(json, fail);
  } catch (e) {
    return (e as Error).message;
  }
  assert.fail('the answer was accepted');
};

describe('reading a Prometheus query_range answer (readPromAnswer)', () => {
  it('keeps each series with its labels, times in milliseconds (rounded) and values as numbers', () => {
    const answer = readPromAnswer(
      matrix([
        {
          metric: { instance: 'db-3' },
          values: [
            [1767571200, '41.5'],
            [1767571200.5004, '-2'],
          ],
        },
      ]),
      fail,
    );
    assert.deepEqual(answer, {
      ok: true,
      series: [{ labels: { instance: 'db-3' }, times: [1767571200000, 1767571200500], values: [41.5, -2], dropped: 0 }],
      warnings: [],
    });
  });

  it('leaves NaN and ±Inf samples out as gaps, and counts them', () => {
    const answer = readPromAnswer(
      matrix([
        {
          metric: {},
          values: [
            [1, 'NaN'],
            [2, '1'],
            [3, '+Inf'],
            [4, '-Inf'],
            [5, '2'],
          ],
        },
      ]),
      fail,
    );
    assert.ok(answer.ok);
    assert.deepEqual(answer.series, [{ labels: {}, times: [2000, 5000], values: [1, 2], dropped: 3 }]);
  });

  it('reads a series without "values" as empty, and passes on warnings then infos', () => {
    const answer = readPromAnswer(matrix([{ metric: { a: '1' } }], { warnings: ['w1', 'w2'], infos: ['i1'] }), fail);
    assert.deepEqual(answer, {
      ok: true,
      series: [{ labels: { a: '1' }, times: [], values: [], dropped: 0 }],
      warnings: ['w1', 'w2', 'i1'],
    });
    const onlyInfos = readPromAnswer(matrix([], { infos: ['i'] }), fail);
    assert.ok(onlyInfos.ok);
    assert.deepEqual(onlyInfos.warnings, ['i']);
  });

  it('returns an error answer as its type and message, with defaults when the server left them out', () => {
    assert.deepEqual(readPromAnswer({ status: 'error', errorType: 'bad_data', error: 'parse error' }, fail), {
      ok: false,
      errorType: 'bad_data',
      error: 'parse error',
    });
    assert.deepEqual(readPromAnswer({ status: 'error' }, fail), { ok: false, errorType: 'error', error: 'no message' });
  });

  it('refuses what is not such an answer, naming the field that is wrong', () => {
    assert.equal(
      refusal({ status: 'ok' }).startsWith('does not match the Prometheus query_range answer: status: '),
      true,
    );
    assert.match(
      refusal(matrix([{ metric: {}, values: [[1, 2]] }])),
      /^does not match .*: data\.result\.0\.values\.0\.1: /,
    );
    assert.match(refusal(matrix([{ metric: { a: 1 } }])), /data\.result\.0\.metric\.a: /);
    assert.match(refusal({ status: 'success', data: { resultType: 'matrix' } }), /data\.result: /);
    assert.match(
      refusal({ status: 'success', warnings: 'x', data: { resultType: 'matrix', result: [] } }),
      /warnings: /,
    );
    assert.match(refusal(matrix([], { infos: [1] })), /infos\.0: /);
    assert.match(refusal({ status: 'error', errorType: 1 }), /errorType: /);
    assert.match(refusal({ status: 'error', error: 1 }), /error: /);
    const long = refusal(matrix([{ metric: { ['k'.repeat(600)]: 1 } }]));
    assert.equal(long.length, 'does not match the Prometheus query_range answer: '.length + 500);
    assert.ok(long.startsWith('does not match the Prometheus query_range answer: data.result.0.metric.kkk'));
    assert.ok(refusal('x'.repeat(2000)).length <= 'does not match the Prometheus query_range answer: '.length + 500);
  });

  it('refuses a success without data, and an instant query, in one sentence each', () => {
    assert.equal(refusal({ status: 'success' }), 'a successful answer without "data"');
    assert.equal(
      refusal({ status: 'success', data: { resultType: 'vector', result: [] } }),
      'the result is a vector, not a matrix: save the answer of /api/v1/query_range, not /api/v1/query',
    );
  });

  it('takes up to 1,000 series and refuses one more before copying any', () => {
    const series = (n: number) => Array.from({ length: n }, (_, i) => ({ metric: { i: String(i) } }));
    const most = readPromAnswer(matrix(series(1000)), fail);
    assert.ok(most.ok);
    assert.equal(most.series.length, 1000);
    assert.equal(refusal(matrix(series(1001))), '1,001 series; at most 1,000 (aggregate with sum by (…) or topk)');
  });

  it('refuses more than 5,000,000 samples across all series, before copying any', () => {
    const samples = (n: number) => Array.from({ length: n }, (_, i): [number, string] => [i, '1']);
    assert.equal(
      refusal(
        matrix([
          { metric: {}, values: samples(2_500_000) },
          { metric: {} },
          { metric: {}, values: samples(2_500_001) },
        ]),
      ),
      '5,000,001 samples; at most 5,000,000 (a longer step or a shorter lookback)',
    );
  });
});

describe('telling a Prometheus answer from a metric file (isPromResponse)', () => {
  it('needs an object with "status" and either "data" or "error"', () => {
    assert.equal(isPromResponse({ status: 'success', data: {} }), true);
    assert.equal(isPromResponse({ status: 'error', error: 'x' }), true);
    assert.equal(isPromResponse({ status: 'success' }), false);
    assert.equal(isPromResponse({ data: {}, error: 'x' }), false);
    assert.equal(isPromResponse(null), false);
    assert.equal(isPromResponse('status data error'), false);
    assert.equal(isPromResponse([]), false);
  });
});

describe('naming the series of one query (nameSeries)', () => {
  it('names a lone series, or series whose labels are all alike, by the name alone', () => {
    assert.deepEqual(nameSeries('m', [{ a: '1', b: 'x' }]), ['m']);
    assert.deepEqual(nameSeries('m', [{ a: '1' }, { a: '1' }]), ['m', 'm']);
    assert.deepEqual(nameSeries('m', []), []);
  });

  it('lists the labels that differ in name order, quoted as JSON', () => {
    assert.deepEqual(
      nameSeries('m', [
        { z: '1', a: 'x"y', same: 's' },
        { z: '2', a: 'b', same: 's' },
      ]),
      ['m{a="x\\"y", z="1"}', 'm{a="b", z="2"}'],
    );
  });

  it('orders the labels by name whatever order the series list them in', () => {
    const labels = (v: string) => ({ mode: v, cpu: v, zone: v, instance: v, app: v, job: v });
    assert.deepEqual(
      nameSeries('m', [labels('1'), { job: '2', app: '2', zone: '2', cpu: '2', instance: '2', mode: '2' }]),
      [
        'm{app="1", cpu="1", instance="1", job="1", mode="1", zone="1"}',
        'm{app="2", cpu="2", instance="2", job="2", mode="2", zone="2"}',
      ],
    );
  });

  it('leaves out a label a series lacks, and counts a label missing from the first series as differing', () => {
    assert.deepEqual(nameSeries('m', [{ a: '1' }, { a: '1', b: '2' }]), ['m', 'm{b="2"}']);
    assert.deepEqual(nameSeries('m', [{ b: '2' }, {}]), ['m{b="2"}', 'm']);
  });
});

describe('series names that cannot be used (seriesNameProblem)', () => {
  it('accepts a name of up to 200 characters without control characters', () => {
    assert.equal(seriesNameProblem('x'.repeat(200)), undefined);
    assert.equal(seriesNameProblem('disk_free{instance="db-3"}'), undefined);
  });

  it('refuses a longer name, quoting its first 60 characters and its length', () => {
    const name = 'a'.repeat(60) + 'b'.repeat(141);
    assert.equal(
      seriesNameProblem(name),
      `the series name "${'a'.repeat(60)}"… is 201 characters long; at most 200 (aggregate with sum by (…) to keep fewer labels)`,
    );
  });

  it('refuses a control character in a label, quoting the name', () => {
    assert.equal(seriesNameProblem('m{a="x\ny"}'), 'the series name "m{a=\\"x\\ny\\"}" holds a control character');
    assert.equal(
      seriesNameProblem('m\t' + 'c'.repeat(70)),
      `the series name ${JSON.stringify('m\t' + 'c'.repeat(58))} holds a control character`,
    );
  });
});
