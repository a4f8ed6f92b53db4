import * as assert from 'node:assert/strict';
import { runCli } from '../../support/cli';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SAMPLE, compiled } from '../../support/paths';

const CLI = compiled('cli', 'main.js');

const run = runCli;

describe('where the CLI writes', function () {
  this.timeout(60_000);
  let dir: string;
  let state: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bottleneck-out-'));
    state = path.join(dir, 'state.json');
  });
  after(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('never overwrites an input or the state file, through a link either', async () => {
    const input = path.join(dir, 'metrics.csv');
    fs.copyFileSync(SAMPLE, input);
    const link = path.join(dir, 'link.txt');
    fs.symlinkSync(input, link);
    for (const [flag, target, what] of [
      ['--output', input, 'an input'],
      ['--html', input, 'an input'],
      ['--output', link, 'an input'],
      ['--output', state, 'the state file'],
    ] as const) {
      const r = await run('forecast', input, '--horizon', '2h', flag, target, '--state', state);
      assert.equal(r.code, 2, `${flag} ${target}`);
      assert.match(r.err, new RegExp(`${flag} .* is ${what}`));
    }
    assert.equal(fs.readFileSync(input, 'utf8'), fs.readFileSync(SAMPLE, 'utf8'), 'the input is intact');
  });

  it('refuses a named pipe as --output or --html at once (one with no reader would wait forever)', async function () {
    if (process.platform === 'win32') this.skip();
    const fifo = path.join(dir, 'pipe');
    execFileSync('mkfifo', [fifo]);
    for (const flag of ['--output', '--html']) {
      const r = await run('forecast', SAMPLE, '--horizon', '2h', flag, fifo, '--state', state);
      assert.equal(r.code, 2);
      assert.match(r.err, /not a regular file \(a named pipe\)/);
    }
  });

  it('a flag without its value is one sentence naming the flag', async () => {
    for (const args of [['--level'], ['--level', '--format', 'json'], ['--horizon', '-1']]) {
      const r = await run('forecast', SAMPLE, '--state', state, ...args);
      assert.equal(r.code, 2, args.join(' '));
      assert.equal(r.err.split('\n').length, 1, r.err);
      assert.match(r.err, /^bottleneck: --(level|horizon) needs a value/);
    }
  });

  it('stdout on a full disk is exit 2 with one sentence; a reader that goes away is not an error', function () {
    if (!fs.existsSync('/dev/full')) this.skip();
    const full = fs.openSync('/dev/full', 'w');
    try {
      const r = spawnSync(
        process.execPath,
        [CLI, 'forecast', SAMPLE, '--horizon', '2h', '--format', 'json', '--state', state],
        { stdio: ['ignore', full, 'pipe'], encoding: 'utf8', timeout: 30_000 },
      );
      assert.equal(r.status, 2, r.stderr);
      assert.match(r.stderr, /the output could not be written \(the disk is full\)/);
    } finally {
      fs.closeSync(full);
    }
    const head = spawnSync(
      'sh',
      [
        '-c',
        `"${process.execPath}" "${CLI}" forecast "${SAMPLE}" --horizon 2h --state "${state}" | head -1 >/dev/null`,
      ],
      { encoding: 'utf8' },
    );
    assert.equal(head.stderr, '', 'no error when the reader stops early');
  });
});
