/**
 * The panel's closed lists, without zod, so that the page can use them at run time and
 * its bundle carries no schema library (panelMessages.ts builds its schemas from them).
 */

/** What the newest forecast can be saved as: its points (CSV), the whole ForecastData (JSON), the charts (PNG). */
export const EXPORT_FORMATS = ['csv', 'json', 'png'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** What the page may ask the host to run: a closed list, never a command id. */
export const PANEL_ACTIONS = [
  'retry',
  'forecastSample',
  'pickFile',
  'switchProvider',
  'setApiKey',
  'showLogs',
  'openSettings',
] as const;
export type PanelAction = (typeof PANEL_ACTIONS)[number];

/** How many words the host may send the page (it sends about a hundred). */
export const MAX_PAGE_STRINGS = 1000;
