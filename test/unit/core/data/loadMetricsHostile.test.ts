import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DataError } from '../../../../src/core/base/dataError';
import { loadMetricFile, toMetricSet } from '../../../../src/core/data/loadMetrics';
import { openBounded, readBounded } from '../../../../src/core/data/readBounded';
import { regularize } from '../../../../src/core/data/regularize';

const MiB = 1024 * 1024;

let dir = '';
const file = (name: string, content?: string | Buffer): string => {
  const p = path.join(dir, name);
  if (content !== undefined) fs.writeFileSync(p, content);
  return p;
};
const hourlyRows = (n: number): string =>
  Array.from({ length: n }, (_, i) => `${new Date(Date.UTC(2026, 0, 1, i)).toISOString()},${i}`).join('\n');

/** Asserts that `load` rejects with a DataError whose message matches; returns the message. */
async function refused(load: () => Promise<unknown>, message: RegExp): Promise<string> {
  let caught: unknown;
  try {
    await load();
  } catch (err) {
    caught = err;
  }
  assert.ok(
    caught instanceof DataError,
    `a DataError, got ${caught instanceof Error ? `${caught.name}: ${caught.message}` : String(caught)}`,
  );
  assert.match(caught.message, message);
  return caught.message;
}

describe('loaders: hostile and unlucky files are refused with file:line:column', function () {
  // the bound on each case's work: backtracking or a quadratic loop over these files would take minutes
  this.timeout(30_000);
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bottleneck-hostile-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  describe('quoting', () => {
    it('a stray quote inside a value', async () => {
      const f = file('quote.csv', 'timestamp,value\n2026-01-01T00:00Z,1\n2026-01-01T01:00Z,a"b\n');
      await refused(() => loadMetricFile(f), /quote\.csv:3:2: a quote inside a value/);
    });

    it('text after a closing quote', async () => {
      const f = file('closing.csv', 'timestamp,value\n2026-01-01T00:00Z,1\n2026-01-01T01:00Z,"1"2\n');
      await refused(() => loadMetricFile(f), /closing\.csv:3:2: text after a closing quote/);
    });

    it('a quote that is never closed', async () => {
      await refused(
        () => loadMetricFile('open.csv', { text: 'timestamp,value\n2026-01-01T00:00Z,"1\n2026-01-01T01:00Z,2\n' }),
        /^open\.csv:\d+(:\d+)?: a quoted value is never closed$/,
      );
    });

    it('a row with more values than the header says how many', async () => {
      await refused(
        () => loadMetricFile('n.csv', { text: 'timestamp,value\n2026-01-01T00:00Z,1,9\n' }),
        /^n\.csv:2: this row has 3 values, the header 2/,
      );
    });
  });

  describe('numbers', () => {
    for (const v of ['1e308', '-1e308', '1e309', '1e101', '1e31']) {
      it(`a value of ${v} is too large, at its line and column`, async () => {
        await refused(
          () => loadMetricFile('big.csv', { text: `timestamp,value\n2026-01-01T00:00Z,1\n2026-01-01T01:00Z,${v}\n` }),
          new RegExp(`^big\\.csv:3:2: "${v.replace('+', '\\+')}" is too large`),
        );
      });
    }

    it('a capacity of 1e308 is too large', async () => {
      await refused(
        () => loadMetricFile('c.csv', { text: 'timestamp,metric,value,capacity\n2026-01-01T00:00Z,cpu,1,1e308\n' }),
        /^c\.csv:2:4: "1e308" is too large/,
      );
    });

    for (const v of ['NaN', 'nan', '-Infinity', '+inf', '0x10', '1,5', '١٢']) {
      it(`"${v}" is not a number`, async () => {
        await refused(
          () => loadMetricFile('n.csv', { text: `timestamp,value\n2026-01-01T00:00Z,"${v}"\n` }),
          /^n\.csv:2:2: ".*" is not a number$/,
        );
      });
    }

    it('the largest allowed values average and interpolate without overflowing', async () => {
      const text =
        'timestamp,value\n' + ['0,1e30', '0,1e30', '3600,-1e30', '7200,1e30', '18000,-1e30', '18000,-1e30'].join('\n');
      const set = await loadMetricFile('edge.csv', { text });
      const values = [...(set.metrics[0]?.values ?? [])];
      assert.equal(values.length, 6);
      assert.ok(values.every(Number.isFinite), values.join());
      assert.deepEqual([values[0], values[1], values[2], values[5]], [1e30, -1e30, 1e30, -1e30]);
    });

    it('a series handed over with a non-finite value is refused, not averaged into Infinity', () => {
      assert.throws(
        () =>
          toMetricSet('x.csv', [
            {
              name: 'cpu',
              times: [0, 1000, 2000],
              values: [1, Infinity, 3],
              place: (i) => ({ line: i + 2, column: 2 }),
            },
          ]),
        (err: unknown) => err instanceof DataError && /^x\.csv:3:2: "Infinity" is too large/.test(err.message),
      );
    });
  });

  describe('timestamps at and beyond the ends of time', () => {
    const cases: [string, string][] = [
      ['the Date maximum in ms', '8640000000000000'],
      ['just beyond it', '8640000000000001'],
      ['the Date minimum', '-8640000000000000'],
      ['an epoch of 1e20', '1e20'],
      ['an epoch that is Infinity', '1e400'],
      ['the year 9999', '9999-12-31T23:00:00Z'],
      ['the year 3000', '3000-01-01T00:00:00Z'],
      ['the year 1899', '1899-12-31T23:00:00Z'],
      ['the year 0000', '0000-01-01'],
    ];
    for (const [name, t] of cases) {
      it(name, async () => {
        const text = `timestamp,value\n2026-01-01T00:00Z,1\n${t},2\n`;
        await refused(
          () => loadMetricFile('t.csv', { text }),
          /^t\.csv:3:1: ".*" is outside the supported times \(1900-01-01 to 2999-12-31 UTC\)$/,
        );
      });
    }

    it('the last supported hours still load', async () => {
      const text = 'timestamp,value\n' + [3, 2, 1, 0].map((h) => `2999-12-31T2${3 - h}:00:00Z,${h}`).join('\n');
      const set = await loadMetricFile('late.csv', { text });
      assert.equal(set.metrics[0]?.values.length, 4);
    });

    it('in JSON too, with the path of the point', async () => {
      const text = JSON.stringify({
        metrics: [
          {
            name: 'cpu',
            points: [
              [0, 1],
              [8.64e15, 2],
            ],
          },
        ],
      });
      await refused(
        () => loadMetricFile('t.json', { text }),
        /^t\.json: metrics\.0\.points\.1: "8640000000000000" is outside the supported times/,
      );
    });
  });

  describe('files that are not metric files', () => {
    it('a directory', async () => {
      await refused(() => loadMetricFile(dir), /is a directory, not a metrics file$/);
      const jsonDir = path.join(dir, 'looks.json');
      fs.mkdirSync(jsonDir);
      await refused(() => loadMetricFile(jsonDir), /looks\.json: is a directory/);
    });

    it('an empty file, CSV and JSON', async () => {
      await refused(() => loadMetricFile(file('empty.csv', '')), /empty\.csv: the file is empty$/);
      await refused(() => loadMetricFile(file('empty.json', '')), /empty\.json: the file is empty$/);
      await refused(() => loadMetricFile(file('bom.csv', '\uFEFF')), /bom\.csv: the file is empty$/);
      await refused(
        () => loadMetricFile(file('comments.csv', '# nothing here\n# still nothing\n')),
        /comments\.csv: the file is empty$/,
      );
    });

    it('a file with only a header, with or without a line end', async () => {
      await refused(
        () => loadMetricFile(file('h1.csv', 'timestamp,value\n')),
        /h1\.csv:2: the file has a header but no data rows$/,
      );
      await refused(
        () => loadMetricFile(file('h2.csv', 'timestamp,value')),
        /h2\.csv:2: the file has a header but no data rows$/,
      );
      await refused(
        () => loadMetricFile(file('h3.csv', '\uFEFFtimestamp,cpu,mem\r\n\r\n')),
        /h3\.csv:2: the file has a header but no data rows$/,
      );
      await refused(
        () => loadMetricFile(file('h.json', '{"metrics": []}')),
        /h\.json: does not match the metrics JSON shape: metrics/,
      );
    });

    it('a symbolic link to an endless device, as JSON and as CSV', async function () {
      if (!fs.existsSync('/dev/zero')) this.skip();
      const before = process.memoryUsage().rss;
      fs.symlinkSync('/dev/zero', path.join(dir, 'zero.json'));
      fs.symlinkSync('/dev/urandom', path.join(dir, 'random.csv'));
      await refused(() => loadMetricFile(path.join(dir, 'zero.json')), /zero\.json: is not a regular file/);
      await refused(() => loadMetricFile(path.join(dir, 'random.csv')), /random\.csv: is not a regular file/);
      assert.ok(process.memoryUsage().rss - before < 100 * MiB);
    });

    it('a named pipe is refused without waiting for a writer', async function () {
      const fifo = path.join(dir, 'pipe.csv');
      if (spawnSync('mkfifo', [fifo]).status !== 0) this.skip();
      await refused(() => loadMetricFile(fifo), /pipe\.csv: is not a regular file/);
    });

    it('a file larger than the cap is refused before it is read (sparse files of 300 MiB and 65 MiB)', async () => {
      for (const [name, size] of [
        ['huge.csv', 300 * MiB],
        ['huge.json', 65 * MiB],
      ] as const) {
        const fd = fs.openSync(path.join(dir, name), 'w');
        fs.ftruncateSync(fd, size);
        fs.closeSync(fd);
      }
      await refused(
        () => loadMetricFile(path.join(dir, 'huge.csv')),
        /huge\.csv: is 300 MiB, more than the 256 MiB a CSV metrics file may have/,
      );
      await refused(
        () => loadMetricFile(path.join(dir, 'huge.json')),
        /huge\.json: is 65 MiB, more than the 64 MiB a JSON metrics file may have/,
      );
    });

    it('a file whose size says nothing (procfs) is read only up to the cap', async function () {
      if (!fs.existsSync('/proc/self/status')) this.skip();
      await refused(
        () => readBounded('/proc/self/status', 64, 'CSV'),
        /is larger than the 64 bytes a CSV metrics file may have/,
      );
      await refused(async () => {
        const stream = await openBounded('/proc/self/status', 64, 'CSV');
        for await (const chunk of stream) void chunk;
      }, /is larger than the 64 bytes/);
    });

    it('an editor buffer over the cap is refused too', async () => {
      await refused(
        () => loadMetricFile('buffer.json', { text: ' '.repeat(64 * MiB + 1) }),
        /buffer\.json: is larger than the 64 MiB a JSON metrics file may have/,
      );
    });

    it('UTF-16 text says what it is', async () => {
      const f = file(
        'utf16.csv',
        Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('timestamp,value\n0,1\n', 'utf16le')]),
      );
      await refused(() => loadMetricFile(f), /utf16\.csv:1:1: is UTF-16 text; save it as UTF-8/);
    });
  });

  describe('sizes', () => {
    it('a line that never ends stops at the record cap', async () => {
      const before = process.memoryUsage().rss;
      const f = file('long.csv', 'timestamp,value\n2026-01-01T00:00Z,' + '1'.repeat(3 * MiB));
      await refused(
        () => loadMetricFile(f),
        /long\.csv:2: a line longer than 1 MiB; lines are read up to that length$/,
      );
      assert.ok(process.memoryUsage().rss - before < 200 * MiB);
    });

    it('a quoted value that never closes stops at the record cap', async () => {
      const f = file('openquote.csv', 'timestamp,value\n2026-01-01T00:00Z,"' + 'x\n'.repeat(1.5 * MiB));
      await refused(
        () => loadMetricFile(f),
        /openquote\.csv:\d+: a row \(or a quoted value across lines\) longer than 1 MiB/,
      );
    });

    it('a header of 300,000 columns', async () => {
      const header = 'timestamp' + ',m'.repeat(300_000);
      await refused(
        () => loadMetricFile('wide.csv', { text: `${header}\n` }),
        /^wide\.csv:1: the header has 300,001 columns; at most 1,001 \(a time column and 1,000 metrics\)/,
      );
    });

    it('a header or a row of millions of empty cells is stopped at the line cap', async () => {
      const before = process.memoryUsage().rss;
      await refused(
        () => loadMetricFile('commas.csv', { text: 'timestamp' + ','.repeat(3 * MiB) + '\n' }),
        /^commas\.csv:1: a line longer than 1 MiB/,
      );
      const f = file('row.csv', 'timestamp,value\r\n0,1\r\n' + ' ,'.repeat(5 * MiB));
      await refused(() => loadMetricFile(f), /row\.csv:3: a line longer than 1 MiB/);
      assert.ok(process.memoryUsage().rss - before < 200 * MiB);
    });

    it('1,001 metrics in long format, at the line of the first one too many', async () => {
      const text = 'timestamp,metric,value\n' + Array.from({ length: 1001 }, (_, i) => `0,m${i},1`).join('\n');
      await refused(
        () => loadMetricFile('many.csv', { text }),
        /^many\.csv:1002:2: more than 1,000 metrics in one file; split it$/,
      );
    });

    it('1,001 metrics in JSON', async () => {
      const text = JSON.stringify({
        metrics: Array.from({ length: 1001 }, (_, i) => ({ name: `m${i}`, points: [[0, 1]] })),
      });
      await refused(
        () => loadMetricFile('many.json', { text }),
        /^many\.json: metrics: 1,001 metrics; a file may have at most 1,000/,
      );
    });

    it('1,000 metrics in a wide file load', async () => {
      const header = 'timestamp,' + Array.from({ length: 1000 }, (_, i) => `m${i}`).join(',');
      const row = (t: number): string => `${t},` + Array.from({ length: 1000 }, (_, i) => i).join(',');
      const set = await loadMetricFile('thousand.csv', { text: [header, row(0), row(60), row(120)].join('\n') });
      assert.equal(set.metrics.length, 1000);
      assert.equal(set.metrics[999]?.name, 'm999');
    });
  });

  describe('a tiny file cannot make a huge grid', () => {
    it('1-second steps and one row 40 million seconds later: refused, naming the gap and its line', async () => {
      const rows = Array.from({ length: 40 }, (_, i) => `${1_767_225_600 + i},${i % 7}`);
      rows.push(`${1_767_225_600 + 40_000_000},1`);
      const text = 'timestamp,value\n' + rows.join('\n') + '\n';
      assert.ok(text.length < 1500);
      const before = process.memoryUsage().rss;
      const message = await refused(
        () => loadMetricFile(file('gap.csv', text)),
        /gap\.csv:42:1: metric "gap": a gap of 39,999,961 steps of 1 s between two rows \(the second here\) would make its grid 40,000,001 steps for 41 distinct times; a grid may be at most max\(10 × times, times \+ 10,000\) = 10,041 steps/,
      );
      assert.match(message, /split the file at the gap/);
      assert.ok(process.memoryUsage().rss - before < 100 * MiB);
    });

    it('the row after the gap is named even when the rows were out of order', async () => {
      const rows = ['2000000,1', ...Array.from({ length: 30 }, (_, i) => `${i},${i}`)];
      await refused(
        () => loadMetricFile('unsorted.csv', { text: 'timestamp,value\n' + rows.join('\n') }),
        /^unsorted\.csv:2:1: metric "unsorted": a gap of/,
      );
    });

    it('in JSON, the path of the point after the gap', async () => {
      const points = [
        ...Array.from({ length: 20 }, (_, i) => [1_767_225_600 + i * 60, i]),
        [1_767_225_600 + (1e9 / 1000) * 60, 1],
      ];
      await refused(
        () => loadMetricFile('gap.json', { text: JSON.stringify({ metrics: [{ name: 'cpu', points }] }) }),
        /^gap\.json: metrics\.0\.points\.20: metric "cpu": a gap of/,
      );
    });

    it('a gap within ten times the rows is still filled', async () => {
      const rows = [...Array.from({ length: 20 }, (_, i) => `${i * 60},${i}`), `${(20 + 150) * 60},1`];
      const set = await loadMetricFile('ok.csv', { text: 'timestamp,value\n' + rows.join('\n') });
      assert.equal(set.metrics[0]?.values.length, 171);
    });

    it("grids beyond what is left of the file's budget are refused", () => {
      const raw = {
        name: 'cpu',
        times: Array.from({ length: 200 }, (_, i) => i * 1000),
        values: new Array<number>(200).fill(1),
      };
      assert.throws(
        () => regularize(raw, 'b.csv', [], 100),
        /^DataError: b\.csv: the metrics of this file need more grid steps together than the 20,000,000 a file may have \(metric "cpu" alone 200, with 100 left\)/,
      );
    });
  });

  describe('text encodings and line ends', () => {
    const expectTwo = async (name: string, text: string): Promise<void> => {
      const set = await loadMetricFile(name, { text });
      assert.deepEqual(
        set.metrics.map((m) => [m.name, [...m.values]]),
        [['cpu', [1, 2, 3]]],
      );
    };
    it('a BOM and CRLF', () => expectTwo('a.csv', '\uFEFFtimestamp,cpu\r\n0,1\r\n60,2\r\n120,3\r\n'));
    it('bare CR line ends', () => expectTwo('b.csv', 'timestamp,cpu\r0,1\r60,2\r120,3'));
    it('mixed line ends', () => expectTwo('c.csv', 'timestamp,cpu\r\n0,1\n60,2\r120,3\n'));
    it('a "#" inside a header or a value is not a comment', async () => {
      const set = await loadMetricFile('h.csv', { text: '# a comment\ntimestamp,cpu#1\n0,1\n60,2\n' });
      assert.deepEqual(
        set.metrics.map((m) => m.name),
        ['cpu#1'],
      );
    });
    it('a NUL byte in a value is shown escaped', async () => {
      await refused(
        () => loadMetricFile('nul.csv', { text: 'timestamp,value\n0,1\u0000\n' }),
        /^nul\.csv:2:2: "1\\u0000" is not a number$/,
      );
    });
    it('a NUL byte or a line break in a metric name', async () => {
      await refused(
        () => loadMetricFile('nul.csv', { text: 'timestamp,cp\u0000u\n0,1\n' }),
        /^nul\.csv:1:2: column 2: the metric name "cp\\u0000u" holds a control character$/,
      );
      await refused(
        () => loadMetricFile('lf.csv', { text: 'timestamp,metric,value\n0,"cp\nu",1\n' }),
        /^lf\.csv:3:2: the metric name "cp\\nu" holds a control character$/,
      );
    });
    it('a metric name longer than 200 characters', async () => {
      await refused(
        () => loadMetricFile('long.csv', { text: `timestamp,${'m'.repeat(201)}\n0,1\n` }),
        /^long\.csv:1:2: column 2: the metric name "m+…" is 201 characters long; at most 200$/,
      );
    });
    it('an empty column name in a wide header', async () => {
      await refused(
        () => loadMetricFile('e.csv', { text: 'timestamp,,cpu\n0,1,2\n' }),
        /^e\.csv:1:2: column 2: the metric name is empty$/,
      );
    });
    it('a message quotes at most 60 characters of a cell', async () => {
      const message = await refused(
        () => loadMetricFile('w.csv', { text: `timestamp,value\n0,${'x'.repeat(100_000)}\n` }),
        /^w\.csv:2:2: "x{60}…" is not a number$/,
      );
      assert.ok(message.length < 200);
    });
  });

  describe('JSON', () => {
    it('nesting a million levels deep is refused quickly, without recursion', async () => {
      const deep = '['.repeat(1e6) + ']'.repeat(1e6);
      await refused(
        () => loadMetricFile('deep.json', { text: `{"metrics":${deep}}` }),
        /^deep\.json: does not match the metrics JSON shape: metrics\.0/,
      );
      await refused(
        () => loadMetricFile('deep2.json', { text: `{"metrics":[{"name":"cpu","points":${deep}}]}` }),
        /^deep2\.json: does not match the metrics JSON shape/,
      );
      await refused(
        () => loadMetricFile('deep3.json', { text: `{"metrics":[], "x": ${deep}}` }),
        /^deep3\.json: does not match the metrics JSON shape/,
      );
    });

    it('a metric that appears twice', async () => {
      const text = JSON.stringify({
        metrics: [
          { name: 'cpu', points: [[0, 1]] },
          { name: 'cpu', points: [[60, 1]] },
        ],
      });
      await refused(
        () => loadMetricFile('twice.json', { text }),
        /^twice\.json: metrics\.1\.name: metric "cpu" appears twice \(also metrics\.0\)/,
      );
    });

    it('a BOM before the JSON is fine', async () => {
      const set = await loadMetricFile('bom.json', {
        text:
          '\uFEFF' +
          JSON.stringify({
            metrics: [
              {
                name: 'cpu',
                points: [
                  [0, 1],
                  [60, 2],
                ],
              },
            ],
          }),
      });
      assert.equal(set.metrics[0]?.values.length, 2);
    });

    it('a value of 1e308 names its point', async () => {
      const text = JSON.stringify({
        metrics: [
          {
            name: 'cpu',
            points: [
              [0, 1],
              [60, 1e308],
            ],
          },
        ],
      });
      await refused(
        () => loadMetricFile('v.json', { text }),
        /^v\.json: metrics\.0\.points\.1: "1e\+308" is too large/,
      );
    });

    it('an unknown key megabytes long makes a short message', async () => {
      const message = await refused(
        () => loadMetricFile('k.json', { text: JSON.stringify({ metrics: [], ['k'.repeat(MiB)]: 1 }) }),
        /^k\.json: does not match the metrics JSON shape/,
      );
      assert.ok(message.length < 1000, `${message.length} characters`);
    });
  });

  it('a header keeps the case of metric names, and finds its columns whatever their case', async () => {
    const wide = await loadMetricFile('w.csv', { text: 'TimeStamp,CPU_Load,mem\n0,1,2\n60,2,3\n' });
    assert.deepEqual(
      wide.metrics.map((m) => m.name),
      ['CPU_Load', 'mem'],
    );
    const long = await loadMetricFile('l.csv', { text: 'Time,Metric,Value,Unit\n0,CPU_Load,1,%\n60,CPU_Load,2,%\n' });
    assert.deepEqual(
      long.metrics.map((m) => [m.name, m.unit]),
      [['CPU_Load', '%']],
    );
    const both = await loadMetricFile('b.csv', { text: 'timestamp,CPU,cpu\n0,1,2\n60,2,3\n' });
    assert.deepEqual(
      both.metrics.map((m) => m.name),
      ['CPU', 'cpu'],
    );
  });

  it('a wide file keeps column order even when the first row has gaps', async () => {
    const set = await loadMetricFile('o.csv', { text: 'timestamp,a,b\n0,,1\n60,1,2\n120,2,3\n' });
    assert.deepEqual(
      set.metrics.map((m) => m.name),
      ['a', 'b'],
    );
  });

  it('a file of a hundred lines is read whole', async () => {
    const set = await loadMetricFile(file('ok.csv', 'timestamp,value\n' + hourlyRows(100)));
    assert.equal(set.metrics[0]?.values.length, 100);
  });
});
