import { Transform, type TransformCallback } from 'node:stream';
import { DataError } from '../base/dataError';
import { formatBytes } from '../format';

const LF = 0x0a;
const CR = 0x0d;

/**
 * Passes text through unchanged, stopping it with a DataError (at its line) when a line
 * (ended by LF, CRLF or a bare CR) is longer than `maxLength` bytes. The CSV parser caps a
 * record by the characters of its values, which a line of millions of empty cells
 * (`,,,,`) never reaches while it builds an array of millions of strings; this caps the
 * line itself. Searching for line ends with indexOf keeps it to a native scan per line.
 */
export function lineGuard(file: string, maxLength: number): Transform {
  let run = 0;
  let line = 1;
  let pendingCr = false;
  return new Transform({
    // the writable side turns written strings into Buffers (decodeStrings), so a chunk is always bytes
    transform(bytes: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
      let from = 0;
      let nextLf = bytes.indexOf(LF, 0);
      let nextCr = bytes.indexOf(CR, 0);
      // Stryker disable next-line EqualityOperator: at from === length no line end is left, so one more pass adds 0 bytes and stops
      while (from < bytes.length) {
        const end = nextLf < 0 ? nextCr : nextCr < 0 ? nextLf : Math.min(nextLf, nextCr);
        if (end < 0) {
          run += bytes.length - from;
          if (run > maxLength) return done(tooLong(file, line, maxLength));
          break;
        }
        run += end - from;
        if (run > maxLength) return done(tooLong(file, line, maxLength));
        // a CR right before an LF (here or at the end of the last chunk) ends one line, not two
        const afterCr = end > 0 ? bytes[end - 1] === CR : pendingCr;
        if (!(bytes[end] === LF && afterCr)) line++;
        run = 0;
        from = end + 1;
        // Stryker disable next-line ConditionalExpression: searching again from here finds the same end; the check saves a scan
        if (end === nextLf) nextLf = bytes.indexOf(LF, from);
        // Stryker disable next-line ConditionalExpression: searching again from here finds the same end; the check saves a scan
        if (end === nextCr) nextCr = bytes.indexOf(CR, from);
      }
      // an empty chunk between a CR and its LF leaves the CR pending
      if (bytes.length > 0) pendingCr = bytes[bytes.length - 1] === CR;
      done(null, bytes);
    },
  });
}

function tooLong(file: string, line: number, maxLength: number): DataError {
  return new DataError(file, `a line longer than ${formatBytes(maxLength)}; lines are read up to that length`, line);
}
