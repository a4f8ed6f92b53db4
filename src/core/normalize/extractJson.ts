/**
 * Finds the JSON in what a model said: inside a ```json fence, or the first balanced
 * {…} or […] in prose. Leniency, in this order: // and /* comments are dropped, trailing
 * commas removed, NaN / Infinity / -Infinity / undefined become null (and are reported
 * as not finite later), single-quoted strings become double-quoted. Returns the parsed
 * value and the prose around it, or why nothing could be parsed.
 */
export function extractJson(text: string): { value: unknown; prose: string } | { error: string } {
  // the common cases first, with the native parser only: the whole answer, then each fence
  const trimmed = text.trim();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      return { value: JSON.parse(trimmed), prose: '' };
    } catch {
      // fall through to the lenient paths
    }
  }
  const fences: { json: string; prose: string }[] = [];
  const fence = /```[a-zA-Z]*[ \t]*\n?/g;
  for (let m = fence.exec(text); m; m = fence.exec(text)) {
    const close = text.indexOf('```', m.index + m[0].length);
    if (close < 0) break;
    fences.push({ json: text.slice(m.index + m[0].length, close), prose: (text.slice(0, m.index) + ' ' + text.slice(close + 3)).trim() });
    fence.lastIndex = close + 3;
  }
  for (const c of fences) {
    try {
      return { value: JSON.parse(c.json), prose: c.prose };
    } catch {
      // try it leniently below
    }
  }
  const candidates = [...fences];
  const balanced = firstBalanced(text);
  if (balanced) candidates.push({ json: balanced.json, prose: (text.slice(0, balanced.start) + ' ' + text.slice(balanced.end)).trim() });
  if (candidates.length === 0) return { error: 'no JSON object or array was found in the answer' };
  let lastError = '';
  for (const c of candidates) {
    const inner = firstBalanced(c.json);
    for (const json of inner ? [inner.json, c.json] : [c.json]) {
      try {
        return { value: JSON.parse(json), prose: c.prose };
      } catch {
        try {
          return { value: JSON.parse(lenient(json)), prose: c.prose };
        } catch (err) {
          lastError = (err as Error).message;
        }
      }
    }
  }
  return { error: `the JSON in the answer could not be parsed (${lastError.slice(0, 120)})` };
}

/** The first balanced {…} or […] span, skipping brackets inside strings. */
function firstBalanced(text: string): { json: string; start: number; end: number } | undefined {
  for (let start = 0; start < text.length; start++) {
    const open = text[start];
    if (open !== '{' && open !== '[') continue;
    const stack: string[] = [];
    let quote: string | undefined;
    for (let i = start; i < text.length; i++) {
      const ch = text[i] as string;
      if (quote) {
        if (ch === '\\') i++;
        else if (ch === quote) quote = undefined;
        continue;
      }
      if (ch === '"') quote = ch;
      else if (ch === '{' || ch === '[') stack.push(ch === '{' ? '}' : ']');
      else if (ch === '}' || ch === ']') {
        if (stack.pop() !== ch) break;
        if (stack.length === 0) return { json: text.slice(start, i + 1), start, end: i + 1 };
      }
    }
  }
  return undefined;
}

function lenient(json: string): string {
  let out = '';
  let quote: string | undefined;
  for (let i = 0; i < json.length; i++) {
    const ch = json[i] as string;
    if (quote) {
      if (ch === '\\') { out += ch + (json[i + 1] ?? ''); i++; continue; }
      if (ch === quote) { out += '"'; quote = undefined; continue; }
      out += quote === "'" && ch === '"' ? '\\"' : ch;
      continue;
    }
    if (ch === '"' || ch === "'") { quote = ch; out += '"'; continue; }
    if (ch === '/' && json[i + 1] === '/') { while (i < json.length && json[i] !== '\n') i++; continue; }
    if (ch === '/' && json[i + 1] === '*') { const end = json.indexOf('*/', i + 2); i = end < 0 ? json.length : end + 1; continue; }
    out += ch;
  }
  return out
    .replace(/,\s*([}\]])/g, '$1')
    .replace(/(?<![\w".])(-?Infinity|NaN|undefined)(?![\w"])/g, 'null');
}
