import * as assert from 'node:assert/strict';
import { runCli } from '../../support/cli';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { csvCell, terminalSafe } from '../../../src/core/safeText';

const ESC = '\u001b';

const run = runCli;

/** A long-format CSV of `rows` 5-minute points for each named metric. */
function csvWith(names: readonly string[], rows = 600): string {
  const lines = ['timestamp,metric,value,unit,capacity'];
  for (let i = 0; i < rows; i++) {
    const t = new Date(Date.UTC(2026, 0, 1) + i * 300_000).toISOString();
    for (const name of names)
      lines.push(`${t},"${name.replace(/"/g, '""')}",${(50 + 10 * Math.sin(i / 20) + i * 0.05).toFixed(2)},%,90`);
  }
  return lines.join('\n') + '\n';
}

describe('text from data is made safe for terminals and spreadsheets', () => {
  it('terminalSafe shows every escape sequence, CR, C1 control and bidi override as a visible \\u escape', () => {
    const hostile = `cpu${ESC}]0;owned\u0007${ESC}[2J\rok\u009b31m\u202eevil\tand\nnext`;
    const safe = terminalSafe(hostile);
    assert.equal(safe, 'cpu\\u001b]0;owned\\u0007\\u001b[2J\\u000dok\\u009b31m\\u202eevil\tand\nnext');
    // eslint-disable-next-line no-control-regex -- the characters that must not survive
    assert.doesNotMatch(safe, /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    const json = JSON.stringify({ name: 'a\u009bb\u202ec' });
    assert.deepEqual(
      JSON.parse(terminalSafe(json)),
      { name: 'a\u009bb\u202ec' },
      'JSON stays valid and means the same',
    );
  });

  it('csvCell neutralizes formulas and quotes CR and LF; plain text is unchanged', () => {
    assert.equal(csvCell('=HYPERLINK("http://x")'), '"\'=HYPERLINK(""http://x"")"');
    assert.equal(csvCell('+1'), "'+1");
    assert.equal(csvCell('-2+3'), "'-2+3");
    assert.equal(csvCell('@SUM(A1)'), "'@SUM(A1)");
    assert.equal(csvCell('\tcmd'), "'\tcmd");
    assert.equal(csvCell('\rcmd'), '"\'\rcmd"');
    assert.equal(csvCell('a\rb'), '"a\rb"');
    assert.equal(csvCell('a\nb'), '"a\nb"');
    assert.equal(csvCell('cpu_utilization'), 'cpu_utilization');
  });

  describe('through the CLI', function () {
    this.timeout(60_000);
    let dir: string;
    before(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bottleneck-safe-'));
    });
    after(() => {
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('names with escape sequences never reach the terminal raw, whether the file is accepted or refused', async () => {
      const file = path.join(dir, 'escapes.csv');
      fs.writeFileSync(file, csvWith([`cpu${ESC}[31m${ESC}]8;;http://evil${ESC}\\`, 'mem\u009b2J']));
      const r = await run('forecast', file, '--horizon', '2h', '--state', path.join(dir, 's1.json'));
      assert.ok([0, 2].includes(r.code), r.err);
      assert.ok(!r.out.includes(ESC) && !r.err.includes(ESC) && !r.out.includes('\u009b') && !r.err.includes('\u009b'));
    });

    it('--format csv neutralizes a metric named like a formula', async () => {
      const file = path.join(dir, 'formula.csv');
      fs.writeFileSync(file, csvWith(["=cmd|' /C calc'!A0", 'cpu']));
      const r = await run('forecast', file, '--horizon', '2h', '--format', 'csv', '--state', path.join(dir, 's2.json'));
      assert.equal(r.code, 0, r.err);
      const rows = r.out.split('\n').slice(1);
      assert.ok(
        rows.some((row) => row.includes(",\"'=cmd|'' /C calc''!A0\",") || row.includes(",'=cmd|' /C calc'!A0,")),
        rows[0],
      );
      assert.ok(
        rows.every((row) => !/(^|,)=/.test(row)),
        'no cell starts with =',
      );
    });

    it('--output into a missing folder is bad input with the flag named, not an internal error', async () => {
      const file = path.join(dir, 'ok.csv');
      fs.writeFileSync(file, csvWith(['cpu']));
      const r = await run(
        'forecast',
        file,
        '--horizon',
        '2h',
        '--output',
        path.join(dir, 'no', 'such', 'dir', 'out.txt'),
        '--state',
        path.join(dir, 's3.json'),
      );
      assert.equal(r.code, 2);
      assert.match(r.err, /--output .*out\.txt: its folder does not exist/);
      assert.doesNotMatch(r.err, /\n\s+at /);
    });

    it('--level outside 0.5–0.999 is refused, naming the flag', async () => {
      const file = path.join(dir, 'ok.csv');
      for (const level of ['0.9999999', '1', '0.4', 'NaN', '0.95abc']) {
        const r = await run('forecast', file, '--level', level, '--state', path.join(dir, 's4.json'));
        assert.equal(r.code, 2, level);
        assert.match(r.err, /--level must be between 0\.5 and 0\.999/);
      }
    });
  });
});
