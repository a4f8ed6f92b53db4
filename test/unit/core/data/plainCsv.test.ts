import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from 'csv-parse/sync';
import { CSV_OPTIONS, loadCsv, readCsv } from '../../../../src/core/data/loadCsv';
import { eachPlainRecord } from '../../../../src/core/data/plainCsv';
import { seededRandom } from '../../../../src/core/random';
import { SAMPLE } from '../../../support/paths';

type Records = [string[], number][];

/** What the CSV parser, with loadCsv's options, reads from the text: records and lines, or its error code. */
function parsed(text: string): Records | { error: string } {
  try {
    const rows = parse(text, { ...CSV_OPTIONS }) as unknown as { record: string[]; info: { lines: number } }[];
    return rows.map((r) => [r.record, r.info.lines]);
  } catch (err) {
    return { error: (err as { code?: string }).code ?? String(err) };
  }
}

/** What eachPlainRecord gives, or 'not plain'. */
function split(text: string): Records | 'not plain' {
  const out: Records = [];
  return eachPlainRecord(text, (cells, line) => out.push([cells, line])) ? out : 'not plain';
}

/** A CSV text built from pieces that are plain, and pieces each of which makes a text not plain. */
function generated(random: () => number): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
  const plainCells = [
    '1',
    '2.5',
    '-3e2',
    '',
    'cpu',
    'disk free',
    'x#y',
    'é',
    '😀',
    '2026-01-01T00:00:00Z',
    '\u00a0x\u00a0y',
  ];
  const oddCells = [' 1', '1 ', '\t2', '2\u00a0', '\u3000', '"q"', 'a"b', '\ufeffz', '\ufffd', '\ud800', '#c', ' '];
  const columns = 1 + Math.floor(random() * 4);
  const odd = random() < 0.4;
  const lines: string[] = [];
  const count = Math.floor(random() * 8);
  for (let l = 0; l < count; l++) {
    const r = random();
    if (r < 0.1) lines.push('');
    else if (odd && r < 0.15) lines.push('# a comment');
    else {
      const n = odd && random() < 0.1 ? columns + (random() < 0.5 ? -1 : 1) : columns;
      lines.push(
        Array.from({ length: Math.max(1, n) }, () => (odd && random() < 0.15 ? pick(oddCells) : pick(plainCells))).join(
          ',',
        ),
      );
    }
  }
  const eol = odd && random() < 0.2 ? pick(['\r\n', '\r']) : '\n';
  const bom = random() < 0.1 ? '\ufeff' : '';
  const end = random() < 0.5 ? eol : '';
  return bom + lines.join(eol) + end;
}

describe('eachPlainRecord (a CSV split by lines when the parser would read it so)', () => {
  it('gives exactly the records and lines the parser gives, or declines; on 5,000 generated texts', () => {
    const random = seededRandom(20261129);
    let plain = 0;
    let declined = 0;
    for (let i = 0; i < 5000; i++) {
      const text = generated(random);
      const mine = split(text);
      if (mine === 'not plain') {
        declined++;
        continue;
      }
      plain++;
      assert.equal(JSON.stringify(mine), JSON.stringify(parsed(text)), JSON.stringify(text));
    }
    // both ways taken often: the comparison is not empty, and odd texts are declined
    assert.ok(plain > 1500, `${plain} plain`);
    assert.ok(declined > 1000, `${declined} declined`);
  });

  it('declines each thing the parser reads its own way, and the texts the parser refuses', () => {
    for (const text of [
      'a,b\n"1",2\n', // quotes
      'a,b\r\n1,2\r\n', // CRLF
      'a,b\r1,2\r', // a bare CR
      'a,b\n# note\n1,2\n', // a comment line
      '#a,b\n1,2\n',
      'a,b\n 1,2\n', // a blank the parser trims
      'a,b\n1,2 \n',
      'a,b\n1,\t2\n',
      'a,b\n1,2\u00a0\n',
      'a,b\n1,2\n\ufeff', // a second byte-order mark, after the first line
      'a,b\n1,\ufffd\n', // bytes that were not UTF-8
      'a,b\n1,\ud800\n', // a lone surrogate
      'a,b\n1,2,3\n', // a record of another length: the parser's error
      'a,b\n1\n',
      `a,b\n1,${'9'.repeat(400_000)}\n`, // a line near the record size
      `v\n${'1\n'.repeat(100_000)}1,2\n`, // a comma after many lines without one
    ]) {
      assert.equal(split(text), 'not plain', JSON.stringify(text.slice(0, 40)));
    }
  });

  it('takes what the parser reads plainly: a byte-order mark, empty lines, a # inside a line, no last newline', () => {
    assert.deepEqual(split('\ufeffa,b\n\n1,x#y\n\n\n2,\n'), [
      [['a', 'b'], 1],
      [['1', 'x#y'], 3],
      [['2', ''], 6],
    ]);
    assert.deepEqual(split('t,v\n0,1'), [
      [['t', 'v'], 1],
      [['0', '1'], 2],
    ]);
    assert.deepEqual(split(''), []);
    // one column: every line is plain, and the check stays linear
    assert.equal((split(`v\n${'1\n'.repeat(200_000)}`) as Records).length, 200_001);
  });
});

describe('loadCsv: the split lines and the parser load a file alike', function () {
  this.timeout(60_000);

  it('the bundled sample, split and parsed (a comment at its end sends it to the parser): the same series', async () => {
    const text = fs.readFileSync(SAMPLE, 'utf8');
    assert.equal(
      eachPlainRecord(text, () => undefined),
      true,
      'the sample is plain',
    );
    const split = await loadCsv('s.csv', text);
    const viaParser = await loadCsv('s.csv', `${text}# the end\n`);
    assert.equal(split.length, viaParser.length);
    for (let m = 0; m < split.length; m++) {
      const a = split[m];
      const b = viaParser[m];
      assert.ok(a && b);
      assert.deepEqual([a.name, a.unit, a.capacity, a.breach], [b.name, b.unit, b.capacity, b.breach]);
      const bits = (xs: ArrayLike<number>): Buffer => Buffer.from(Float64Array.from(xs).buffer);
      assert.equal(Buffer.compare(bits(a.times), bits(b.times)), 0, 'times');
      assert.equal(Buffer.compare(bits(a.values), bits(b.values)), 0, 'values');
      const last = a.times.length - 1;
      const places = (s: typeof a): unknown[] => [s.place?.(0), s.place?.(last)];
      assert.deepEqual(places(a), places(b), 'lines');
      assert.ok(places(a)[1], 'a place for each value');
    }
  });

  it('the same error at the same line either way', async () => {
    const bad = 'timestamp,metric,value\n0,cpu,1\n60,cpu,x\n';
    const message = (text: string): Promise<string> =>
      loadCsv('b.csv', text).then(
        () => assert.fail('accepted'),
        (err: Error) => err.message,
      );
    const split = await message(bad);
    assert.match(split, /^b\.csv:3:3: /);
    assert.equal(await message(`${bad}# the end\n`), split);
  });

  it('through the parser too, the first problem by line is the one reported, for a text and a file alike', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bf-first-'));
    try {
      for (const [text, first] of [
        // a value, then a row of another length further on
        ['timestamp,value\n2026-01-01T00:00Z,x\n1,2,3\n', /:2:2: "x" is not a number$/],
        // the header, then a row of another length
        ['a,b\n1,2,3\n', /:1:1: no time column in the header/],
        ['time,time,a\n1,2\n', /:1:2: column "time" appears twice in the header$/],
        // the parser's own problem when it comes first
        ['timestamp,value\n1,2,3\n60,x\n', /:2: this row has 3 values, the header 2/],
      ] as const) {
        assert.equal(
          eachPlainRecord(text, () => undefined),
          false,
          'read by the parser',
        );
        const file = path.join(dir, 'f.csv');
        fs.writeFileSync(file, text);
        for (const load of [() => loadCsv('f.csv', text), () => loadCsv(file)]) {
          const message = await load().then(
            () => 'accepted',
            (err: Error) => err.message,
          );
          assert.match(message, first, JSON.stringify(text));
        }
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a stream of a file past the limit that is stopped early closes the file', async function () {
    if (!fs.existsSync('/proc/self/fd')) this.skip(); // counts open descriptors where the system shows them
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bf-close-'));
    try {
      const file = path.join(dir, 'm.csv');
      fs.writeFileSync(file, `t,v\n${'1,2\n'.repeat(100_000)}`);
      const open = (): number => fs.readdirSync('/proc/self/fd').length;
      const before = open();
      const read = await readCsv(file, 100_000);
      assert.ok('stream' in read);
      for await (const chunk of read.stream) {
        assert.ok((chunk as Buffer).length > 0);
        break; // stops it: the consumer destroys the stream
      }
      await new Promise((r) => setTimeout(r, 50));
      assert.equal(open(), before, 'the file is closed');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads a file whole up to the limit, and past it streams every byte, those read first included', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bf-plain-'));
    try {
      const file = path.join(dir, 'm.csv');
      const bytes = Buffer.from(`t,v\n${Array.from({ length: 30_000 }, (_, i) => `${i * 60},${i % 97}`).join('\n')}\n`);
      fs.writeFileSync(file, bytes);
      const whole = await readCsv(file, bytes.length);
      assert.ok('chunks' in whole);
      assert.equal(Buffer.compare(Buffer.concat(whole.chunks), bytes), 0);
      const streamed = await readCsv(file, 100_000);
      assert.ok('stream' in streamed);
      const got: Buffer[] = [];
      for await (const chunk of streamed.stream) got.push(chunk as Buffer);
      assert.equal(Buffer.compare(Buffer.concat(got), bytes), 0);
      assert.ok(got.length > 2, 'in chunks');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the CSV parser is loaded only for a file that is not plain', function () {
  this.timeout(60_000);

  it('loading the plain sample leaves it unloaded; a quoted file loads it (in a fresh process)', () => {
    const loader = path.join(__dirname, '..', '..', '..', '..', 'src', 'core', 'data', 'loadCsv.js');
    const script = `
      const { loadCsv } = require(${JSON.stringify(loader)});
      const parserLoaded = () => Object.keys(require.cache).some((k) => k.includes('/csv-parse/'));
      (async () => {
        await loadCsv(${JSON.stringify(SAMPLE)});
        const afterPlain = parserLoaded();
        await loadCsv('q.csv', '"timestamp",v\\n0,1\\n60,2\\n');
        console.log(JSON.stringify([afterPlain, parserLoaded()]));
      })();`;
    const out = execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    assert.deepEqual(JSON.parse(out), [false, true]);
  });
});
