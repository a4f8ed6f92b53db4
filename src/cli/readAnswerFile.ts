import * as fs from 'node:fs';
import { MAX_ANSWER_CHARS } from '../core/normalize/answerLimits';
import { UsageError } from './exitCodes';

/**
 * A provider's raw answer from a file, for `bottleneck normalize --input`. Only a regular
 * file is read (a FIFO or a device such as /dev/zero is refused without waiting on it),
 * and at most MAX_ANSWER_CHARS bytes: a larger file is refused unread, as the normalizer
 * refuses a longer answer. Under that many bytes, the text is under that many characters.
 */
export function readAnswerFile(file: string): string {
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO does not wait for a writer (no effect on a regular file)
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  } catch (e) {
    throw new UsageError(`--input ${file}: ${(e as Error).message}`);
  }
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) throw new UsageError(`--input ${file}: not a regular file`);
    const tooLarge = (size: string): UsageError => new UsageError(`--input ${file}: the file is ${size}, more than the ${MAX_ANSWER_CHARS.toLocaleString('en')} bytes (4 MiB) a provider's answer may be; it was not read`);
    if (stat.size > MAX_ANSWER_CHARS) throw tooLarge(`${stat.size.toLocaleString('en')} bytes`);
    // up to one byte more than the limit: the file may have grown since fstat
    let buffer = Buffer.alloc(Math.min(stat.size, MAX_ANSWER_CHARS) + 1);
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        if (length > MAX_ANSWER_CHARS) throw tooLarge('larger than that');
        const bigger = Buffer.alloc(Math.min(2 * buffer.length, MAX_ANSWER_CHARS + 1));
        buffer.copy(bigger, 0, 0, length);
        buffer = bigger;
      }
      const read = fs.readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
    }
    return buffer.toString('utf8', 0, length);
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`--input ${file}: ${(e as Error).message}`);
  } finally {
    fs.closeSync(fd);
  }
}
