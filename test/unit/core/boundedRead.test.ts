import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FileReadError, parseJsonText, readBoundedText } from '../../../src/core/boundedRead';
import { InputError } from '../../../src/core/base/inputError';

/** What readBoundedText throws, for the message and the class. */
function refusal(read: () => unknown): FileReadError {
  try {
    read();
  } catch (err) {
    assert.ok(err instanceof FileReadError, `a FileReadError, not ${String(err)}`);
    return err;
  }
  assert.fail('the read was not refused');
}

const linux = process.platform === 'linux';

describe('readBoundedText: a regular file as UTF-8, never more than its cap', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bottleneck-read-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const write = (name: string, content: string | Buffer): string => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, content);
    return file;
  };

  it('reads the whole file as UTF-8', () => {
    const file = write('plan.json', '{"name": "café ☕"}\n');
    assert.equal(readBoundedText(file, 1000, '--plan'), '{"name": "café ☕"}\n');
    assert.equal(readBoundedText(write('empty.json', ''), 1000, '--plan'), '');
  });

  it('reads a file of exactly the cap, and refuses one byte more without reading it', () => {
    assert.equal(readBoundedText(write('ten.txt', '0123456789'), 10, '--config'), '0123456789');
    const file = write('eleven.txt', '0123456789A');
    const err = refusal(() => readBoundedText(file, 10, '--config'));
    assert.equal(
      err.message,
      `--config ${file}: the file is 11 bytes, more than the 10 bytes (10 bytes) this file may be; it was not read`,
    );
  });

  it('states sizes and the cap as people read them, and says what the cap is for', () => {
    const file = write('big.json', Buffer.alloc(3000, 0x20));
    const err = refusal(() => readBoundedText(file, 2048, 'the answer in', "a provider's answer may be"));
    assert.equal(
      err.message,
      `the answer in ${file}: the file is 3,000 bytes, more than the 2,048 bytes (2 KiB) a provider's answer may be; it was not read`,
    );
  });

  it('is an InputError named FileReadError: one sentence for the person, no stack', () => {
    const err = refusal(() => readBoundedText(path.join(dir, 'missing.json'), 10, '--plan'));
    assert.ok(err instanceof InputError);
    assert.equal(err.name, 'FileReadError');
  });

  it('says which file could not be opened, and why, by its error code', () => {
    const file = path.join(dir, 'missing.json');
    assert.equal(refusal(() => readBoundedText(file, 10, '--plan')).message, `--plan ${file}: ENOENT`);
  });

  it('refuses a directory as not a regular file', () => {
    assert.equal(refusal(() => readBoundedText(dir, 10, '--plan')).message, `--plan ${dir}: not a regular file`);
  });

  it('refuses a FIFO at once instead of waiting for a writer', function () {
    if (!linux) this.skip();
    const fifo = path.join(dir, 'fifo');
    assert.equal(spawnSync('mkfifo', [fifo]).status, 0, 'mkfifo');
    assert.equal(refusal(() => readBoundedText(fifo, 10, '--plan')).message, `--plan ${fifo}: not a regular file`);
  });

  it('reads a file larger than its size claims (a /proc file says 0), up to the cap', function () {
    if (!linux) this.skip();
    const status = readBoundedText('/proc/self/status', 1_000_000, '--plan');
    assert.match(status, /^Name:\t/);
    assert.match(status, /\nPid:\t\d+\n/);
    assert.ok(status.endsWith('\n'), 'read to the end');
  });

  it('refuses a file that turns out larger than the cap while it is read', function () {
    if (!linux) this.skip();
    const err = refusal(() => readBoundedText('/proc/self/status', 100, '--plan'));
    assert.equal(
      err.message,
      '--plan /proc/self/status: the file is larger than that, more than the 100 bytes (100 bytes) this file may be; it was not read',
    );
  });

  it('says an error while reading by its code', function () {
    if (!linux) this.skip();
    // this process's own memory at address 0: it opens as a file, and reading fails
    assert.equal(refusal(() => readBoundedText('/proc/self/mem', 100, '--plan')).message, '--plan /proc/self/mem: EIO');
  });

  it('closes the file whether it was read or refused', function () {
    if (!linux) this.skip();
    const open = (): number => fs.readdirSync('/proc/self/fd').length;
    const file = write('small.txt', 'abc');
    const big = write('big.txt', 'abcdef');
    const before = open();
    for (let k = 0; k < 5; k++) {
      readBoundedText(file, 10, '--plan');
      refusal(() => readBoundedText(big, 3, '--plan'));
      refusal(() => readBoundedText(dir, 3, '--plan'));
    }
    assert.equal(open(), before);
  });
});

describe('parseJsonText: JSON from a file, a syntax error named by line and column', () => {
  it('returns the parsed value', () => {
    assert.deepEqual(parseJsonText('{"a": [1, 2]}', 'plan.json'), { a: [1, 2] });
  });

  it('names the line and the 1-based column of the first fault, and what it is', () => {
    assert.throws(
      () => parseJsonText('{"a" 1,\n "b": 2}', 'plan.json'),
      (err: unknown) =>
        err instanceof FileReadError &&
        err.message === 'plan.json:1:6: not valid JSON: expected ":" after a property name',
    );
    assert.throws(
      () => parseJsonText('{\n  "a": 1,\n  "b": x\n}\n', 'plan.json'),
      (err: unknown) =>
        err instanceof FileReadError &&
        err.message ===
          'plan.json:3:8: not valid JSON: expected a value (a number, a string in double quotes, true, false, null, an object or an array)',
    );
  });

  it('never quotes the text (a config file may hold secrets)', () => {
    assert.throws(
      () => parseJsonText('{"apiKey": sk-secret-123}', 'config.json'),
      (err: unknown) =>
        err instanceof Error && !err.message.includes('sk-secret') && err.message.startsWith('config.json:1:12:'),
    );
  });
});
