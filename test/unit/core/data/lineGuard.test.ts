import * as assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { DataError } from '../../../../src/core/base/dataError';
import { lineGuard } from '../../../../src/core/data/lineGuard';

/** Streams the chunks through a guard of `max` bytes a line: what came out, or the error's message. */
async function guard(chunks: readonly (string | Buffer)[], max: number): Promise<string> {
  const out: Buffer[] = [];
  try {
    for await (const piece of Readable.from(chunks, { objectMode: false }).pipe(lineGuard('m.csv', max)))
      out.push(Buffer.from(piece as Buffer));
  } catch (err) {
    assert.ok(err instanceof DataError, String(err));
    return err.message;
  }
  return Buffer.concat(out).toString('utf8');
}
const tooLong = (line: number, max = '4 bytes') =>
  `m.csv:${line}: a line longer than ${max}; lines are read up to that length`;

describe('lineGuard (a cap on the length of each line)', () => {
  it('passes lines of up to the cap through unchanged', async () => {
    assert.equal(await guard(['abcd\nef\n', 'ghij'], 4), 'abcd\nef\nghij');
    assert.equal(await guard([''], 4), '');
  });

  it('stops a line one byte over the cap, at its line number', async () => {
    assert.equal(await guard(['abcd\nabcde\n'], 4), tooLong(2));
    assert.equal(await guard(['abcde'], 4), tooLong(1), 'a last line without an end');
  });

  it('counts a line across chunks', async () => {
    assert.equal(await guard(['ab', 'cd', '\n'], 4), 'abcd\n');
    assert.equal(await guard(['ab', 'cd', 'e\n'], 4), tooLong(1));
    assert.equal(await guard(['ab', 'c\n', 'abcd', 'x'], 4), tooLong(2), 'a new line starts at zero');
  });

  it('counts bytes, not characters', async () => {
    assert.equal(await guard(['éé\n'], 4), 'éé\n');
    assert.equal(await guard(['ééa\n'], 4), tooLong(1));
  });

  it('ends a line at LF, CRLF or a bare CR, and numbers lines the same way', async () => {
    assert.equal(await guard(['a\r\nb\r\nc\r\nabcde'], 4), tooLong(4), 'CRLF is one line end');
    assert.equal(await guard(['a\rb\rc\rabcde'], 4), tooLong(4), 'bare CRs');
    assert.equal(await guard(['a\n\nabcde'], 4), tooLong(3), 'an empty line counts');
    assert.equal(await guard(['a\r', '\nb\r', '\nabcde'], 4), tooLong(3), 'a CRLF split across chunks is still one');
    assert.equal(await guard(['a\r', 'b\nabcde'], 4), tooLong(3), 'a CR at the end of a chunk, then another line');
    assert.equal(await guard(['a\n\r\nabcde'], 4), tooLong(3));
    assert.equal(await guard(['\rabcde'], 4), tooLong(2), 'a CR first in the stream');
    assert.equal(await guard(['\nabcde'], 4), tooLong(2), 'an LF first in the stream');
    assert.equal(await guard(['\rabcde\n'], 4), tooLong(2), 'a CR first in a chunk, an LF later in it');
  });

  it('joins a CR and an LF across chunks, and only those', async () => {
    assert.equal(await guard(['a\n', '\nabcde'], 4), tooLong(3), 'an LF, then an LF first in the next chunk: two ends');
    assert.equal(await guard(['a\r', '\rabcde'], 4), tooLong(3), 'a CR, then a CR: two ends');
    assert.equal(await guard(['a\r', 'b', '\nabcde'], 4), tooLong(3), 'a CR two chunks back is not pending');
  });

  it('keeps a CR pending across an empty write (a pipe never makes one; a caller may)', async () => {
    const guard = lineGuard('m.csv', 4);
    const failed = new Promise<unknown>((resolve) => guard.on('error', resolve));
    guard.resume();
    for (const chunk of ['a\r', '', '\nabcde']) guard.write(chunk);
    const err = await failed;
    assert.ok(err instanceof DataError, String(err));
    assert.equal(err.message, tooLong(2));
  });

  it('finds LF and CR ends in any order within a chunk', async () => {
    assert.equal(await guard(['ab\rcd\nef\rgh\nabcde'], 4), tooLong(5));
    assert.equal(await guard(['abcd\rabcd\nabcd\rabcd'], 4), 'abcd\rabcd\nabcd\rabcd');
  });

  it('takes strings and buffers', async () => {
    assert.equal(await guard([Buffer.from('ab\n'), 'cd'], 4), 'ab\ncd');
  });

  it('names the cap in bytes, KiB or MiB', async () => {
    assert.equal(await guard(['x'.repeat(1025)], 1024), tooLong(1, '1 KiB'));
  });
});
