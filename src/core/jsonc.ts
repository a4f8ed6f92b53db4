import { jsonSyntaxError } from './jsonSyntax';

/**
 * JSON with comments (`//`, `/* *\/`) and trailing commas, as VS Code's own settings files
 * are written. Comments and trailing commas are blanked with spaces (line breaks kept), so
 * every offset in the blanked text is the same place in the person's text.
 */
export function blankJsonc(text: string): string {
  const out = text.split('');
  const n = text.length;
  let i = 0;
  let lastComma = -1;
  while (i < n) {
    const c = text[i];
    if (c === '"') {
      lastComma = -1;
      i++;
      while (i < n && text[i] !== '"' && text[i] !== '\n') i += text[i] === '\\' ? 2 : 1;
      i++;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < n && text[i] !== '\n') out[i++] = ' ';
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      const stop = end < 0 ? n : end + 2;
      for (; i < stop; i++) if (text[i] !== '\n' && text[i] !== '\r') out[i] = ' ';
    } else {
      if (c === ',') lastComma = i;
      else if ((c === '}' || c === ']') && lastComma >= 0) {
        out[lastComma] = ' ';
        lastComma = -1;
      } else if (c !== ' ' && c !== '\t' && c !== '\n' && c !== '\r') lastComma = -1;
      i++;
    }
  }
  return out.join('');
}

/** 1-based line and column of an offset. */
export function lineColumn(text: string, offset: number): { readonly line: number; readonly column: number } {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, column: offset - start + 1 };
}

/** Parses JSONC; a syntax error is its offset and why (never an excerpt of the text). */
export function parseJsonc(
  text: string,
): { readonly value: unknown; readonly blanked: string } | { readonly offset: number; readonly problem: string } {
  const blanked = blankJsonc(text);
  try {
    return { value: JSON.parse(blanked), blanked };
  } catch {
    return jsonSyntaxError(blanked) ?? { offset: 0, problem: 'not valid JSON' };
  }
}

/**
 * Where the value at `path` starts in valid JSON text (the deepest part of the path that
 * exists, when the rest does not), for messages that point at line and column. Iterative:
 * a value that is skipped is scanned with a depth counter, never by recursion.
 */
export function offsetOfPath(json: string, path: readonly PropertyKey[]): number {
  let i = skipSpace(json, 0);
  for (const key of path) {
    const open = json[i];
    if (open !== '{' && open !== '[') return i;
    let index = 0;
    i = skipSpace(json, i + 1);
    while (i < json.length && json[i] !== '}' && json[i] !== ']') {
      let name: string | number = index;
      if (open === '{') {
        const end = stringEnd(json, i);
        name = JSON.parse(json.slice(i, end)) as string;
        i = skipSpace(json, skipSpace(json, end) + 1);
      }
      if (String(name) === String(key)) break;
      i = skipSpace(json, valueEnd(json, i));
      if (json[i] === ',') i = skipSpace(json, i + 1);
      index++;
    }
    // not found: i is at the closing bracket, where the next key (no container) stops too
  }
  return i;
}

function skipSpace(text: string, i: number): number {
  while (i < text.length && /\s/.test(text[i] as string)) i++;
  return i;
}

function stringEnd(text: string, i: number): number {
  i++;
  while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
  return i + 1;
}

function valueEnd(text: string, i: number): number {
  if (text[i] === '"') return stringEnd(text, i);
  if (text[i] !== '{' && text[i] !== '[') {
    while (i < text.length && !/[\s,\]}]/.test(text[i] as string)) i++;
    return i;
  }
  let depth = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '"') {
      i = stringEnd(text, i);
      continue;
    }
    if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') {
      depth--;
      if (depth === 0) return i + 1;
    }
    i++;
  }
  return i;
}
