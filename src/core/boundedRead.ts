import * as fs from 'node:fs';
import { jsonSyntaxError } from './jsonSyntax';
import { formatBytes } from './format';
import { InputError } from './base/inputError';

/** A file that cannot be read as asked: not a regular file, too large, unreadable. One sentence, no stack. */
export class FileReadError extends InputError {
  override readonly name = 'FileReadError';
}

/**
 * Reads a regular file (a link is followed) as UTF-8, refusing anything else (a directory,
 * a device, a FIFO: opened non-blocking, so nothing waits for a writer, and an endless
 * stream is never read) and anything over `cap` bytes: at most cap + 1 bytes are ever
 * read, whatever the file claims. Messages start with `what` and the file (`--config f: …`);
 * `purpose` says what the cap is for ("a provider's answer may be").
 */
export function readBoundedText(file: string, cap: number, what: string, purpose = 'this file may be'): string {
  const fail = (detail: string): FileReadError => new FileReadError(`${what} ${file}: ${detail}`);
  const tooLarge = (size: string): FileReadError =>
    fail(
      `the file is ${size}, more than the ${cap.toLocaleString('en')} bytes (${formatBytes(cap)}) ${purpose}; it was not read`,
    );
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  } catch (err) {
    throw fail((err as NodeJS.ErrnoException).code ?? (err as Error).message);
  }
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) throw fail('not a regular file');
    if (stat.size > cap) throw tooLarge(`${stat.size.toLocaleString('en')} bytes`);
    // fstat's size is a first guess, not a bound: the file may have grown since, and some
    // (/proc) say 0. The buffer doubles as it fills, up to one byte more than the cap.
    // Stryker disable next-line MethodExpression: a larger first buffer only costs memory; the read stops at the end of the file either way
    let buffer = Buffer.alloc(Math.min(stat.size, cap) + 1);
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        if (length > cap) throw tooLarge('larger than that');
        buffer = Buffer.concat([buffer], Math.min(2 * length, cap + 1));
      }
      const n = fs.readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
    }
    return buffer.toString('utf8', 0, length);
  } catch (err) {
    if (err instanceof FileReadError) throw err;
    throw fail((err as NodeJS.ErrnoException).code ?? (err as Error).message);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Parses JSON text from a file; a syntax error names the line and column and never
 * quotes the file's content (a config file may hold secrets).
 */
export function parseJsonText(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    const found = jsonSyntaxError(text);
    if (!found) throw new FileReadError(`${file}: not valid JSON`);
    const before = text.slice(0, found.offset);
    const line = before.split('\n').length;
    const column = found.offset - before.lastIndexOf('\n');
    throw new FileReadError(`${file}:${line}:${column}: not valid JSON: ${found.problem}`);
  }
}
