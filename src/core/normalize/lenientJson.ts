/**
 * JSON as models write it made strict: // and /* comments dropped, single-quoted strings
 * double-quoted, trailing commas removed, NaN / Infinity / -Infinity / undefined made
 * null (and reported as not finite later). Linear in the length of the text.
 */
export function lenientJson(json: string): string {
  const parts: string[] = [];
  let from = 0; // start of the text not yet copied
  let quote: string | undefined;
  const n = json.length;
  // Stryker disable next-line EqualityOperator: json[n] is undefined and matches no case
  for (let i = 0; i < n; i++) {
    const ch = json[i] as string;
    if (quote) {
      if (ch === '\\') {
        if (quote === "'" && json[i + 1] === "'") {
          // \' is not a JSON escape: the quote alone
          parts.push(json.slice(from, i));
          from = i + 1;
        }
        i++;
      } else if (ch === quote) {
        // Stryker disable next-line ConditionalExpression: a closing '"' replaced by '"' is the same text
        if (quote === "'") {
          parts.push(json.slice(from, i), '"');
          from = i + 1;
        }
        quote = undefined;
      } else if (
        // Stryker disable next-line ConditionalExpression: in a double-quoted string a '"' is its closing quote, handled above
        quote === "'" &&
        ch === '"'
      ) {
        parts.push(json.slice(from, i), '\\"');
        from = i + 1;
      }
      continue;
    }
    if (ch === '"') quote = ch;
    else if (ch === "'") {
      quote = ch;
      parts.push(json.slice(from, i), '"');
      from = i + 1;
    } else if (ch === '/' && (json[i + 1] === '/' || json[i + 1] === '*')) {
      parts.push(json.slice(from, i));
      const end = json[i + 1] === '/' ? json.indexOf('\n', i + 2) : json.indexOf('*/', i + 2);
      // Stryker disable next-line EqualityOperator: the search starts after the comment's opening, so end is never 0
      i = end < 0 ? n : json[i + 1] === '/' ? end - 1 : end + 1;
      from = i + 1;
    }
  }
  parts.push(json.slice(from));
  return parts
    .join('')
    .replace(/,(\s*[}\]])/g, '$1')
    .replace(/(?<![\w".])(-?Infinity|NaN|undefined)(?![\w"])/g, 'null');
}
