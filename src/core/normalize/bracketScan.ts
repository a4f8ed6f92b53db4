/** A balanced {…} or […] span of the text that no other balanced span contains. */
export interface BracketBlock {
  readonly start: number;
  /** One past its closing bracket. */
  readonly end: number;
  /** How deep its brackets nest (1 for `[]`, 2 for `[[]]`). */
  readonly depth: number;
}

export interface BracketScan {
  /** The largest blocks (as many as asked for; the later one on a tie), in the order they appear. */
  readonly blocks: readonly BracketBlock[];
  /** How many blocks the text holds. */
  readonly total: number;
  /** Whether some bracket was left open or was closed by the wrong kind. */
  readonly unbalanced: boolean;
}

const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const SLASH = 0x2f;
const STAR = 0x2a;

/** Whether the character at `k` is escaped: an odd run of backslashes right before it. */
function escaped(text: string, k: number): boolean {
  let slashes = 0;
  while (text.charCodeAt(k - 1 - slashes) === BACKSLASH) slashes++;
  return (slashes & 1) === 1;
}

function indexOrEnd(text: string, search: string, from: number): number {
  const at = text.indexOf(search, from);
  // Stryker disable next-line EqualityOperator: searched from after a character, never found at 0
  return at < 0 ? text.length : at;
}

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
export function scanBrackets(text: string, keep: number): BracketScan {
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
  // Stryker disable next-line UnaryOperator: the first string starts after a bracket, so 1 is also at or before it
  let nextNewline = -1;
  // Stryker disable next-line EqualityOperator: charCodeAt(n) is NaN and matches no case
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
      // Stryker disable next-line EqualityOperator: at height 0 there is nothing below; an equal peak is written unchanged
      if (height > 0 && top > (peak.data[height - 1] as number)) peak.data[height - 1] = top;
      // the blocks inside this one are no longer outermost (each is removed once: linear)
      // Stryker disable next-line ConditionalExpression,EqualityOperator: data[-1] is undefined and compares false; no two blocks start at one bracket
      while (starts.size > 0 && (starts.data[starts.size - 1] as number) > start) starts.size--;
      ends.size = depths.size = starts.size;
      starts.push(start);
      ends.push(i + 1);
      depths.push(top - height);
    } else if (c === QUOTE) {
      // native searches, not a loop over each character: the closing quote is the next one
      // not escaped, and a string may not run into a line break that is not escaped
      let j = text.indexOf('"', i + 1);
      // Stryker disable next-line ConditionalExpression,EqualityOperator: j is never 0, and escaped(text, -1) is false
      while (j > 0 && escaped(text, j)) j = text.indexOf('"', j + 1);
      // Stryker disable next-line EqualityOperator: searched from after the opening quote, never found at 0
      const limit = j < 0 ? n : j;
      // Stryker disable next-line ConditionalExpression,EqualityOperator: a memo; at a quote there is no line break, and searching again finds the same
      if (nextNewline <= i) nextNewline = indexOrEnd(text, '\n', i + 1);
      while (nextNewline < limit && escaped(text, nextNewline)) nextNewline = indexOrEnd(text, '\n', nextNewline + 1);
      // Stryker disable next-line EqualityOperator: equal only when both are the end of the text, which ends the scan unbalanced either way
      if (nextNewline < limit) {
        unbalanced = true;
        height = 0;
        i = nextNewline;
        continue;
      }
      // Stryker disable next-line EqualityOperator: searched from after the opening quote, never found at 0
      if (j < 0) {
        unbalanced = true;
        height = 0;
        break;
      }
      i = j;
    } else if (c === SLASH && text.charCodeAt(i + 1) === SLASH) {
      const end = text.indexOf('\n', i + 2);
      // Stryker disable next-line EqualityOperator: searched from after '//', never found at 0
      i = end < 0 ? n : end;
    } else if (c === SLASH && text.charCodeAt(i + 1) === STAR) {
      const end = text.indexOf('*/', i + 2);
      // Stryker disable next-line EqualityOperator: searched from after '/*', never found at 0
      i = end < 0 ? n : end + 1;
    }
  }
  if (height > 0) unbalanced = true;
  return { blocks: largest(starts, ends, depths, keep), total: starts.size, unbalanced };
}

/**
 * The `keep` longest blocks (the later one on a tie) in the order they appear. Looked at
 * from the last, a block enters only when strictly longer than the shortest kept, so
 * runs of equal blocks cost O(1) each: O(blocks + kept × keep) in all.
 */
function largest(starts: IntStack, ends: IntStack, depths: IntStack, keep: number): BracketBlock[] {
  const top: number[] = []; // block indexes, longest first
  const size = (k: number): number => (ends.data[k] as number) - (starts.data[k] as number);
  for (let k = starts.size - 1; k >= 0; k--) {
    // Stryker disable next-line ConditionalExpression,EqualityOperator: a shortcut; a block it skips would be inserted last and popped
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
