import { MAX_RECORD_CHARS } from './limits';

/**
 * A CSV file of at most this many bytes is read whole, and when it is plain (see
 * eachPlainRecord) split line by line instead of going through the CSV parser, several
 * times faster; a larger one is streamed through the parser.
 */
export const PLAIN_CSV_MAX_BYTES = 16 * 1024 * 1024;

/** What the CSV parser trims from a value's ends (its `trim`): spaces and the other blanks Unicode has. */
const BLANK = '[\\t\\v\\f \\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff]';
/** A blank beside a delimiter or at a line's end, which the parser would trim. */
const TRIMMED = new RegExp(`(?:^|[,\\n])${BLANK}|${BLANK}(?:$|[,\\n])`);
/** Half of a surrogate pair without the other: UTF-8 has no such character, and the parser's bytes would read U+FFFD. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Gives `onRecord` each record of a CSV text, and its line (1-based), exactly as the CSV
 * parser with loadCsv's options would (its `record` and `info.lines`), when the text is
 * plain: lines ended by LF alone, no quote, no blank beside a comma or a line's end, no
 * comment line, the same number of commas on every line that is not empty, each line far
 * below MAX_RECORD_CHARS, and nothing the parser would decode another way (a replacement
 * character, a lone surrogate). A leading byte-order mark is dropped and empty lines are
 * skipped, as the parser does; each record is then its line split at the commas, and true
 * is returned, once every line was checked. Otherwise it returns false having called
 * nothing, and the parser reads the text: whatever is not plain, and every error the
 * parser reports, is the parser's. A unit test holds the two equal on generated files.
 */
export function eachPlainRecord(text: string, onRecord: (cells: string[], line: number) => void): boolean {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (
    body.includes('"') ||
    body.includes('\r') ||
    body.includes('\ufffd') ||
    body.startsWith('#') ||
    body.includes('\n#') ||
    TRIMMED.test(body) ||
    LONE_SURROGATE.test(body)
  )
    return false;
  // first pass, allocating nothing: each line short enough, and as many fields on each
  let commasPerLine = -1;
  // the next comma, found by native searches that only move forward: linear in all
  let comma = body.indexOf(',');
  for (let from = 0; from < body.length;) {
    let end = body.indexOf('\n', from);
    if (end < 0) end = body.length;
    // a UTF-16 unit is at most 3 bytes of UTF-8: neither the line guard nor the record size stops this line
    if ((end - from) * 3 > MAX_RECORD_CHARS) return false;
    if (end > from) {
      let commas = 0;
      for (; comma >= 0 && comma < end; comma = body.indexOf(',', comma + 1)) commas++;
      if (commasPerLine < 0) commasPerLine = commas;
      else if (commas !== commasPerLine) return false;
    }
    from = end + 1;
  }
  let line = 1;
  for (let from = 0; from < body.length; line++) {
    let end = body.indexOf('\n', from);
    if (end < 0) end = body.length;
    if (end > from) onRecord(body.slice(from, end).split(','), line);
    from = end + 1;
  }
  return true;
}
