import * as z from '../base/zod';
import { type KeyValueStore, type Transaction, transactOn } from '../storage/keyValueStore';
import { type TokenUsage } from '../base/tokenUsage';
import { type ProviderId } from '../base/providerIds';
import { type Clock, systemClock } from '../time/clock';
import { describeIssues } from '../base/describeIssues';

export const USAGE_KEY = 'bottleneck.usage';
const QUARANTINE_PREFIX = 'bottleneck.usage.quarantine.';
/** This month and the twelve before it are kept; older months are dropped. */
const MONTHS_KEPT = 13;
/** More providers in a month than any stack holds: a store with more is not ours. */
const MAX_PROVIDERS_PER_MONTH = 64;

const counter = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
const tallySchema = z.strictObject({
  promptTokens: counter,
  completionTokens: counter,
  /** LLM forecasts answered (a bad answer spent tokens too). */
  answers: counter,
  /** Answers whose usage the provider did not report: their tokens are unknown, not counted as 0. */
  unreported: counter,
});
export type UsageTally = z.infer<typeof tallySchema>;

// Stryker disable next-line StringLiteral: zod 4 reports a record key that fails as "Invalid key in record", without its message
const providerKey = z.string().regex(/^[\w:.-]{1,100}$/, 'a provider id');
// Stryker disable next-line StringLiteral: zod 4 reports a record key that fails as "Invalid key in record", without its message
const monthKey = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month is written YYYY-MM');

const monthSchema = z
  .record(providerKey, tallySchema)
  .refine(
    (m) => Object.keys(m).length <= MAX_PROVIDERS_PER_MONTH,
    `at most ${MAX_PROVIDERS_PER_MONTH} providers a month`,
  );
const usageStateSchema = z.object({
  version: z.literal(1),
  /** By UTC month, "2026-11". */
  months: z
    .record(monthKey, monthSchema)
    .refine((m) => Object.keys(m).length <= MONTHS_KEPT, `at most ${MONTHS_KEPT} months`),
});
type UsageState = z.infer<typeof usageStateSchema>;

const emptyState = (): UsageState => ({ version: 1, months: {} });

/** What `open` found when the stored usage could not be used. */
export interface UsageRecovery {
  readonly problem: string;
  /** Key under which the unusable value was kept aside (never deleted). */
  readonly quarantineKey: string;
}

/** One provider's use in one month. */
export interface ProviderUsage extends UsageTally {
  readonly provider: string;
}

/** The UTC calendar month of a time, as the ledger keys it: "2026-11". */
export function monthOf(at: Date): string {
  return at.toISOString().slice(0, 7);
}

/**
 * The tokens each LLM provider used, per UTC calendar month, kept per workspace: what
 * budgets are checked against and Show Usage lists. Writes are serialized here and made
 * through the store's transaction (the CLI's state file is shared by processes), so two
 * forecasts answered at once are both counted. Stored state that fails its schema is kept
 * aside under a quarantine key and counting starts afresh, as for the provider lock.
 */
export class UsageLedger {
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly store: KeyValueStore,
    private state: UsageState,
    private readonly clock: Clock,
  ) {}

  /** Loads the usage; never throws on stored data, rejects only when a quarantine cannot be written. */
  static async open(
    store: KeyValueStore,
    clock: Clock = systemClock,
  ): Promise<{ ledger: UsageLedger; recovery?: UsageRecovery }> {
    const raw = store.get(USAGE_KEY);
    const parsed = usageStateSchema.safeParse(raw ?? emptyState());
    // Stryker disable next-line ConditionalExpression: a valid store sent on below is read again under the transaction, found valid and taken the same way (one lock round more)
    if (parsed.success) return { ledger: new UsageLedger(store, parsed.data, clock) };
    const ledger = new UsageLedger(store, emptyState(), clock);
    const recovery = await ledger.enqueue(() =>
      transactOn(store, (read): Transaction<UsageRecovery | undefined> => {
        const again = usageStateSchema.safeParse(read(USAGE_KEY) ?? emptyState());
        if (again.success) {
          ledger.state = again.data;
          // Stryker disable next-line ObjectLiteral: {} has no result either: undefined
          return { result: undefined };
        }
        const quarantineKey = `${QUARANTINE_PREFIX}${clock.now().toISOString()}`;
        const problem = `the stored token usage is invalid (${describeIssues(again.error)})`;
        return {
          writes: { [quarantineKey]: read(USAGE_KEY), [USAGE_KEY]: emptyState() },
          result: { problem, quarantineKey },
        };
      }),
    );
    return { ledger, ...(recovery ? { recovery } : {}) };
  }

  /** Counts one answer of a provider this month: its tokens, or that they are unknown. */
  record(provider: ProviderId, usage: TokenUsage | null): Promise<void> {
    if (provider === 'builtin') return Promise.resolve();
    return this.enqueue(async () => {
      const month = monthOf(this.clock.now());
      this.state = await transactOn(this.store, (read) => {
        const parsed = usageStateSchema.safeParse(read(USAGE_KEY) ?? emptyState());
        // a store changed meanwhile into something unusable is not added to: counting goes on from ours
        const current = parsed.success ? parsed.data : this.state;
        const before = current.months[month]?.[provider] ?? {
          promptTokens: 0,
          completionTokens: 0,
          answers: 0,
          unreported: 0,
        };
        const add = (a: number, b: number): number => Math.min(Number.MAX_SAFE_INTEGER, a + b);
        const tally: UsageTally = {
          promptTokens: add(before.promptTokens, usage?.promptTokens ?? 0),
          completionTokens: add(before.completionTokens, usage?.completionTokens ?? 0),
          answers: add(before.answers, 1),
          unreported: add(before.unreported, usage ? 0 : 1),
        };
        const months = { ...current.months, [month]: { ...current.months[month], [provider]: tally } };
        const kept = Object.keys(months).sort().slice(-MONTHS_KEPT);
        const next: UsageState = { version: 1, months: Object.fromEntries(kept.map((m) => [m, months[m] ?? {}])) };
        return { writes: { [USAGE_KEY]: next }, result: next };
      });
    });
  }

  /** The current UTC month and each provider's use in it, most tokens first. */
  thisMonth(): { readonly month: string; readonly providers: readonly ProviderUsage[] } {
    const month = monthOf(this.clock.now());
    const providers = Object.entries(this.state.months[month] ?? {})
      .map(([provider, tally]) => ({ provider, ...tally }))
      .sort((a, b) => b.promptTokens + b.completionTokens - (a.promptTokens + a.completionTokens));
    return { month, providers };
  }

  /** The tokens a provider is known to have used this UTC month. */
  spent(provider: ProviderId): number {
    const tally = this.state.months[monthOf(this.clock.now())]?.[provider];
    return tally ? tally.promptTokens + tally.completionTokens : 0;
  }

  private enqueue<T>(operation: () => T | Promise<T>): Promise<T> {
    const run = this.queue.then(operation);
    this.queue = run.catch(() => undefined);
    return run;
  }
}
