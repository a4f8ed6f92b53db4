/**
 * Where strict JSON text first goes wrong, and why, without quoting it: `JSON.parse` on
 * current Node names neither a position nor anything but an excerpt of the text, which
 * may hold secrets (a config file) or megabytes (a metrics file). One linear pass, no
 * recursion (nesting is a stack of open brackets).
 */
export function jsonSyntaxError(text: string): { readonly offset: number; readonly problem: string } | undefined {
  const stack: ('{' | '[')[] = [];
  // a JSON number, read where lastIndex says (sticky: it never scans ahead for one)
  const number = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
  let i = 0;
  const n = text.length;
  const fail = (problem: string): { offset: number; problem: string } => ({ offset: Math.min(i, n), problem });
  const ws = (): void => {
    while (i < n && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  };
  // after a value: a comma, a closing bracket, or the end
  const afterValue = (): 'next' | 'done' | { offset: number; problem: string } => {
    ws();
    const open = stack.at(-1);
    if (open === undefined) return i === n ? 'done' : fail('unexpected text after the JSON value');
    if (text[i] === ',') {
      i++;
      ws();
      // in an object, the loop asks for the next property name
      return open === '[' && text[i] === ']' ? fail('a trailing comma before "]"') : 'next';
    }
    if ((open === '{' && text[i] === '}') || (open === '[' && text[i] === ']')) {
      i++;
      stack.pop();
      return afterValue();
    }
    return fail(i === n ? 'the text ends inside an unclosed bracket' : `expected "," or "${open === '{' ? '}' : ']'}"`);
  };
  ws();
  for (;;) {
    // a value (in an object, after its key)
    if (stack.at(-1) === '{') {
      if (text[i] !== '"') return fail('expected a property name in double quotes');
      const key = scanString();
      if (key) return key;
      ws();
      if (text[i] !== ':') return fail('expected ":" after a property name');
      i++;
      ws();
    }
    const c = text[i];
    if (c === '{' || c === '[') {
      stack.push(c);
      i++;
      ws();
      if (text[i] === (c === '{' ? '}' : ']')) {
        i++;
        stack.pop();
        const next = afterValue();
        if (next === 'done') return undefined;
        if (next !== 'next') return next;
      }
      // an object's first property name is asked for at the top of the loop
      continue;
    }
    const bad = c === '"' ? scanString() : scanLiteral();
    if (bad) return bad;
    const next = afterValue();
    if (next === 'done') return undefined;
    if (next !== 'next') return next;
  }

  function scanString(): { offset: number; problem: string } | undefined {
    i++; // the opening quote
    while (i < n) {
      const ch = text.charCodeAt(i);
      if (ch === 0x22) {
        i++;
        return undefined;
      }
      if (ch < 0x20) return fail('a control character inside a string');
      if (ch === 0x5c) {
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return fail('a bad \\u escape');
          i += 6;
          continue;
        }
        if (e === undefined || !'"\\/bfnrt'.includes(e)) return fail('a bad escape in a string');
        i += 2;
        continue;
      }
      i++;
    }
    return fail('a string that is never closed');
  }

  function scanLiteral(): { offset: number; problem: string } | undefined {
    for (const word of ['true', 'false', 'null']) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return undefined;
      }
    }
    number.lastIndex = i;
    const m = number.exec(text);
    if (!m)
      return fail(
        i === n
          ? 'the text ends where a value should be'
          : 'expected a value (a number, a string in double quotes, true, false, null, an object or an array)',
      );
    i += m[0].length;
    return undefined;
  }
}
