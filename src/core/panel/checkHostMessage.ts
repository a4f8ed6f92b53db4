import { type HostMessage, type PanelSavedState } from './panelMessages';
import { MAX_PAGE_STRINGS, PANEL_ACTIONS } from './panelVocabulary';

/**
 * The page's check of what the host sends, without zod (which would be a quarter of the
 * page's bundle): the same rules as `hostMessageSchema` and `panelSavedStateSchema` in
 * panelMessages.ts, written as small checks. The host checks each message with the schema
 * before it posts it; this is the page's own guard. A unit test holds the two to the same
 * verdicts. Type-only imports above: the page bundle gets none of the schemas.
 */
type Check = (v: unknown, at: string) => string | undefined;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const num: Check = (v, at) => (typeof v === 'number' && Number.isFinite(v) ? undefined : `${at}: expected a number`);
const bool: Check = (v, at) => (typeof v === 'boolean' ? undefined : `${at}: expected a boolean`);
const text: Check = (v, at) =>
  typeof v === 'string' && v.length <= 4000 ? undefined : `${at}: expected a string of at most 4000 characters`;
const nullable =
  (check: Check): Check =>
  (v, at) =>
    v === null ? undefined : check(v, at);
const optional =
  (check: Check): Check =>
  (v, at) =>
    v === undefined ? undefined : check(v, at);
const oneOf =
  (options: readonly string[]): Check =>
  (v, at) =>
    typeof v === 'string' && options.includes(v) ? undefined : `${at}: expected one of ${options.join(', ')}`;
const where =
  (check: (n: number) => boolean, what: string): Check =>
  (v, at) =>
    num(v, at) ?? (check(v as number) ? undefined : `${at}: ${what}`);
const list =
  (item: Check, min = 0): Check =>
  (v, at) => {
    if (!Array.isArray(v)) return `${at}: expected an array`;
    if (v.length < min) return `${at}: expected at least ${min}`;
    for (let i = 0; i < v.length; i++) {
      const problem = item(v[i], `${at}.${i}`);
      if (problem) return problem;
    }
    return undefined;
  };
/** A series as sent: a Float64Array of finite numbers, by one plain loop (a message can carry 100,000). */
const series: Check = (v, at) => {
  if (!(v instanceof Float64Array)) return `${at}: expected a Float64Array of finite numbers`;
  for (let i = 0; i < v.length; i++) if (!Number.isFinite(v[i])) return `${at}.${i}: expected a finite number`;
  return undefined;
};
/** A series as saved with setState (JSON): an array of finite numbers. */
const numbers: Check = (v, at) =>
  Array.isArray(v) && v.every((x) => typeof x === 'number' && Number.isFinite(x))
    ? undefined
    : `${at}: expected an array of finite numbers`;
/** `first`, then `then` on a value `first` accepted. */
const both =
  (first: Check, then: Check): Check =>
  (v, at) =>
    first(v, at) ?? then(v, at);
const object =
  (shape: Record<string, Check>): Check =>
  (v, at) => {
    if (!isRecord(v)) return `${at}: expected an object`;
    for (const key of Object.keys(shape)) {
      const problem = (shape[key] as Check)(v[key], `${at}.${key}`);
      if (problem) return problem;
    }
    return undefined;
  };

const riskLevel = oneOf(['none', 'low', 'medium', 'high', 'critical']);
const breach = object({
  expected: nullable(num),
  earliest: nullable(num),
  latest: nullable(num),
  probability: where((n) => n >= 0 && n <= 1, 'expected a probability'),
  risk: riskLevel,
  riskScore: num,
  alreadyBreached: bool,
  expectedIn: nullable(text),
  expectedAt: nullable(text),
  earliestIn: nullable(text),
});
/** A metric, its series checked by `values` (typed arrays on the wire, number arrays when saved). */
const metric = (values: Check): Check =>
  object({
    name: text,
    unit: nullable(text),
    capacity: nullable(num),
    breachSide: oneOf(['above', 'below']),
    lastValue: num,
    breach: nullable(breach),
    method: text,
    methodText: optional(text),
    combination: text,
    mase: nullable(num),
    smape: nullable(num),
    backtestCoverage: nullable(num),
    confidence: num,
    history: both(object({ start: num, step: where((n) => n > 0, 'expected a positive step'), values }), (v, at) =>
      (v as { values: ArrayLike<number> }).values.length > 0 ? undefined : `${at}.values: expected at least one`,
    ),
    forecast: both(object({ t: values, value: values, lower: values, upper: values }), (v, at) => {
      const f = v as Record<'t' | 'value' | 'lower' | 'upper', ArrayLike<number>>;
      const n = f.t.length;
      return f.value.length === n && f.lower.length === n && f.upper.length === n
        ? undefined
        : `${at}: expected t, value, lower and upper of one length`;
    }),
    viewFrom: num,
    levelShift: nullable(object({ t: num, before: num, after: num, text })),
  });
/** A forecast model, its series checked by `values`. */
const model = (values: Check): Check =>
  object({
    id: text,
    source: text,
    sourcePath: text,
    createdAt: num,
    createdAtText: text,
    producer: object({ provider: text, model: nullable(text), method: text }),
    now: num,
    horizonEnd: num,
    horizonText: text,
    level: num,
    headline: object({
      metric: nullable(text),
      text,
      relative: nullable(text),
      absolute: nullable(text),
      probability: nullable(num),
    }),
    risk: object({ level: riskLevel, score: num, reasons: list(text) }),
    confidence: object({ score: num, skill: num, coverage: num, dataQuality: num, reach: num }),
    confidenceText: optional(text),
    warnings: list(text),
    narrative: nullable(text),
    usage: optional(nullable(text)),
    failover: optional(nullable(text)),
    touched: optional(list(text)),
    metrics: list(metric(values), 1),
    fleet: optional(
      object({
        total: num,
        rows: (v, at) =>
          Array.isArray(v) && v.length > 1000
            ? `${at}: expected at most 1000`
            : list(
                object({
                  series: text,
                  group: text,
                  status: oneOf(['ok', 'warning', 'critical']),
                  breach: text,
                  probability: num,
                  risk: riskLevel,
                  confidence: num,
                }),
              )(v, at),
      }),
    ),
  });
const statuses: Record<string, Check> = {
  empty: object({}),
  loading: object({ source: text, provider: text }),
  error: object({ source: text, message: text, actions: list(oneOf(PANEL_ACTIONS)) }),
};
const status: Check = (v, at) => {
  const kind = isRecord(v) ? v['kind'] : undefined;
  const check = typeof kind === 'string' && Object.hasOwn(statuses, kind) ? statuses[kind] : undefined;
  return check ? check(v, at) : `${at}.kind: expected empty, loading or error`;
};
const choiceId: Check = (v, at) =>
  typeof v === 'string' && v.length <= 40 ? undefined : `${at}: expected a string of at most 40 characters`;
const selector = object({
  label: text,
  selected: choiceId,
  options: (v, at) =>
    Array.isArray(v) && v.length > 20
      ? `${at}: expected at most 20`
      : list(object({ id: choiceId, label: text }))(v, at),
});
const controls = object({ file: text, busy: bool, horizon: selector, level: selector });
/** The page's words: a plain object of at most MAX_PAGE_STRINGS strings, keys and values within `text`. */
const strings: Check = (v, at) => {
  if (!isRecord(v)) return `${at}: expected an object`;
  const entries = Object.entries(v);
  if (entries.length > MAX_PAGE_STRINGS) return `${at}: expected at most ${MAX_PAGE_STRINGS} entries`;
  for (const [key, value] of entries) {
    const problem = text(key, `${at} key`) ?? text(value, `${at}.${key.slice(0, 40)}`);
    if (problem) return problem;
  }
  return undefined;
};
const messages: Record<string, Check> = {
  strings: object({ strings }),
  controls: object({ controls: nullable(controls) }),
  status: object({ status }),
  forecast: object({ model: model(series) }),
  requestPng: object({ requestId: text }),
};
const savedState = object({ model: nullable(model(numbers)), mode: oneOf(['perMetric', 'percent']) });

type Verdict<T> = { ok: true; message: T } | { ok: false; problem: string };

/** A host message, or why it was refused in one line (no values, which may be large). */
export function checkHostMessage(raw: unknown): Verdict<HostMessage> {
  const type = isRecord(raw) ? raw['type'] : undefined;
  const check = typeof type === 'string' && Object.hasOwn(messages, type) ? messages[type] : undefined;
  const problem = check
    ? check(raw, 'message')
    : 'message.type: expected strings, controls, status, forecast or requestPng';
  return problem
    ? { ok: false, problem: `${typeof type === 'string' ? type.slice(0, 40) : typeof raw}: ${problem}` }
    : { ok: true, message: raw as HostMessage };
}

/** What the page saved with setState, or why it cannot be used. */
export function checkSavedState(raw: unknown): Verdict<PanelSavedState> {
  const problem = savedState(raw, 'state');
  return problem ? { ok: false, problem } : { ok: true, message: raw as PanelSavedState };
}
