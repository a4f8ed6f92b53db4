import * as z from '../base/zod';
import { type KeyValueStore } from '../storage/keyValueStore';
import { type ForecastSettings } from './forecastOptions';

/** The horizons the panel offers (those the history allows), shortest first; `auto` is the automatic one. */
export const HORIZON_CHOICES = [
  { id: '1h', ms: 3_600_000 },
  { id: '6h', ms: 6 * 3_600_000 },
  { id: '12h', ms: 12 * 3_600_000 },
  { id: '1d', ms: 86_400_000 },
  { id: '2d', ms: 2 * 86_400_000 },
  { id: '3d', ms: 3 * 86_400_000 },
  { id: '1w', ms: 7 * 86_400_000 },
  { id: '2w', ms: 14 * 86_400_000 },
  { id: '4w', ms: 28 * 86_400_000 },
] as const;
export type HorizonChoice = 'auto' | (typeof HORIZON_CHOICES)[number]['id'];

/** The interval levels the panel offers. */
export const LEVEL_CHOICES = [0.8, 0.9, 0.95, 0.99] as const;

/** A person's horizon and level for one file, chosen in the panel; each absent one is the setting's. */
export interface ForecastChoice {
  readonly horizon?: HorizonChoice;
  readonly level?: number;
}

/** A change of one file's choice: a value, or `null` to go back to the setting. */
export interface ChoiceChange {
  readonly horizon?: HorizonChoice | null;
  readonly level?: number | null;
}

/** Where the choices are kept (workspaceState in the editor). */
export const CHOICES_KEY = 'bottleneck.forecastChoices';
/** Files remembered; the one chosen longest ago is forgotten first. */
export const MAX_CHOICE_FILES = 100;
/** A source name longer than this (a path or a URI) is not remembered. */
export const MAX_CHOICE_FILE_LENGTH = 4096;

const horizonIds: readonly string[] = ['auto', ...HORIZON_CHOICES.map((c) => c.id)];
const storedSchema = z.object({
  version: z.literal(1),
  files: z
    .array(
      z.strictObject({
        file: z.string().min(1).max(MAX_CHOICE_FILE_LENGTH),
        horizon: z
          .string()
          .refine((h) => horizonIds.includes(h), 'not a horizon the panel offers')
          .optional(),
        level: z
          .number()
          .refine((l) => (LEVEL_CHOICES as readonly number[]).includes(l), 'not a level the panel offers')
          .optional(),
      }),
    )
    .max(MAX_CHOICE_FILES),
});

/**
 * The panel's horizon and level per file, kept in a store (workspace input: read through a
 * schema; a store that fails it is ignored and said once, never a crash). At most
 * MAX_CHOICE_FILES files, the one chosen longest ago forgotten first. A file's choice is
 * used by every later forecast of it (Run Forecast, the panel, the scheduled refresh) over
 * the settings' values.
 */
export class ForecastChoices {
  /** In the order they were chosen, longest ago first. */
  private readonly files = new Map<string, ForecastChoice>();
  private writes: Promise<void> = Promise.resolve();
  /** Why the stored choices were not used, when they were not. */
  readonly problem: string | undefined;

  constructor(private readonly store: KeyValueStore) {
    const raw = store.get(CHOICES_KEY);
    if (raw === undefined) return;
    const parsed = storedSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      this.problem = `the panel's stored forecast choices are not usable (${issue?.path.join('.') || 'value'}: ${issue?.message ?? 'invalid'}); every file uses the settings' horizon and level`;
      return;
    }
    for (const { file, horizon, level } of parsed.data.files)
      this.files.set(file, {
        ...(horizon ? { horizon: horizon as HorizonChoice } : {}),
        ...(level !== undefined ? { level } : {}),
      });
  }

  /** The file's choice (empty when it has none). */
  get(file: string): ForecastChoice {
    return this.files.get(file) ?? {};
  }

  /** How many files have a choice. */
  get size(): number {
    return this.files.size;
  }

  /**
   * Changes a file's choice and stores every choice. The change is in force at once; the
   * promise rejects when the store could not keep it (it is then lost at the next start).
   */
  set(file: string, change: ChoiceChange): Promise<void> {
    if (file.length === 0 || file.length > MAX_CHOICE_FILE_LENGTH)
      return Promise.reject(new Error(`a source name of ${file.length} characters is not remembered`));
    const before = this.files.get(file) ?? {};
    const horizon = change.horizon === undefined ? before.horizon : (change.horizon ?? undefined);
    const level = change.level === undefined ? before.level : (change.level ?? undefined);
    this.files.delete(file);
    if (horizon !== undefined || level !== undefined)
      this.files.set(file, { ...(horizon ? { horizon } : {}), ...(level !== undefined ? { level } : {}) });
    for (const oldest of this.files.keys()) {
      if (this.files.size <= MAX_CHOICE_FILES) break;
      this.files.delete(oldest);
    }
    const value = {
      version: 1,
      files: [...this.files].map(([f, c]) => ({ file: f, ...c })),
    };
    // one write at a time, in order: the last one stored is the newest state
    const write = this.writes.then(() => this.store.update(CHOICES_KEY, value));
    this.writes = write.catch(() => undefined);
    return write;
  }

  /** What a forecast of the file uses: its choice over the settings' horizon and level. */
  apply(file: string, settings: ForecastSettings): ForecastSettings {
    const choice = this.files.get(file);
    if (!choice) return settings;
    const { horizon: _horizon, ...rest } = settings;
    const horizon =
      choice.horizon === undefined
        ? settings.horizon
        : choice.horizon === 'auto'
          ? undefined
          : { ms: horizonMs(choice.horizon) };
    return { ...rest, ...(horizon ? { horizon } : {}), level: choice.level ?? settings.level };
  }
}

/** A horizon choice's length. */
export function horizonMs(id: Exclude<HorizonChoice, 'auto'>): number {
  return (HORIZON_CHOICES.find((c) => c.id === id) as (typeof HORIZON_CHOICES)[number]).ms;
}

/**
 * The horizons a history allows, as the forecaster checks them: at least one step, and a
 * history of at least twice the horizon plus two steps (and 16 steps) for every series.
 */
export function allowedHorizons(
  metrics: readonly { readonly stepMs: number; readonly values: { readonly length: number } }[],
): Exclude<HorizonChoice, 'auto'>[] {
  const first = metrics[0];
  if (!first) return [];
  const shortest = metrics.reduce((n, m) => Math.min(n, m.values.length), Infinity);
  if (shortest < 16) return [];
  const maxSteps = Math.floor((shortest - 2) / 2);
  return HORIZON_CHOICES.filter((c) => c.ms >= first.stepMs && Math.ceil(c.ms / first.stepMs) <= maxSteps).map(
    (c) => c.id,
  );
}
