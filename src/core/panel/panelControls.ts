import { formatDuration } from '../format';
import { type L10n, english } from '../l10n';
import {
  type ChoiceChange,
  type ForecastChoice,
  HORIZON_CHOICES,
  type HorizonChoice,
  LEVEL_CHOICES,
  allowedHorizons,
} from '../settings/forecastChoices';
import { type ForecastSettings } from '../settings/forecastOptions';
import { type PanelControls } from './panelMessages';

/** The entry of either selector that goes back to the settings' value. */
export const FROM_SETTINGS = 'settings';

/**
 * The panel's horizon and level selectors for the file it shows: the settings' value
 * first (choosing it forgets the file's choice), then the automatic horizon and the
 * durations the history allows, or the offered levels. A file's earlier choice that the
 * history no longer allows is still listed, so the selector shows what is in force.
 * Every word is made here, on the host (in the language `l10n` speaks), so the page shows
 * only what it is given.
 */
export function buildPanelControls(
  file: string,
  metrics: Parameters<typeof allowedHorizons>[0],
  settings: ForecastSettings,
  choice: ForecastChoice,
  busy: boolean,
  l10n: L10n = english,
): PanelControls {
  const allowed: HorizonChoice[] = ['auto', ...allowedHorizons(metrics)];
  if (choice.horizon && !allowed.includes(choice.horizon)) allowed.push(choice.horizon);
  const levels: number[] = [...LEVEL_CHOICES];
  if (choice.level !== undefined && !levels.includes(choice.level)) levels.push(choice.level);
  return {
    file,
    busy,
    horizon: {
      label: l10n.t('Horizon'),
      selected: choice.horizon ?? FROM_SETTINGS,
      options: [
        { id: FROM_SETTINGS, label: l10n.t('Settings: {0}', settingsHorizon(settings.horizon, l10n)) },
        ...allowed.map((id) => ({ id, label: horizonLabel(id, l10n) })),
      ],
    },
    level: {
      label: l10n.t('Intervals'),
      selected: choice.level === undefined ? FROM_SETTINGS : levelId(choice.level),
      options: [
        { id: FROM_SETTINGS, label: l10n.t('Settings: {0}', percent(settings.level)) },
        ...levels.map((l) => ({ id: levelId(l), label: percent(l) })),
      ],
    },
  };
}

/**
 * What a choice the page sent means, checked against the selectors the host offered
 * (page input is untrusted): the change to store, or why it is refused.
 */
export function readChoice(
  offered: PanelControls | undefined,
  message: { readonly file: string; readonly control: 'horizon' | 'level'; readonly choice: string },
): { ok: true; change: ChoiceChange } | { ok: false; problem: string } {
  if (!offered) return { ok: false, problem: 'the panel offers no forecast controls now' };
  if (message.file !== offered.file)
    return { ok: false, problem: 'the choice is for a file the panel no longer shows' };
  if (offered.busy) return { ok: false, problem: 'a forecast is under way' };
  if (!offered[message.control].options.some((o) => o.id === message.choice))
    return { ok: false, problem: `the ${message.control} choice is not one the panel offered` };
  if (message.choice === FROM_SETTINGS) return { ok: true, change: { [message.control]: null } };
  if (message.control === 'horizon') return { ok: true, change: { horizon: message.choice as HorizonChoice } };
  return { ok: true, change: { level: Number(message.choice) / 100 } };
}

function horizonLabel(id: HorizonChoice, l10n: L10n): string {
  if (id === 'auto') return l10n.t('Automatic');
  const ms = HORIZON_CHOICES.find((c) => c.id === id)?.ms ?? 0;
  return formatDuration(ms, l10n);
}

function settingsHorizon(horizon: ForecastSettings['horizon'], l10n: L10n): string {
  if (!horizon) return l10n.t('automatic');
  return 'ms' in horizon ? formatDuration(horizon.ms, l10n) : l10n.t('{0} steps', horizon.steps);
}

const levelId = (level: number): string => String(Math.round(level * 1000) / 10);
const percent = (level: number): string => `${Math.round(level * 1000) / 10}%`;
