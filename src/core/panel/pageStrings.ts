import { type L10n, english } from '../l10n';

/**
 * Every word the panel's page shows, in the order the page's files use them, each a
 * literal call so that `npm run l10n` finds it. The page cannot ask VS Code for its
 * language; the host sends it these (`pageStrings`) and the page falls back to English.
 * A unit test holds this list to the page's own `t('…')` calls.
 */
function pageMessages(l10n: L10n): string[] {
  return [
    l10n.t('Last value {0}.'),
    l10n.t('capacity {0}'),
    l10n.t('history'),
    l10n.t('forecast'),
    l10n.t('lower {0}'),
    l10n.t('upper {0}'),
    l10n.t('All metrics, % of the way to capacity (100% = breach; capacity ÷ value for metrics that breach below)'),
    l10n.t('All metrics with a capacity, as a percentage of the way to it; 100% is the breach line.'),
    l10n.t('no capacity set'),
    l10n.t('already beyond capacity'),
    l10n.t('reaches capacity {0} ({1}), probability {2}%, risk {3}'),
    l10n.t('could reach capacity {0} at the earliest, probability {1}%, risk {2}'),
    l10n.t('not expected to reach capacity, probability {0}%, risk {1}'),
    l10n.t('breach {0}'),
    l10n.t('earliest {0}'),
    l10n.t('now'),
    l10n.t('Forecasting {0}…'),
    l10n.t('The forecast of {0} failed'),
    l10n.t('Forecast updated: {0}. Risk {1}.'),
    l10n.t('Charts'),
    l10n.t('No forecast yet'),
    l10n.t(
      'Run a forecast on a CSV or JSON metrics file (a timestamp column and one column per metric, or long format with metric and value columns). Give each metric a capacity in the file or in the bottleneck.capacities setting.',
    ),
    l10n.t('With {0}. You can cancel from the progress notification.'),
    l10n.t('Forecasting {0} with {1}…'),
    l10n.t('The newest forecast of {0} failed: {1} The forecast below is the previous one.'),
    l10n.t('risk {0}'),
    l10n.t('risk {0}, {1} of 100'),
    l10n.t('Capacities the history already reached'),
    l10n.t('Bottleneck'),
    l10n.t('none'),
    l10n.t('When'),
    l10n.t('{0} after the last data point ({1})'),
    l10n.t('{0} after the last data point'),
    l10n.t('Probability'),
    l10n.t('Risk'),
    l10n.t('Confidence'),
    l10n.t('Forecast by'),
    l10n.t('Tokens'),
    l10n.t('last data point {0}'),
    l10n.t('made {0}'),
    l10n.t('horizon {0}'),
    l10n.t('What {0} said'),
    l10n.t('Why the risk is {0}'),
    l10n.t('1 warning about the data'),
    l10n.t('{0} warnings about the data'),
    l10n.t('just now'),
    l10n.t('{0} ago'),
    l10n.t('Chart and export'),
    l10n.t('One chart per metric'),
    l10n.t('Together, % of capacity'),
    l10n.t('Export'),
    l10n.t('Export {0}'),
    l10n.t('Run Again'),
    l10n.t('Switch Provider'),
    l10n.t(
      'Drag to zoom, Shift+drag to pan, Ctrl+wheel to zoom, double-click for all history. With a chart focused: ←/→ pan, +/− zoom, 0 resets.',
    ),
    l10n.t('Metric'),
    l10n.t('Last'),
    l10n.t('Capacity'),
    l10n.t('Expected breach'),
    l10n.t('Earliest'),
    l10n.t('Method'),
    l10n.t('Coverage'),
    l10n.t('Press Enter for its chart.'),
    l10n.t('breach above'),
    l10n.t('breach below'),
    l10n.t('All metrics'),
    l10n.t(
      'Breach times from the last data point ({0}); backtest MASE, sMAPE and interval coverage of the method used.',
    ),
    l10n.t('Series'),
    l10n.t('Group'),
    l10n.t('Status'),
    l10n.t('Breach'),
    l10n.t('All {0} series, soonest breach first (the first {1})'),
    l10n.t('All {0} series, soonest breach first'),
    l10n.t(
      'Ranked by the built-in forecaster on every core; Breach is the earliest breach after each series’ last data point.',
    ),
    l10n.t('Try Again'),
    l10n.t('Forecast the Sample Data'),
    l10n.t('Forecast a Metrics File…'),
    l10n.t('Set API Key'),
    l10n.t('Show Logs'),
    l10n.t('Open Settings'),
    l10n.t('low'),
    l10n.t('medium'),
    l10n.t('high'),
    l10n.t('critical'),
    // a fleet row's status, which the page says with t(status)
    l10n.t('ok'),
    l10n.t('warning'),
    // durations (formatDuration), which the page says with its own t
    l10n.t('{0} min'),
    l10n.t('{0} h'),
    l10n.t('{0} h {1} min'),
    l10n.t('{0} d'),
    l10n.t('{0} d {1} h'),
  ];
}

/** The page's dictionary: each English message → its translation (placeholders kept). */
export function pageStrings(l10n: L10n): Record<string, string> {
  const translated = pageMessages(l10n);
  return Object.fromEntries(pageMessages(english).map((message, i) => [message, translated[i] ?? message]));
}
