import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { DataError } from '../../../../src/core/base/dataError';
import { checkTextSize, openBounded, readBounded } from '../../../../src/core/data/readBounded';
import { germanL10n } from '../../../support/germanL10n';

/** The DataError's message a promise rejects with. */
async function refusal(promise: Promise<unknown>): Promise<string> {
  return promise.then(
    () => assert.fail('accepted'),
    (err: unknown) => {
      assert.ok(err instanceof DataError, String(err));
      return err.message;
    },
  );
}

describe('reading a metric file within a cap', () => {
  let dir: string;
  const file = (name: string, content: string | Buffer): string => {
    const f = path.join(dir, name);
    fs.writeFileSync(f, content);
    return f;
  };
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bottleneck-bounded-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reads a file of up to the cap whole, as UTF-8', async () => {
    const f = file('m.csv', 'time,cpu\n0,é\n');
    assert.equal(await readBounded(f, 14, 'CSV'), 'time,cpu\n0,é\n');
    assert.equal(await readBounded(file('empty.csv', ''), 10, 'CSV'), '');
  });

  it('reads a file larger than one read (64 KiB) whole', async () => {
    const text = 'x'.repeat(64 * 1024) + 'tail';
    assert.equal(await readBounded(file('big.csv', text), 1024 * 1024, 'CSV'), text);
    const chunks: Buffer[] = [];
    for await (const chunk of await openBounded(path.join(dir, 'big.csv'), 1024 * 1024, 'CSV'))
      chunks.push(chunk as Buffer);
    assert.equal(Buffer.concat(chunks).toString('utf8'), text, 'the stream too');
    assert.deepEqual(
      chunks.map((c) => c.length),
      [64 * 1024, 4],
    );
  });

  it('refuses a file one byte over the cap by its size, naming both', async () => {
    const f = file('m.csv', 'x'.repeat(11));
    assert.equal(
      await refusal(readBounded(f, 10, 'CSV')),
      `${f}: is 11 bytes, more than the 10 bytes a CSV metrics file may have; split it, or keep only the recent history`,
    );
    assert.equal(
      await refusal(openBounded(f, 10, 'JSON')),
      `${f}: is 11 bytes, more than the 10 bytes a JSON metrics file may have; split it, or keep only the recent history`,
    );
  });

  it('a capacity plan over its cap is not told to trim its history', async () => {
    const f = file('plan.yaml', 'x'.repeat(2048));
    assert.equal(
      await refusal(readBounded(f, 1024, 'plan')),
      `${f}: is 2 KiB, more than the 1 KiB a capacity plan may have`,
    );
  });

  it('says what is wrong with a path that is not a readable file', async () => {
    const missing = path.join(dir, 'missing.csv');
    assert.equal(await refusal(readBounded(missing, 10, 'CSV')), `${missing}: no such file`);
    const through = path.join(file('plain', 'x'), 'm.csv');
    assert.equal(
      await refusal(readBounded(through, 10, 'CSV')),
      `${through}: no such file (a part of the path is not a directory)`,
    );
    assert.equal(await refusal(readBounded(dir, 10, 'CSV')), `${dir}: is a directory, not a metrics file`);
    const loop = path.join(dir, 'loop.csv');
    fs.symlinkSync(loop, loop);
    assert.equal(await refusal(readBounded(loop, 10, 'CSV')), `${loop}: is a loop of symbolic links`);
    const long = path.join(dir, 'n'.repeat(300));
    assert.equal(await refusal(readBounded(long, 10, 'CSV')), `${long}: cannot be opened (ENAMETOOLONG)`);
  });

  it('refuses a FIFO without waiting for a writer', async function () {
    const fifo = path.join(dir, 'pipe.csv');
    if (spawnSync('mkfifo', [fifo]).status !== 0) this.skip();
    assert.equal(
      await refusal(readBounded(fifo, 10, 'CSV')),
      `${fifo}: is not a regular file (a device, pipe or socket); metrics are read from regular files only`,
    );
  });

  it('says UTF-16 text is UTF-16, either byte order, and reads a file starting with one such byte', async () => {
    for (const bom of [
      [0xff, 0xfe],
      [0xfe, 0xff],
    ]) {
      const f = file('utf16.csv', Buffer.from([...bom, 0x41, 0x00]));
      assert.equal(await refusal(readBounded(f, 100, 'CSV')), `${f}:1:1: is UTF-16 text; save it as UTF-8`);
    }
    assert.equal(await readBounded(file('a.csv', Buffer.from([0xff])), 100, 'CSV'), '\ufffd', 'one byte is no mark');
    assert.equal((await readBounded(file('b.csv', Buffer.from([0xff, 0x41])), 100, 'CSV')).length, 2);
    assert.equal((await readBounded(file('c.csv', Buffer.from([0x41, 0xfe, 0xff])), 100, 'CSV')).length, 3);
    assert.equal((await readBounded(file('d.csv', Buffer.from([0xfe, 0xfe])), 100, 'CSV')).length, 2);
  });

  it('holds text in memory to the same cap, counted in UTF-8 bytes', () => {
    assert.doesNotThrow(() => checkTextSize('buffer.csv', 'x'.repeat(10), 10, 'CSV'));
    assert.throws(
      () => checkTextSize('buffer.csv', 'x'.repeat(11), 10, 'CSV'),
      (err: unknown) =>
        err instanceof DataError &&
        err.message ===
          'buffer.csv: is larger than the 10 bytes a CSV metrics file may have; split it, or keep only the recent history',
    );
    assert.doesNotThrow(() => checkTextSize('buffer.csv', 'é'.repeat(5), 10, 'CSV'), 'ten bytes');
    assert.throws(() => checkTextSize('buffer.csv', 'é'.repeat(6), 10, 'CSV'), /is larger than the 10 bytes/);
    assert.throws(
      () => checkTextSize('buffer.csv', '€'.repeat(4), 10, 'CSV'),
      /is larger than/,
      'four characters, twelve bytes',
    );
  });

  it('says why it refused in the language of the translator the host gives the error', async () => {
    const de = germanL10n();
    const big = file('big.csv', 'x'.repeat(2048));
    const refused = await readBounded(big, 1024, 'CSV').then(
      () => assert.fail('read a file over the cap'),
      (err: unknown) => err,
    );
    assert.ok(refused instanceof DataError);
    assert.equal(
      refused.detail,
      'is 2 KiB, more than the 1 KiB a CSV metrics file may have; split it, or keep only the recent history',
    );
    assert.equal(
      refused.detailIn(de),
      'ist 2 KiB groß, mehr als die 1 KiB, die eine CSV-Metrikdatei haben darf; teilen Sie sie auf oder behalten Sie nur den jüngsten Verlauf',
    );
    assert.equal(refused.messageIn(de), `${big}: ${refused.detailIn(de)}`);
    const dir = await readBounded(path.dirname(big), 1024, 'CSV').catch((err: unknown) => err);
    assert.ok(dir instanceof DataError);
    assert.equal(dir.detailIn(de), 'ist ein Verzeichnis, keine Metrikdatei');
  });
});
