/**
 * A plan metric's PromQL narrowed to one of its series: every vector selector of the
 * query gets the series' labels as equality matchers, as Grafana's ad hoc filters do.
 * `sum by (instance) (rate(x[5m]))` for `{instance="db-2"}` becomes
 * `sum by (instance) (rate(x{instance="db-2"}[5m]))`. Label lists (by, without, on,
 * ignoring, group_left, group_right), functions, keywords, strings, numbers, durations
 * and matchers already there are left as they are.
 */
const AGGREGATIONS = new Set([
  'sum',
  'min',
  'max',
  'avg',
  'group',
  'stddev',
  'stdvar',
  'count',
  'count_values',
  'bottomk',
  'topk',
  'quantile',
  'limitk',
  'limit_ratio',
]);
const LABEL_LISTS = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right']);
const NUMBER = /[0-9.][A-Za-z0-9]*/y;
const SPACE = /\s*/y;
const KEYWORDS = new Set(['and', 'or', 'unless', 'bool', 'offset', 'atan2', 'inf', 'nan', 'start', 'end']);

export function seriesQuery(query: string, labels: Readonly<Record<string, string>>): string {
  const matchers = Object.keys(labels)
    .filter((k) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(k) && k !== '__name__')
    .sort()
    .map((k) => `${k}=${JSON.stringify(labels[k])}`)
    .join(', ');
  if (matchers === '') return query;
  let out = '';
  let i = 0;
  const n = query.length;
  const skipSpace = (from: number): number => {
    SPACE.lastIndex = from;
    SPACE.test(query);
    return SPACE.lastIndex;
  };
  /** The index after the group that opens at `from` (a string, or brackets of `open`/`close`, strings inside skipped). */
  const skipGroup = (from: number, open: string, close: string): number => {
    let depth = 0;
    let j = from;
    // Stryker disable next-line EqualityOperator: at n query[j] is undefined, and one more pass matches nothing and ends at n
    while (j < n) {
      const c = query[j] as string;
      if (c === '"' || c === "'" || c === '`') j = skipString(j);
      else {
        if (c === open) depth++;
        else if (c === close && --depth === 0) return j + 1;
        j++;
      }
    }
    return n;
  };
  const skipString = (from: number): number => {
    const quote = query[from] as string;
    let j = from + 1;
    // Stryker disable next-line EqualityOperator: at n query[j] is undefined, no quote: one more step, and min(n, …) ends it at n
    while (j < n && query[j] !== quote) j += query[j] === '\\' && quote !== '`' ? 2 : 1;
    return Math.min(n, j + 1);
  };
  const withMatchers = (selectorBraces: string): string => {
    // braces a query leaves open (it ends first) lose no character of what they hold
    const inner = selectorBraces.slice(1, selectorBraces.endsWith('}') ? -1 : undefined).trim();
    return `{${matchers}${inner ? `, ${inner}` : ''}}`;
  };
  while (i < n) {
    const c = query[i] as string;
    if (c === '"' || c === "'" || c === '`') {
      const end = skipString(i);
      out += query.slice(i, end);
      i = end;
    } else if (c === '[') {
      const end = skipGroup(i, '[', ']');
      out += query.slice(i, end);
      i = end;
    } else if (c === '{') {
      // a selector without a metric name
      const end = skipGroup(i, '{', '}');
      out += withMatchers(query.slice(i, end));
      i = end;
    } else if (/[0-9.]/.test(c)) {
      // a number or a duration (0x1F, 1.5e3, 1h30m) is copied as it is: its letters are not names
      NUMBER.lastIndex = i;
      NUMBER.test(query);
      out += query.slice(i, NUMBER.lastIndex);
      i = NUMBER.lastIndex;
    } else if (/[A-Za-z_:]/.test(c)) {
      const m = /^[A-Za-z_:][A-Za-z0-9_:]*/.exec(query.slice(i));
      const word = (m?.[0] ?? c) as string;
      const after = i + word.length;
      const next = skipSpace(after);
      const lower = word.toLowerCase();
      out += word;
      i = after;
      if (LABEL_LISTS.has(lower) && query[next] === '(') {
        const end = skipGroup(next, '(', ')');
        out += query.slice(after, end);
        i = end;
      } else if (AGGREGATIONS.has(lower) || KEYWORDS.has(lower) || query[next] === '(') {
        // a function, an aggregation or a keyword: not a selector
      } else if (query[next] === '{') {
        const end = skipGroup(next, '{', '}');
        out += query.slice(after, next) + withMatchers(query.slice(next, end));
        i = end;
      } else {
        out += `{${matchers}}`;
      }
    } else {
      out += c;
      i++;
    }
  }
  return out;
}
