/* eslint-disable no-control-regex -- removing control characters and terminal escapes from model text is the point */

// terminal escapes: CSI (ESC [ or 0x9b … final byte), strings (OSC, DCS, SOS, PM, APC up to
// BEL or ST, or to the next escape when unterminated), then any other ESC sequence
const ESCAPE_START = /[\x1b\x90-\x9f]/;
const CSI = /(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?/g;
const ESCAPE_STRING = /(?:\x1b[\]PX^_]|[\x90\x98\x9d-\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?/g;
const OTHER_ESCAPE = /\x1b[ -/]*[0-~]?/g;
// C0 controls but tab and line feed, DEL, C1 controls, and the bidirectional overrides
// that make text read differently from what it holds
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const SCRIPT_URL = /(?:j\s*a\s*v\s*a|v\s*b)\s*s\s*c\s*r\s*i\s*p\s*t\s*:\S*/gi;
const EVENT_HANDLER = /\bon[a-z]{3,}\s*=/gi;
const TAG_START = /<(?:(\/?)([a-zA-Z][a-zA-Z0-9:-]*)(?=[\s/>])|[!?])/y;
const RAW_TEXT = new Set(['script', 'style']);
const BLOCK = new Set([
  'br',
  'p',
  'div',
  'li',
  'ul',
  'ol',
  'tr',
  'td',
  'th',
  'table',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'pre',
  'blockquote',
  'hr',
  'section',
  'article',
  'header',
  'footer',
]);

/**
 * Model text made plain text for every consumer of ForecastData, not only the panel:
 * terminal escape sequences, control characters and bidirectional overrides removed;
 * HTML/XML markup removed (tags with their attributes, comments, and the contents of
 * <script> and <style>); `javascript:` / `vbscript:` URLs and on…= event-handler
 * attributes removed; spaces tidied; at most `limit` characters (an ellipsis marks a cut).
 * Entities such as &lt; are left as written. Linear in the length of the text.
 */
export function toPlainText(text: string, limit: number): string {
  let bare = text.replace(/\r\n?|[\u2028\u2029]/g, '\n');
  // Stryker disable next-line ConditionalExpression: a gate for speed; the replacements find nothing without an escape
  if (ESCAPE_START.test(bare)) bare = bare.replace(CSI, '').replace(ESCAPE_STRING, '').replace(OTHER_ESCAPE, '');
  bare = bare.replace(CONTROL, '');
  const plain = tidy(stripMarkup(bare).replace(SCRIPT_URL, '').replace(EVENT_HANDLER, ''));
  if (plain.length <= limit) return plain;
  let cut = limit - 1;
  const last = plain.charCodeAt(cut - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut--; // do not split a surrogate pair
  return `${plain.slice(0, cut).trimEnd()}…`;
}

/** Removes markup; each stretch of the text is looked at a bounded number of times, so this is linear. */
function stripMarkup(s: string): string {
  const out: string[] = [];
  const n = s.length;
  let from = 0; // start of the text not yet copied
  let quotesClose = true; // false once a quote in a tag had no closing quote after it
  let nextGt = -2; // the next '>' at or after some point (-1: none left; -2: not looked for yet)
  const gtFrom = (j: number): number => {
    // Stryker disable next-line ConditionalExpression,LogicalOperator,UnaryOperator,EqualityOperator: a memo of indexOf('>'); looking again finds the same
    if (nextGt === -1 || nextGt >= j) return nextGt;
    nextGt = s.indexOf('>', j);
    return nextGt;
  };
  // Stryker disable next-line StringLiteral: indexOf('') visits every position; only a '<' starts anything
  let i = s.indexOf('<');
  // Stryker disable next-line EqualityOperator: indexOf never returns n
  while (i >= 0 && i < n) {
    if (s.startsWith('<!--', i)) {
      const end = s.indexOf('-->', i + 4);
      out.push(s.slice(from, i));
      // Stryker disable next-line EqualityOperator: the search starts after '<!--', so end is never 0
      from = end < 0 ? n : end + 3;
      // Stryker disable next-line StringLiteral: indexOf('') visits every position; only a '<' starts anything
      i = s.indexOf('<', from);
      continue;
    }
    TAG_START.lastIndex = i;
    const m = mayStartTag(s.charCodeAt(i + 1)) ? TAG_START.exec(s) : null;
    if (!m) {
      // Stryker disable next-line StringLiteral: indexOf('') visits every position; only a '<' starts anything
      i = s.indexOf('<', i + 1);
      continue;
    }
    // the end of the tag: the first '>' outside quoted attribute values
    let j = i + m[0].length;
    let gt = gtFrom(j);
    while (gt >= 0 && quotesClose) {
      let q = j;
      while (q < gt && s[q] !== '"' && s[q] !== "'") q++;
      if (q === gt) break;
      const close = s.indexOf(s[q] as string, q + 1);
      // Stryker disable next-line EqualityOperator: the search starts after the quote, so close is never 0
      if (close < 0) quotesClose = false;
      else {
        j = close + 1;
        gt = gtFrom(j);
      }
    }
    out.push(s.slice(from, i));
    // Stryker disable next-line EqualityOperator: a '>' found after the '<' is never at 0
    if (gt < 0) {
      // an unterminated tag: drop it to the end of its line
      const eol = s.indexOf('\n', i);
      // Stryker disable next-line EqualityOperator: a line break found after the '<' is never at 0
      from = eol < 0 ? n : eol;
      // Stryker disable next-line StringLiteral: indexOf('') visits every position; only a '<' starts anything
      i = s.indexOf('<', from);
      continue;
    }
    // Stryker disable next-line StringLiteral: '<!' and '<?' have no name; any name that is not a block or raw-text tag does the same
    const name = (m[2] ?? '').toLowerCase();
    from = gt + 1;
    if (!m[1] && RAW_TEXT.has(name) && s[gt - 1] !== '/') {
      // <script> and <style>: their contents go too, up to the closing tag (or the end)
      const close = new RegExp(`</${name}\\s*>`, 'gi');
      close.lastIndex = from;
      const found = close.exec(s);
      from = found ? found.index + found[0].length : n;
      out.push(' ');
    } else if (BLOCK.has(name)) {
      out.push('\n');
    }
    // Stryker disable next-line StringLiteral: indexOf('') visits every position; only a '<' starts anything
    i = s.indexOf('<', from);
  }
  out.push(s.slice(from));
  return out.join('');
}

/** Whether a character after '<' can begin a tag: a letter, '/', '!' or '?'. */
function mayStartTag(c: number): boolean {
  // Stryker disable next-line ConditionalExpression,LogicalOperator,EqualityOperator: a quick filter; TAG_START itself decides what starts a tag
  return ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a) || c === 0x2f || c === 0x21 || c === 0x3f;
}

/** Tabs to spaces, runs of spaces to one, no spaces around lines, at most one blank line. */
function tidy(s: string): string {
  return s
    .replace(/[\t ]{2,}|\t/g, ' ')
    .replace(/ \n ?|\n /g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
