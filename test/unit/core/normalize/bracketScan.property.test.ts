import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { scanBrackets, type BracketScan } from '../../../../src/core/normalize/bracketScan';

/*
 * The reference: the scanner as it was, one character at a time. The scanner now skips
 * strings with native searches; on any text both must find the same blocks, the same
 * count and the same balance.
 */
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const SLASH = 0x2f;
const STAR = 0x2a;
const NEWLINE = 0x0a;

/** A stack of integers that grows by doubling. */
class IntStack {
  data = new Int32Array(64);
  size = 0;
  push(v: number): void {
    if (this.size === this.data.length) {
      const bigger = new Int32Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.size++] = v;
  }
}

/**
 * Finds the outermost balanced bracket blocks of a text in one pass, in time linear in
 * its length whatever it holds, and keeps the `keep` largest. Inside brackets, "strings"
 * (with \ escapes) and // or /* comments are skipped; a string that runs into a line
 * break, or a bracket closed by the wrong kind, drops every bracket still open (that text
 * cannot be JSON) and the scan goes on. Quotes outside brackets are prose and ignored.
 * Blocks completed inside a bracket that never closes are kept: `see [note {"a": 1}`
 * yields `{"a": 1}`. Texts are at most a few MiB, so positions fit 32 bits.
 */
function referenceScan(text: string, keep: number): BracketScan {
  // the open brackets: position, closing char code, and the deepest height reached inside
  const openAt = new IntStack();
  const closer = new IntStack();
  const peak = new IntStack();
  // the outermost blocks so far: start, end, depth
  const starts = new IntStack();
  const ends = new IntStack();
  const depths = new IntStack();
  let height = 0;
  let unbalanced = false;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      openAt.size = closer.size = peak.size = height;
      openAt.push(i);
      closer.push(c + 2); // '{' + 2 is '}', '[' + 2 is ']'
      peak.push(++height);
      continue;
    }
    if (height === 0) continue;
    if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      if (closer.data[height - 1] !== c) {
        unbalanced = true;
        height = 0;
        continue;
      }
      height--;
      const start = openAt.data[height] as number;
      const top = peak.data[height] as number;
      if (height > 0 && top > (peak.data[height - 1] as number)) peak.data[height - 1] = top;
      // the blocks inside this one are no longer outermost (each is removed once: linear)
      while (starts.size > 0 && (starts.data[starts.size - 1] as number) > start) starts.size--;
      ends.size = depths.size = starts.size;
      starts.push(start);
      ends.push(i + 1);
      depths.push(top - height);
    } else if (c === QUOTE) {
      let j = i + 1;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (d === QUOTE || d === NEWLINE) break;
        j += d === BACKSLASH ? 2 : 1;
      }
      if (j >= n || text.charCodeAt(j) === NEWLINE) {
        unbalanced = true;
        height = 0;
      }
      i = j;
    } else if (c === SLASH && text.charCodeAt(i + 1) === SLASH) {
      const end = text.indexOf('\n', i + 2);
      i = end < 0 ? n : end;
    } else if (c === SLASH && text.charCodeAt(i + 1) === STAR) {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? n : end + 1;
    }
  }
  if (height > 0) unbalanced = true;
  return { blocks: referenceLargest(starts, ends, depths, keep), total: starts.size, unbalanced };
}

/**
 * The `keep` longest blocks (the later one on a tie) in the order they appear. Looked at
 * from the last, a block enters only when strictly longer than the shortest kept, so
 * runs of equal blocks cost O(1) each: O(blocks + kept × keep) in all.
 */
function referenceLargest(
  starts: IntStack,
  ends: IntStack,
  depths: IntStack,
  keep: number,
): { start: number; end: number; depth: number }[] {
  const top: number[] = []; // block indexes, longest first
  const size = (k: number): number => (ends.data[k] as number) - (starts.data[k] as number);
  for (let k = starts.size - 1; k >= 0; k--) {
    if (top.length === keep && size(k) <= size(top[keep - 1] as number)) continue;
    let at = top.length;
    while (at > 0 && size(top[at - 1] as number) < size(k)) at--;
    top.splice(at, 0, k);
    if (top.length > keep) top.pop();
  }
  return top
    .sort((a, b) => a - b)
    .map((k) => ({ start: starts.data[k] as number, end: ends.data[k] as number, depth: depths.data[k] as number }));
}

describe('scanBrackets skips strings with native searches and finds what the one-character-at-a-time scan finds', () => {
  const same = (text: string, keep: number): void => {
    const fast: BracketScan = scanBrackets(text, keep);
    const slow = referenceScan(text, keep);
    assert.deepEqual(fast, slow, JSON.stringify(text));
  };

  it('on random texts of brackets, quotes, backslashes, line breaks and comments', () => {
    const alphabet = fc.constantFrom('{', '}', '[', ']', '"', '\\', '\n', '/', '*', 'a', ' ', ':', ',');
    fc.assert(
      fc.property(
        fc.array(alphabet, { maxLength: 60 }).map((cs) => cs.join('')),
        fc.integer({ min: 1, max: 4 }),
        same,
      ),
      { numRuns: 20_000 },
    );
  });

  it('on random JSON, alone and inside prose and fences', () => {
    fc.assert(
      fc.property(fc.json(), fc.string(), fc.string(), (json, before, after) => {
        same(json, 3);
        same(`${before}\n\`\`\`json\n${json}\n\`\`\`\n${after}`, 3);
      }),
      { numRuns: 3_000 },
    );
  });

  it('on the cases that separate them if escapes are read wrong', () => {
    for (const text of [
      '{"a\\"}',
      '{"a\\\\"}',
      '{"a\\\n"}',
      '{"a\\\\\n"}',
      '["\\',
      '{"x',
      '{"x\n}',
      '[1] "',
      '{"a":"b\\\\\\"c"}',
    ])
      same(text, 3);
  });
});
