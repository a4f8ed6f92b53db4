import * as z from '../base/zod';
import { type KeyValueStore, transactOn } from '../storage/keyValueStore';
import { type ForecastData, type MetricSet } from '../base/forecastSchema';
import { seasonalNaiveScale } from '../forecast/accuracy';
import { candidatePeriods } from '../forecast/seasonality';
import { providerIdSchema, type ProviderId } from '../base/providerIds';
import { type TrackRecord } from '../base/trackRecord';
import { tokenUsageSchema } from '../base/tokenUsage';

export const LEDGER_KEY = 'bottleneck.providerLedger';
const MAX_ENTRIES = 100;
const MAX_POINTS = 200;

const entrySchema = z.object({
  provider: providerIdSchema,
  model: z.string().nullable(),
  source: z.string(),
  metric: z.string(),
  createdAt: z.string(),
  /** Time of each kept point (epoch ms) and its forecast value and bounds. */
  times: z.array(z.number()),
  values: z.array(z.number()),
  lower: z.array(z.number()),
  upper: z.array(z.number()),
  /** The history's seasonal-naive error when the forecast was made (the MASE scale). */
  scale: z.number().positive(),
  scored: z.object({ mase: z.number().nonnegative(), coverage: z.number().min(0).max(1), at: z.string() }).nullable(),
  /** The tokens of the forecast this metric was part of (null: not reported; absent in entries kept before it was recorded). */
  usage: tokenUsageSchema.nullable().optional(),
});
const ledgerSchema = z.object({ version: z.literal(1), entries: z.array(entrySchema) });
type Entry = z.infer<typeof entrySchema>;

/**
 * Every LLM provider's past forecasts (at most 200 points a metric, the newest 100
 * forecasts), kept per workspace. When a later load of the same file covers a forecast's
 * horizon, it is scored: MASE against the seasonal-naive error of its history, and the
 * share of actual values inside its interval. The mean of the scored ones is the
 * provider's track record, which the normalizer folds into confidence.
 */
export class ForecastLedger {
  private entries: Entry[];
  readonly recovered: string | undefined;

  constructor(
    private readonly store: KeyValueStore,
    private readonly now: () => Date = () => new Date(),
  ) {
    const raw = store.get(LEDGER_KEY);
    const parsed = ledgerSchema.safeParse(raw ?? { version: 1, entries: [] });
    this.entries = parsed.success ? parsed.data.entries : [];
    if (!parsed.success) this.recovered = 'the stored provider ledger was unreadable and was started afresh';
  }

  /** Keeps a provider's forecast for later scoring (the built-in forecaster's are not kept). */
  async record(data: ForecastData, history: MetricSet): Promise<void> {
    if (data.producer.provider === 'builtin') return;
    const added: Entry[] = [];
    for (const m of data.metrics) {
      const series = history.metrics.find((s) => s.name === m.name);
      if (!series) continue;
      const stride = Math.max(1, Math.ceil(m.points.length / MAX_POINTS));
      const kept = m.points.filter((_, i) => i % stride === 0);
      const period = candidatePeriods(series.stepMs).find((p) => series.values.length > 2 * p) ?? 1;
      const scale = seasonalNaiveScale(series.values, period);
      if (!(scale > 0)) continue;
      added.push({
        provider: data.producer.provider,
        model: data.producer.model,
        source: data.source,
        metric: m.name,
        createdAt: data.createdAt,
        times: kept.map((p) => Date.parse(p.t)),
        values: kept.map((p) => p.value),
        lower: kept.map((p) => p.lower),
        upper: kept.map((p) => p.upper),
        scale,
        scored: null,
        usage: data.producer.usage ?? null,
      });
    }
    if (added.length) await this.commit((current) => [...current, ...added]);
  }

  /** Scores every kept forecast whose horizon the newly loaded data now covers; returns how many. */
  async score(set: MetricSet): Promise<number> {
    let scored = 0;
    const scores = new Map<string, NonNullable<Entry['scored']>>();
    for (const e of this.entries) {
      if (e.scored || e.source !== set.source) continue;
      const series = set.metrics.find((m) => m.name === e.metric);
      if (!series) continue;
      const end = series.start + (series.values.length - 1) * series.stepMs;
      // an entry kept without times has no horizon to wait for and nothing to score
      if (end < (e.times.at(-1) ?? Infinity)) continue;
      let err = 0;
      let inside = 0;
      let n = 0;
      e.times.forEach((t, i) => {
        const k = Math.round((t - series.start) / series.stepMs);
        const actual = series.values[k];
        if (actual === undefined) return;
        err += Math.abs(actual - (e.values[i] as number));
        if (actual >= (e.lower[i] as number) && actual <= (e.upper[i] as number)) inside++;
        n++;
      });
      if (n === 0) continue;
      scores.set(entryId(e), { mase: err / n / e.scale, coverage: inside / n, at: this.now().toISOString() });
      scored++;
    }
    if (scored)
      await this.commit((current) =>
        current.map((e) => (e.scored ? e : { ...e, scored: scores.get(entryId(e)) ?? null })),
      );
    return scored;
  }

  trackRecord(provider: ProviderId): TrackRecord | undefined {
    const scores = this.entries.flatMap((e) => (e.provider === provider && e.scored ? [e.scored] : []));
    if (scores.length === 0) return undefined;
    type Score = (typeof scores)[number];
    const mean = (f: (s: Score) => number): number => scores.reduce((sum, s) => sum + f(s), 0) / scores.length;
    return { mase: mean((s) => s.mase), coverage: mean((s) => s.coverage), count: scores.length };
  }

  get size(): number {
    return this.entries.length;
  }

  /**
   * Applies a change to the ledger as stored now (the CLI's state file is shared by
   * processes), so that two forecasts recorded at once both stay; keeps the newest entries.
   */
  private async commit(change: (current: readonly Entry[]) => Entry[]): Promise<void> {
    this.entries = await transactOn(this.store, (read) => {
      // nothing stored yet, or something unreadable: the change starts from no entries
      const parsed = ledgerSchema.safeParse(read(LEDGER_KEY));
      const next = change(parsed.success ? parsed.data.entries : []).slice(-MAX_ENTRIES);
      return { writes: { [LEDGER_KEY]: { version: 1, entries: next } }, result: next };
    });
  }
}

/** One kept forecast of one metric: who made it, of what, when. */
function entryId(e: Entry): string {
  return [e.provider, e.source, e.metric, e.createdAt].join('\u0000');
}
