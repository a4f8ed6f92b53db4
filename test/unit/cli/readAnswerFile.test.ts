import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readAnswerFile } from '../../../src/cli/readAnswerFile';
import { normalizeCommand } from '../../../src/cli/normalizeCommand';
import { UsageError } from '../../../src/cli/usageError';
import { MAX_ANSWER_CHARS } from '../../../src/core/normalize/normalize';
import { SAMPLE, compiled } from '../../support/paths';

describe('bottleneck normalize --input: a bounded read', function () {
  // a bound on the work, with room for a busy machine: an unbounded read of 64 MiB would take far longer
  this.timeout(60_000);
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bottleneck-answer-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reads a regular file up to the limit', () => {
    const file = path.join(dir, 'answer.txt');
    const text = 'Sure! ```json\n{"cpu": [1, 2]}\n``` — “done”';
    fs.writeFileSync(file, text);
    assert.equal(readAnswerFile(file), text);
    fs.writeFileSync(file, 'x'.repeat(MAX_ANSWER_CHARS));
    assert.equal(readAnswerFile(file).length, MAX_ANSWER_CHARS);
  });

  it('refuses a file over the limit without reading it', () => {
    const file = path.join(dir, 'huge.txt');
    fs.writeFileSync(file, '');
    fs.truncateSync(file, 5 * 1024 * 1024 * 1024); // a sparse 5 GiB file: reading it would not finish in time
    assert.throws(
      () => readAnswerFile(file),
      (e: unknown) =>
        e instanceof UsageError &&
        /the file is 5,368,709,120 bytes, more than the 4,194,304 bytes \(4 MiB\) a provider's answer may be; it was not read/.test(
          e.message,
        ),
    );
    fs.truncateSync(file, MAX_ANSWER_CHARS + 1);
    assert.throws(() => readAnswerFile(file), /4,194,305 bytes/);
  });

  it('refuses what is not a regular file, without waiting on it', function () {
    assert.throws(() => readAnswerFile(dir), /not a regular file|EISDIR/);
    if (process.platform === 'win32') this.skip();
    const fifo = path.join(dir, 'fifo');
    execFileSync('mkfifo', [fifo]);
    // in a child process with a deadline: reading a FIFO with no writer, or /dev/zero, would never end
    // (the deadline only stops a hang; a busy machine can take seconds to start Node)
    const reader = compiled('cli', 'readAnswerFile.js');
    for (const file of [fifo, '/dev/zero']) {
      const script = `try { require(${JSON.stringify(reader)}).readAnswerFile(${JSON.stringify(file)}); console.log('read'); } catch (e) { console.log(e.message); }`;
      const out = execFileSync(process.execPath, ['-e', script], { timeout: 20_000, encoding: 'utf8' });
      assert.equal(out.trim(), `--input ${file}: not a regular file`);
    }
  });

  it('a missing file is a usage error naming it', () => {
    assert.throws(
      () => readAnswerFile(path.join(dir, 'nope.txt')),
      (e: unknown) => e instanceof UsageError && e.message.startsWith(`--input ${path.join(dir, 'nope.txt')}: ENOENT`),
    );
  });

  it('bottleneck normalize refuses an oversized answer file before normalizing', async () => {
    const file = path.join(dir, 'huge.txt');
    fs.writeFileSync(file, '');
    fs.truncateSync(file, 64 * 1024 * 1024);
    const flags = {
      provider: 'groq',
      model: undefined,
      input: file,
      history: SAMPLE,
      horizon: '6h',
      level: undefined,
      capacity: [],
    };
    await assert.rejects(
      normalizeCommand(
        flags,
        () => undefined,
        () => undefined,
      ),
      /more than the 4,194,304 bytes \(4 MiB\)/,
    );
  });
});
