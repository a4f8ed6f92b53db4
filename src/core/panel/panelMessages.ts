import * as z from 'zod/mini';

/**
 * The forecast panel's protocol: every message between the extension host and the
 * panel's page, both ways, as zod discriminated unions. Both sides parse what they
 * receive with these schemas and drop (and log) anything else.
 *
 * Written with `zod/mini` because the page bundles it: the full zod would be most of
 * the webview's size budget. Times are epoch milliseconds; text a person reads
 * (durations, absolute times) is formatted by the host, the same way the CLI does.
 */

const riskLevel = z.enum(['none', 'low', 'medium', 'high', 'critical']);

import {
  EXPORT_FORMATS,
  type ExportFormat,
  MAX_PAGE_STRINGS,
  PANEL_ACTIONS,
  type PanelAction,
} from './panelVocabulary';

export { EXPORT_FORMATS, type ExportFormat, PANEL_ACTIONS, type PanelAction };

const panelAction = z.enum(PANEL_ACTIONS);

const text = z.string().check(z.maxLength(4000));

/** Whether every element is a finite number (one plain loop: a panel message can carry 100,000). */
function allFinite(v: ArrayLike<number>): boolean {
  for (let i = 0; i < v.length; i++) if (!Number.isFinite(v[i])) return false;
  return true;
}

/**
 * A series as the host sends it: a `Float64Array` of finite numbers. VS Code hands typed
 * arrays to the page as bytes, where a list of numbers is written out as JSON text and
 * parsed again, number by number (`npm run bench:panel` times both). Float64, not Float32:
 * the times are epoch milliseconds (Float32 would be minutes off), and the readout shows a
 * value as measured.
 */
const series = z.custom<Float64Array>((v) => v instanceof Float64Array && allFinite(v), {
  error: 'expected a Float64Array of finite numbers',
});
/**
 * A series as the page saves it with `setState`, which keeps only what JSON can say (a
 * typed array would come back as an object of indices): an array of finite numbers.
 */
const numbers = z.custom<number[]>(
  // Number.isFinite is false for anything but a finite number (it does not convert, unlike isFinite)
  (v) => Array.isArray(v) && v.every((x) => Number.isFinite(x)),
  { error: 'expected an array of finite numbers' },
);

export const panelBreachSchema = z.object({
  expected: z.nullable(z.number()),
  earliest: z.nullable(z.number()),
  latest: z.nullable(z.number()),
  probability: z.number().check(z.gte(0), z.lte(1)),
  risk: riskLevel,
  riskScore: z.number(),
  alreadyBreached: z.boolean(),
  /** "in 3 d 4 h", or null when the point forecast does not cross. */
  expectedIn: z.nullable(text),
  /** "2026-12-02 14:27 UTC". */
  expectedAt: z.nullable(text),
  earliestIn: z.nullable(text),
});

/** A metric, its series of type `S` (typed arrays on the wire, number arrays in the saved state). */
function metricSchema<S extends ArrayLike<number>>(values: z.ZodMiniType<S>) {
  return z.object({
    name: text,
    unit: z.nullable(text),
    capacity: z.nullable(z.number()),
    breachSide: z.enum(['above', 'below']),
    lastValue: z.number(),
    breach: z.nullable(panelBreachSchema),
    /** The methods' ids ("sar-7-hl2016 + snaive-2016"), shown in the tooltip of `methodText`. */
    method: text,
    /** The same in words (absent in a state saved by an older version). */
    methodText: z.optional(text),
    combination: text,
    /** Backtest scores of the forecast that was used (the best method's when combined). */
    mase: z.nullable(z.number()),
    smape: z.nullable(z.number()),
    backtestCoverage: z.nullable(z.number()),
    confidence: z.number(),
    /** History on its regular grid (decimated by a stride when long): value i is at start + i·step; never empty. */
    history: z
      .object({ start: z.number(), step: z.number().check(z.positive()), values })
      .check(z.refine((h) => h.values.length > 0, { error: 'expected at least one history value' })),
    /** Point i of the forecast is at t[i]: the four series have one length. */
    forecast: z.object({ t: values, value: values, lower: values, upper: values }).check(
      z.refine((f) => f.value.length === f.t.length && f.lower.length === f.t.length && f.upper.length === f.t.length, {
        error: 'expected t, value, lower and upper of one length',
      }),
    ),
    /** Where the chart opens (the recent history); zooming out shows the rest. */
    viewFrom: z.number(),
    /** The latest level shift in the history (its first point at the new level), drawn as a marker. */
    levelShift: z.nullable(z.object({ t: z.number(), before: z.number(), after: z.number(), text })),
  });
}

export const panelMetricSchema = metricSchema(series);
export type PanelMetric = z.infer<typeof panelMetricSchema>;

function modelSchema<S extends ArrayLike<number>>(values: z.ZodMiniType<S>) {
  return z.object({
    /** Changes with every forecast; the page keeps the zoom while it stays the same. */
    id: text,
    source: text,
    sourcePath: text,
    createdAt: z.number(),
    createdAtText: text,
    producer: z.object({ provider: text, model: z.nullable(text), method: text }),
    /** The last observation: the "now" of the forecast. */
    now: z.number(),
    horizonEnd: z.number(),
    horizonText: text,
    level: z.number(),
    headline: z.object({
      metric: z.nullable(text),
      /** The sentence at the top: "latency_p95 reaches 350 ms in 4 d 14 h". */
      text,
      relative: z.nullable(text),
      absolute: z.nullable(text),
      probability: z.nullable(z.number()),
    }),
    risk: z.object({ level: riskLevel, score: z.number(), reasons: z.array(text) }),
    confidence: z.object({
      score: z.number(),
      skill: z.number(),
      coverage: z.number(),
      dataQuality: z.number(),
      reach: z.number(),
    }),
    /** The confidence parts in words (absent in a state saved by an older version). */
    confidenceText: z.optional(text),
    /** Identical warnings of several metrics merged into one, timestamps written as everywhere in the panel. */
    warnings: z.array(text),
    narrative: z.nullable(text),
    /** An LLM forecast's tokens and estimate in words; null for the built-in (absent in a state saved by an older version). */
    usage: z.optional(z.nullable(text)),
    /** After a failover: who was asked, what failed, who made this forecast (absent in a state saved by an older version). */
    failover: z.optional(z.nullable(text)),
    /** Metrics whose history already reached their capacity, and when, one sentence each. */
    touched: z.optional(z.array(text)),
    metrics: z.array(metricSchema(values)).check(z.minLength(1)),
    /** For a source with more series than charts: every series ranked (the charts show the first). */
    fleet: z.optional(
      z.object({
        total: z.number(),
        rows: z
          .array(
            z.object({
              series: text,
              group: text,
              status: z.enum(['ok', 'warning', 'critical']),
              breach: text,
              probability: z.number(),
              risk: riskLevel,
              confidence: z.number(),
            }),
          )
          .check(z.maxLength(1000)),
      }),
    ),
  });
}

/** What the host sends: series as typed arrays. */
export const panelModelSchema = modelSchema(series);
export type PanelModel = z.infer<typeof panelModelSchema>;
/** The same as the page saves it: series as number arrays (JSON). */
export const savedPanelModelSchema = modelSchema(numbers);
export type SavedPanelModel = z.infer<typeof savedPanelModelSchema>;

export const panelStatusSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('empty') }),
  z.object({ kind: z.literal('loading'), source: text, provider: text }),
  z.object({ kind: z.literal('error'), source: text, message: text, actions: z.array(panelAction) }),
]);
export type PanelStatus = z.infer<typeof panelStatusSchema>;

/** An id the page sends back (a choice of a selector). */
const choiceId = z.string().check(z.maxLength(40));
const selector = z.object({
  label: text,
  /** The id of the option in force. */
  selected: choiceId,
  options: z.array(z.object({ id: choiceId, label: text })).check(z.maxLength(20)),
});

/** The horizon and level selectors of the panel's header, for the file it shows (words made by the host). */
export const panelControlsSchema = z.object({
  /** The source the choices apply to (a path or a URI), sent back with a choice. */
  file: text,
  /** A forecast is under way: the selectors wait. */
  busy: z.boolean(),
  horizon: selector,
  level: selector,
});
export type PanelControls = z.infer<typeof panelControlsSchema>;

/** The page's words in the editor's language: English message → translation. */
const pageStringsSchema = z
  .record(text, text)
  .check(z.refine((v) => Object.keys(v).length <= MAX_PAGE_STRINGS, `expected at most ${MAX_PAGE_STRINGS} entries`));

/** Host → page. */
export const hostMessageSchema = z.discriminatedUnion('type', [
  /** The page's words, sent first each time the page says it is ready. */
  z.object({ type: z.literal('strings'), strings: pageStringsSchema }),
  /** The selectors for the forecast shown, or null when it has none (sent after the forecast). */
  z.object({ type: z.literal('controls'), controls: z.nullable(panelControlsSchema) }),
  z.object({ type: z.literal('status'), status: panelStatusSchema }),
  z.object({ type: z.literal('forecast'), model: panelModelSchema }),
  /** Asks the page for the charts as one PNG (answered by a `png` message with the same id). */
  z.object({ type: z.literal('requestPng'), requestId: text }),
]);
export type HostMessage = z.infer<typeof hostMessageSchema>;

/** A PNG as a data URL; empty when the page has no chart to draw (the host then says so). */
const PNG_DATA_URL = /^data:image\/png;base64,[A-Za-z0-9+/=]*$/;

/** Page → host. */
export const pageMessageSchema = z.discriminatedUnion('type', [
  /** The page is listening; `showing` is the forecast id it restored from its saved state, if any. */
  z.object({ type: z.literal('ready'), showing: z.nullable(text) }),
  z.object({ type: z.literal('command'), command: panelAction }),
  z.object({ type: z.literal('export'), format: z.enum(['csv', 'json']) }),
  /** A selector changed: the host checks the choice against what it offered, then forecasts again. */
  z.object({
    type: z.literal('choose'),
    file: text,
    control: z.enum(['horizon', 'level']),
    choice: choiceId,
  }),
  z.object({
    type: z.literal('png'),
    requestId: z.nullable(text),
    dataUrl: z.string().check(z.maxLength(50_000_000), z.regex(PNG_DATA_URL)),
  }),
  /** After each render: what was drawn and how long it took (logged; used by the tests and the benchmark). */
  /** `charts`: how many the page holds; `created`: how many were in view and drawn (the others are created when scrolled to). */
  /** `drawnMs`: until every canvas in view was drawn; `ms`: until the next frame after that. */
  z.object({
    type: z.literal('rendered'),
    id: text,
    charts: z.number(),
    created: z.number(),
    points: z.number(),
    drawnMs: z.number(),
    ms: z.number(),
    palette: z.array(text),
  }),
  z.object({ type: z.literal('log'), level: z.enum(['info', 'warn', 'error']), message: text }),
]);
export type PageMessage = z.infer<typeof pageMessageSchema>;

/** What the page keeps with `setState`, so a reloaded window shows the panel as it was. */
export const panelSavedStateSchema = z.object({
  model: z.nullable(savedPanelModelSchema),
  mode: z.enum(['perMetric', 'percent']),
});
export type PanelSavedState = z.infer<typeof panelSavedStateSchema>;

/** Parses a message or says in one line why it was refused (no values, which may be large). */
export function parseMessage<T>(
  schema: z.ZodMiniType<T>,
  raw: unknown,
): { ok: true; message: T } | { ok: false; problem: string } {
  const result = z.safeParse(schema, raw);
  if (result.success) return { ok: true, message: result.data };
  const issue = result.error.issues[0];
  // Stryker disable next-line OptionalChaining: a failed parse has at least one issue; the chain only satisfies the type
  const where = issue?.path.length ? issue.path.join('.') : 'message';
  const type =
    raw !== null && typeof raw === 'object' && 'type' in raw
      ? String((raw as { type: unknown }).type).slice(0, 40)
      : typeof raw;
  // Stryker disable next-line StringLiteral,OptionalChaining: a failed parse has at least one issue; the fallback only satisfies the type
  const why = issue?.message ?? 'invalid';
  return { ok: false, problem: `${type}: ${where}: ${why}` };
}
