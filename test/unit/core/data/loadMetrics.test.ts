import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadMetricFile, toMetricSet } from '../../../../src/core/data/loadMetrics';
import { type RawSeries } from '../../../../src/core/data/regularize';
import { DataError } from '../../../../src/core/base/dataError';
import { parseTimestamp } from '../../../../src/core/data/timestamps';

const hourly = (n: number, row: (i: number, iso: string) => string, header = 'timestamp,value'): string =>
  [header, ...Array.from({ length: n }, (_, i) => row(i, new Date(Date.UTC(2026, 0, 1, i)).toISOString()))].join('\n');

/** Each malformed file and the message (file:line:column: …) a person must see. */
const MALFORMED: { name: string; file: string; text: string; message: RegExp }[] = [
  { name: 'empty file', file: 'm.csv', text: '', message: /^m\.csv: the file is empty$/ },
  { name: 'blank lines only', file: 'm.csv', text: '\n\n  \n', message: /the file is empty/ },
  {
    name: 'header only',
    file: 'm.csv',
    text: 'timestamp,value\n',
    message: /^m\.csv:2: the file has a header but no data rows$/,
  },
  {
    name: 'no time column',
    file: 'm.csv',
    text: 'when,value\n2026-01-01,1\n',
    message: /^m\.csv:1:1: no time column in the header/,
  },
  {
    name: 'only a time column',
    file: 'm.csv',
    text: 'timestamp\n2026-01-01\n',
    message: /^m\.csv:1: the header has only a time column/,
  },
  {
    name: 'metric without value column',
    file: 'm.csv',
    text: 'timestamp,metric,reading\n2026-01-01,cpu,1\n',
    message: /a "metric" column needs a "value" column/,
  },
  {
    name: 'duplicate column',
    file: 'm.csv',
    text: 'timestamp,cpu,cpu\n2026-01-01,1,2\n',
    message: /column "cpu" appears twice/,
  },
  {
    name: 'non-numeric value',
    file: 'm.csv',
    text: 'timestamp,value\n2026-01-01T00:00Z,1\n2026-01-01T01:00Z,abc\n',
    message: /^m\.csv:3:2: "abc" is not a number$/,
  },
  {
    name: 'value with a unit',
    file: 'm.csv',
    text: 'timestamp,value\n2026-01-01T00:00Z,85%\n',
    message: /^m\.csv:2:2: "85%" is not a number$/,
  },
  {
    name: 'NaN text',
    file: 'm.csv',
    text: 'timestamp,value\n2026-01-01T00:00Z,NaN\n',
    message: /:2:2: "NaN" is not a number/,
  },
  {
    name: 'Infinity',
    file: 'm.csv',
    text: 'timestamp,value\n2026-01-01T00:00Z,Infinity\n',
    message: /:2:2: "Infinity" is not a number/,
  },
  {
    name: 'missing timestamp',
    file: 'm.csv',
    text: 'timestamp,value\n2026-01-01T00:00Z,1\n,2\n',
    message: /^m\.csv:3:1: missing timestamp$/,
  },
  {
    name: 'bad timestamp',
    file: 'm.csv',
    text: 'timestamp,value\nyesterday,1\n',
    message: /^m\.csv:2:1: "yesterday" is not a timestamp/,
  },
  {
    name: 'impossible date',
    file: 'm.csv',
    text: 'timestamp,value\n2026-13-45T00:00Z,1\n',
    message: /^m\.csv:2:1: "2026-13-45T00:00Z" is not a valid time: month 13 does not exist$/,
  },
  {
    name: 'wrong column count',
    file: 'm.csv',
    text: 'timestamp,value\n2026-01-01T00:00Z,1,9\n',
    message: /^m\.csv:2: /,
  },
  { name: 'unclosed quote', file: 'm.csv', text: 'timestamp,value\n"2026-01-01T00:00Z,1\n', message: /^m\.csv/ },
  {
    name: 'long: missing metric name',
    file: 'm.csv',
    text: 'timestamp,metric,value\n2026-01-01T00:00Z,,1\n',
    message: /^m\.csv:2:2: missing metric name$/,
  },
  {
    name: 'long: bad capacity',
    file: 'm.csv',
    text: 'timestamp,metric,value,capacity\n2026-01-01T00:00Z,cpu,1,lots\n',
    message: /^m\.csv:2:4: "lots" is not a number$/,
  },
  {
    name: 'long: bad breach side',
    file: 'm.csv',
    text: 'timestamp,metric,value,breach\n2026-01-01T00:00Z,cpu,1,sideways\n',
    message: /^m\.csv:2:4: breach must be "above" or "below", not "sideways"$/,
  },
  {
    name: 'wide: a column with no values',
    file: 'm.csv',
    text: 'timestamp,cpu,mem\n2026-01-01T00:00Z,1,\n2026-01-01T01:00Z,2,\n',
    message: /metric "mem" has no values/,
  },
  {
    name: 'single timestamp',
    file: 'm.csv',
    text: 'timestamp,value\n2026-01-01T00:00Z,1\n2026-01-01T00:00Z,2\n',
    message: /only one distinct timestamp/,
  },
  {
    name: 'different steps',
    file: 'm.csv',
    text:
      'timestamp,metric,value\n' +
      ['0', '300', '600'].map((s) => `${s},cpu,1`).join('\n') +
      '\n' +
      ['0', '3600', '7200'].map((s) => `${s},disk,1`).join('\n') +
      '\n',
    message: /metrics have different sampling steps \(cpu every 5 min, disk every 1 h\)/,
  },
  { name: 'missing file', file: '/nonexistent/metrics.csv', text: '\u0000missing', message: /no such file/ },
  { name: 'JSON: empty', file: 'm.json', text: '   ', message: /^m\.json: the file is empty$/ },
  {
    name: 'JSON: not JSON',
    file: 'm.json',
    text: '{"metrics": [1, }',
    message: /^m\.json:1:17: not valid JSON: expected a value/,
  },
  {
    name: 'JSON: a syntax error is located and never quotes the file',
    file: 'm.json',
    text: '{"metrics": [{"name": "cpu", "note": sk-live-SECRET}]}',
    message: /^m\.json:1:38: not valid JSON: expected a value \([^"]*\)$/,
  },
  {
    name: 'JSON: no "metrics" at all is not a metrics file, said in one sentence (no schema dump)',
    file: 'm.json',
    text: '{"series": [], "name": "x", "version": "1.0.0"}',
    message:
      /^m\.json: is not a metrics file: expected a CSV with a time column, or JSON of the form \{ "metrics": \[ \{ "name": …, "points": \[\.\.\.\] \} \] \}$/,
  },
  {
    name: 'JSON: a metrics file of the wrong shape names where',
    file: 'm.json',
    text: '{"metrics": {"cpu": [1, 2]}}',
    message: /^m\.json: does not match the metrics JSON shape: metrics: /,
  },
  {
    name: 'JSON: a string value',
    file: 'm.json',
    text: '{"metrics":[{"name":"cpu","points":[["2026-01-01T00:00Z","85"]]}]}',
    message: /metrics\.0\.points\.0/,
  },
  {
    name: 'JSON: bad breach',
    file: 'm.json',
    text: '{"metrics":[{"name":"cpu","breach":"up","points":[[0,1],[60,2]]}]}',
    message: /metrics\.0\.breach/,
  },
  {
    name: 'JSON: bad timestamp',
    file: 'm.json',
    text: '{"metrics":[{"name":"cpu","points":[["soon",1]]}]}',
    message: /metrics\.0\.points\.0: "soon" is not a timestamp/,
  },
];

describe('loaders: malformed files give a message naming the place', () => {
  for (const c of MALFORMED) {
    it(c.name, async () => {
      const text = c.text === '\u0000missing' ? undefined : c.text;
      await assert.rejects(loadMetricFile(c.file, text === undefined ? {} : { text }), (err: unknown) => {
        assert.ok(err instanceof DataError, `a DataError, got ${String(err)}`);
        assert.match(err.message, c.message);
        return true;
      });
    });
  }

  it('covers at least 25 malformed files', () => {
    assert.ok(MALFORMED.length >= 25);
  });
});

describe('loaders: the supported shapes', () => {
  it('long format with unit, capacity and breach (the last capacity wins)', async () => {
    const text =
      'timestamp,metric,value,unit,capacity,breach\n' +
      Array.from(
        { length: 4 },
        (_, i) => `2026-01-01T0${i}:00Z,disk_free,${100 - i},GB,${i === 3 ? 30 : 20},below`,
      ).join('\n');
    const set = await loadMetricFile('d.csv', { text });
    const m = set.metrics[0];
    assert.deepEqual(
      [m?.name, m?.unit, m?.capacity, m?.breach, m?.stepMs],
      ['disk_free', 'GB', 30, 'below', 3_600_000],
    );
    assert.deepEqual([...(m?.values ?? [])], [100, 99, 98, 97]);
  });

  it('wide format: one metric per column, an empty cell is a gap', async () => {
    const text = hourly(4, (i, t) => `${t},${i},${i === 2 ? '' : 10 * i}`, 'time,cpu,mem');
    const set = await loadMetricFile('w.csv', { text });
    assert.deepEqual(
      set.metrics.map((m) => m.name),
      ['cpu', 'mem'],
    );
    assert.deepEqual([...(set.metrics[1]?.values ?? [])], [0, 10, 20, 30]);
    assert.equal(set.metrics[1]?.filled, 1);
  });

  it('two columns: the metric is named after the file', async () => {
    const set = await loadMetricFile('/data/queue_depth.csv', { text: hourly(3, (i, t) => `${t},${i}`) });
    assert.equal(set.metrics[0]?.name, 'queue_depth');
  });

  it('JSON with pairs and {t, v} points, nulls as gaps', async () => {
    const text = JSON.stringify({
      metrics: [
        {
          name: 'cpu',
          unit: '%',
          capacity: 90,
          points: [['2026-01-01T00:00:00Z', 1], { t: 1767229200, v: null }, [1767232800000, 3], [1767236400, 4]],
        },
      ],
    });
    const set = await loadMetricFile('m.json', { text });
    assert.deepEqual([...(set.metrics[0]?.values ?? [])], [1, 2, 3, 4]);
    assert.equal(set.metrics[0]?.capacity, 90);
  });

  it('capacity overrides by exact name and by wildcard, with a breach side', async () => {
    const text = hourly(3, (i, t) => `${t},${i},${i}`, 'timestamp,cpu_a,disk_free_b');
    const set = await loadMetricFile('w.csv', {
      text,
      capacities: { cpu_a: { capacity: 80 }, 'disk_free*': { capacity: 5, breach: 'below' } },
    });
    assert.deepEqual(
      set.metrics.map((m) => [m.capacity, m.breach]),
      [
        [80, 'above'],
        [5, 'below'],
      ],
    );
  });

  it('guesses the breach side from the name when none is given', async () => {
    const set = await loadMetricFile('w.csv', {
      text: hourly(3, (i, t) => `${t},${i},${i}`, 'timestamp,memory_available,latency'),
    });
    assert.deepEqual(
      set.metrics.map((m) => m.breach),
      ['below', 'above'],
    );
  });

  it('comments and a byte-order mark are ignored', async () => {
    const set = await loadMetricFile('c.csv', {
      text: '\uFEFF# exported by a tool\ntimestamp,value\n# a comment\n2026-01-01T00:00Z,1\n2026-01-01T01:00Z,2\n',
    });
    assert.equal(set.metrics[0]?.values.length, 2);
  });
});

describe('regularization', () => {
  it('sorts rows and says so', async () => {
    const set = await loadMetricFile('s.csv', {
      text: 'timestamp,value\n2026-01-01T02:00Z,3\n2026-01-01T00:00Z,1\n2026-01-01T01:00Z,2\n',
    });
    assert.deepEqual([...(set.metrics[0]?.values ?? [])], [1, 2, 3]);
    assert.match(set.warnings.join('\n'), /not in time order; they were sorted/);
  });

  it('averages duplicate timestamps and counts them', async () => {
    const set = await loadMetricFile('d.csv', {
      text: 'timestamp,value\n2026-01-01T00:00Z,1\n2026-01-01T00:00Z,3\n2026-01-01T01:00Z,5\n2026-01-01T01:00Z,7\n2026-01-01T02:00Z,9\n',
    });
    assert.deepEqual([...(set.metrics[0]?.values ?? [])], [2, 6, 9]);
    assert.match(set.warnings.join('\n'), /2 duplicate timestamps/);
  });

  it('fills a short gap quietly and reports a long one', async () => {
    const rows = Array.from({ length: 20 }, (_, i) => i).filter((i) => i !== 3 && !(i >= 8 && i <= 13));
    const set = await loadMetricFile('g.csv', {
      text: 'timestamp,value\n' + rows.map((i) => `${i * 3600},${i}`).join('\n'),
    });
    const values = [...(set.metrics[0]?.values ?? [])];
    assert.equal(values.length, 20);
    assert.deepEqual(
      values.map((v) => Math.round(v * 1e9) / 1e9),
      Array.from({ length: 20 }, (_, i) => i),
      'linear fill of a linear series',
    );
    assert.equal(set.metrics[0]?.filled, 7);
    assert.equal(set.warnings.length, 1);
    assert.match(set.warnings[0] ?? '', /1 gap longer than .* filled \(longest 6 h from 1970-01-01T08:00:00.000Z\)/);
  });

  it('snaps jittered timestamps to the grid', async () => {
    const set = await loadMetricFile('j.csv', { text: 'timestamp,value\n0,1\n3610,2\n7190,3\n10800,4\n' });
    assert.equal(set.metrics[0]?.stepMs, 3_600_000);
    assert.deepEqual([...(set.metrics[0]?.values ?? [])], [1, 2, 3, 4]);
  });
});

describe('timestamps', () => {
  it('reads ISO 8601 (no zone = UTC), epoch seconds and epoch milliseconds', () => {
    const expected = Date.UTC(2026, 0, 2, 3, 4, 5);
    assert.equal(parseTimestamp('2026-01-02T03:04:05Z'), expected);
    assert.equal(parseTimestamp('2026-01-02T03:04:05'), expected);
    assert.equal(parseTimestamp('2026-01-02 03:04:05'), expected);
    assert.equal(parseTimestamp('2026-01-02T05:04:05+02:00'), expected);
    assert.equal(parseTimestamp(String(expected / 1000)), expected);
    assert.equal(parseTimestamp(String(expected)), expected);
    assert.equal(parseTimestamp('2026-01-02'), Date.UTC(2026, 0, 2));
  });
});

describe('large files', function () {
  this.timeout(120_000);
  it('streams 1,000,000 rows without holding them in memory', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bottleneck-big-')), 'big.csv');
    const out = fs.createWriteStream(file);
    out.write('timestamp,metric,value\n');
    const start = Date.UTC(2020, 0, 1) / 1000;
    for (let i = 0; i < 500_000; i++) {
      if (!out.write(`${start + i * 60},cpu,${(i % 97) / 2}\n${start + i * 60},mem,${(i % 89) / 3}\n`))
        await new Promise<void>((r) => out.once('drain', () => r()));
    }
    await new Promise<void>((r) => out.end(() => r()));
    global.gc?.();
    const before = process.memoryUsage().heapUsed;
    let peak = before;
    const timer = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().heapUsed);
    }, 5);
    const set = await loadMetricFile(file);
    clearInterval(timer);
    peak = Math.max(peak, process.memoryUsage().heapUsed);
    assert.equal(set.metrics.length, 2);
    assert.equal(set.metrics[0]?.values.length, 500_000);
    // 1,000,000 parsed rows as JS objects would need several hundred MB; typed columns need ~20 MB
    assert.ok(peak - before < 200 * 1024 * 1024, `heap grew by ${((peak - before) / 1048576).toFixed(0)} MB`);
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  });
});

describe('toMetricSet (capacities from outside, one step for the file)', () => {
  const series = (name: string, stepS: number): RawSeries => ({
    name,
    times: [0, stepS * 1000, 2 * stepS * 1000],
    values: [1, 2, 3],
  });

  it('a capacity given outside the file brings its breach side, over the one guessed from the name', () => {
    const set = toMetricSet('m.csv', [series('latency', 60), series('errors', 60)], {
      capacities: { latency: { capacity: 5, breach: 'below' }, errors: { capacity: 9 } },
    });
    assert.deepEqual(
      set.metrics.map((m) => [m.name, m.capacity, m.breach]),
      [
        ['latency', 5, 'below'],
        ['errors', 9, 'above'],
      ],
    );
  });

  it('metrics of different steps: up to ten are listed, more end in an ellipsis', () => {
    const ten = Array.from({ length: 10 }, (_, i) => series(`m${i}`, i === 9 ? 120 : 60));
    assert.throws(
      () => toMetricSet('m.csv', ten),
      (err: unknown) =>
        err instanceof DataError &&
        err.message ===
          'm.csv: metrics have different sampling steps (m0 every 1 min, m1 every 1 min, m2 every 1 min, m3 every 1 min, m4 every 1 min, m5 every 1 min, m6 every 1 min, m7 every 1 min, m8 every 1 min, m9 every 2 min); put metrics with different steps in separate files',
    );
    const eleven = [...ten, series('m10', 60)];
    assert.throws(
      () => toMetricSet('m.csv', eleven),
      (err: unknown) =>
        err instanceof DataError &&
        err.message.includes('m9 every 2 min, …); put metrics') &&
        !err.message.includes('m10'),
    );
  });
});
