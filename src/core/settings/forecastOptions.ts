import { parseHorizon } from '../format';

/** What Run Forecast and the scheduled refresh forecast with: the CLI's `--horizon` and `--level`. */
export interface ForecastSettings {
  /** Absent: the automatic horizon (a week, or a quarter of the shortest history). */
  readonly horizon?: { readonly ms: number } | { readonly steps: number };
  readonly level: number;
}

/** The interval level when none (or a bad one) is set, as the CLI's `--level`. */
export const DEFAULT_LEVEL = 0.95;
/** Longest horizon text read from settings (package.json's maxLength). */
const MAX_HORIZON_TEXT = 32;
/** Bounds beyond which a horizon is a typing mistake: a year, or a million steps. */
const MAX_HORIZON_MS = 366 * 86_400_000;
const MAX_HORIZON_STEPS = 1_000_000;

/**
 * Parses `bottleneck.forecast.horizon` and `bottleneck.forecast.level` (workspace input):
 * the horizon as the CLI's `--horizon` (90m, 6h, 2d, 1w or a whole number of steps; empty
 * for automatic), the level a number from 0.5 to 0.999 as `--level`. A bad value is not
 * used (the automatic horizon, the 0.95 level) and gets a problem that names the setting.
 */
export function parseForecastSettings(
  horizon: unknown,
  level: unknown,
): { settings: ForecastSettings; problems: string[] } {
  const problems: string[] = [];
  const parsedHorizon = readHorizon(horizon, problems);
  let parsedLevel = DEFAULT_LEVEL;
  if (level !== undefined && level !== null) {
    if (typeof level === 'number' && level >= 0.5 && level <= 0.999) parsedLevel = level;
    else
      problems.push(
        `bottleneck.forecast.level must be a number from 0.5 to 0.999 (got ${quote(level)}); ${DEFAULT_LEVEL} is used`,
      );
  }
  return { settings: { ...(parsedHorizon ? { horizon: parsedHorizon } : {}), level: parsedLevel }, problems };
}

function readHorizon(raw: unknown, problems: string[]): ForecastSettings['horizon'] {
  if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) return undefined;
  const horizon =
    typeof raw === 'string' && raw.length <= MAX_HORIZON_TEXT
      ? parseHorizon(raw)
      : typeof raw === 'number' && Number.isInteger(raw) && raw > 0
        ? { steps: raw }
        : undefined;
  if (horizon === undefined) {
    problems.push(
      `bottleneck.forecast.horizon ${quote(raw)} is not a duration (90m, 6h, 2d, 1w) or a number of steps; the automatic horizon is used`,
    );
    return undefined;
  }
  if ('ms' in horizon ? horizon.ms > MAX_HORIZON_MS : horizon.steps > MAX_HORIZON_STEPS) {
    problems.push(
      `bottleneck.forecast.horizon ${quote(raw)} is longer than a year or a million steps; the automatic horizon is used`,
    );
    return undefined;
  }
  return horizon;
}

/** A setting's value in a message, cut short (a workspace can write anything there). */
function quote(value: unknown): string {
  if (typeof value === 'string')
    return value.length > 40 ? `${JSON.stringify(value.slice(0, 40))}…` : JSON.stringify(value);
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : String(value);
}
