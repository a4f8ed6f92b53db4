import * as z from '../base/zod';
import { type MetricSet } from '../base/forecastSchema';
import { type L10n, english } from '../l10n';
import { type ForecastChoice, MAX_CHOICE_FILE_LENGTH } from '../settings/forecastChoices';
import { type ForecastSettings } from '../settings/forecastOptions';
import { buildPanelControls } from './panelControls';
import { type PanelControls } from './panelMessages';

/** Where the host keeps what the panel shows (workspaceState in the editor). */
export const SHOWN_KEY = 'bottleneck.panel.shown';
/** Longer than any forecast id the host makes (a timestamp, a source name, a provider id). */
const MAX_ID_LENGTH = MAX_CHOICE_FILE_LENGTH + 256;

/**
 * What the host remembers of the forecast the panel shows: enough to offer its horizon and
 * level selectors again when VS Code restores the panel after a reload, when the page
 * redraws the forecast from its own saved state and the host holds no forecast. Only what
 * the selectors depend on is kept (the step and the shortest history), not the history.
 */
export interface ShownForecast {
  /** The panel model's id (what the restored page says it shows). */
  readonly id: string;
  /** The forecast's source: what a choice forecasts again. */
  readonly file: string;
  readonly stepMs: number;
  /** Points in the shortest history of the set. */
  readonly shortest: number;
}

const shownSchema = z.strictObject({
  id: z.string().min(1).max(MAX_ID_LENGTH),
  file: z.string().min(1).max(MAX_CHOICE_FILE_LENGTH),
  stepMs: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  shortest: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
});

/** What to remember of a forecast of `set` shown under `id`; undefined for a source too long to remember. */
export function shownForecast(id: string, file: string, set: MetricSet): ShownForecast | undefined {
  const first = set.metrics[0];
  if (!first || id.length > MAX_ID_LENGTH || file.length === 0 || file.length > MAX_CHOICE_FILE_LENGTH)
    return undefined;
  const shortest = set.metrics.reduce((n, m) => Math.min(n, m.values.length), Infinity);
  return { id, file, stepMs: first.stepMs, shortest };
}

/** The remembered forecast, read through the schema (stored state is input); undefined when absent or unusable. */
export function readShownForecast(stored: unknown): ShownForecast | undefined {
  const parsed = shownSchema.safeParse(stored);
  return parsed.success ? parsed.data : undefined;
}

/**
 * The selectors for a page VS Code restored showing forecast `showing`: those of the
 * remembered forecast when it is that one (the file's choice over the settings, as after
 * a forecast), else none: selectors for another forecast than the one drawn would forecast
 * a file the page does not show.
 */
export function restoredControls(
  shown: ShownForecast | undefined,
  showing: string,
  settings: ForecastSettings,
  choice: ForecastChoice,
  busy: boolean,
  l10n: L10n = english,
): PanelControls | undefined {
  if (!shown || shown.id !== showing) return undefined;
  const metrics = [{ stepMs: shown.stepMs, values: { length: shown.shortest } }];
  return buildPanelControls(shown.file, metrics, settings, choice, busy, l10n);
}
