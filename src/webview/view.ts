import { type ExportFormat } from '../core/panel/panelMessages';
import { formatDuration, formatUtc, formatValue } from '../core/format';
import { type PanelAction, type PanelMetric, type PanelModel, type PanelStatus } from '../core/panel/panelMessages';
import { captionOf } from './charts';
import { h } from './dom';
import { t } from './l10n';

export type Mode = 'perMetric' | 'percent';

export interface ViewActions {
  command(action: PanelAction): void;
  exportAs(format: ExportFormat): void;
  setMode(mode: Mode): void;
  focusChart(metric: string): void;
}

/** The buttons' English words (the keys of their translations). */
const ACTION_LABELS: Record<PanelAction, string> = {
  retry: 'Try Again',
  forecastSample: 'Forecast the Sample Data',
  pickFile: 'Forecast a Metrics File…',
  switchProvider: 'Switch Provider',
  setApiKey: 'Set API Key',
  showLogs: 'Show Logs',
  openSettings: 'Open Settings',
};

function button(label: string, onClick: () => void, secondary = false, id?: string): HTMLButtonElement {
  return h('button', {
    class: secondary ? 'secondary' : '',
    text: label,
    on: { click: onClick },
    ...(id ? { id } : {}),
  });
}

function actionButtons(actions: readonly PanelAction[], act: ViewActions): HTMLElement {
  return h(
    'div',
    { class: 'actions' },
    ...actions.map((a, i) => button(t(ACTION_LABELS[a]), () => act.command(a), i > 0)),
  );
}

/** No forecast yet: what to do first. */
export function emptyState(act: ViewActions): HTMLElement {
  return h(
    'section',
    { class: 'state', id: 'state-empty' },
    h('h1', { text: t('No forecast yet') }),
    h('p', {
      text: t(
        'Run a forecast on a CSV or JSON metrics file (a timestamp column and one column per metric, or long format with metric and value columns). Give each metric a capacity in the file or in the bottleneck.capacities setting.',
      ),
    }),
    actionButtons(['forecastSample', 'pickFile'], act),
  );
}

export function loadingState(status: Extract<PanelStatus, { kind: 'loading' }>): HTMLElement {
  return h(
    'section',
    { class: 'state', id: 'state-loading', attrs: { 'aria-busy': 'true' } },
    h('div', { class: 'spinner', attrs: { 'aria-hidden': 'true' } }),
    h('h1', { text: t('Forecasting {0}…', status.source) }),
    h('p', { text: t('With {0}. You can cancel from the progress notification.', status.provider) }),
  );
}

/**
 * A failure's buttons, Try Again first, except where trying again cannot help: a file that
 * is not metrics at all (its failure offers the sample instead).
 */
function failureActions(actions: readonly PanelAction[]): PanelAction[] {
  const rest = actions.filter((a) => a !== 'retry');
  return actions.includes('forecastSample') ? rest : ['retry', ...rest];
}

export function errorState(status: Extract<PanelStatus, { kind: 'error' }>, act: ViewActions): HTMLElement {
  const actions = failureActions(status.actions);
  return h(
    'section',
    { class: 'state error', id: 'state-error', attrs: { role: 'alert' } },
    h('h1', { text: t('The forecast of {0} failed', status.source) }),
    h('p', { text: status.message }),
    actionButtons(actions, act),
  );
}

/** A thin line above a shown forecast while a newer one is being made, or when it failed. */
export function statusBanner(status: PanelStatus | null, act: ViewActions): HTMLElement | null {
  if (!status || status.kind === 'empty') return null;
  if (status.kind === 'loading')
    return h(
      'div',
      { class: 'banner', id: 'banner', attrs: { role: 'status' } },
      h('span', { class: 'spinner small', attrs: { 'aria-hidden': 'true' } }),
      ` ${t('Forecasting {0} with {1}…', status.source, status.provider)}`,
    );
  return h(
    'div',
    { class: 'banner error', id: 'banner', attrs: { role: 'alert' } },
    h('span', {
      text: t(
        'The newest forecast of {0} failed: {1} The forecast below is the previous one.',
        status.source,
        status.message,
      ),
    }),
    actionButtons(failureActions(status.actions), act),
  );
}

export function riskBadge(level: string, score?: number): HTMLElement {
  return h('span', {
    class: `badge risk-${level}`,
    text: t(level).toUpperCase(),
    attrs: {
      title: score === undefined ? t('risk {0}', t(level)) : t('risk {0}, {1} of 100', t(level), score.toFixed(1)),
    },
  });
}

/** The answer at a glance: which metric, when, how risky, how sure, by whom. */
export function header(model: PanelModel, now: number): HTMLElement {
  const made = h('span', { id: 'made-ago', text: ago(model.createdAt, now) });
  const c = model.confidence;
  // the parts as the score names them: the tooltip of their words
  const parts = `skill ${c.skill.toFixed(2)} · coverage ${c.coverage.toFixed(2)} · data ${c.dataQuality.toFixed(2)} · reach ${c.reach.toFixed(2)}`;
  return h(
    'header',
    { class: 'summary' },
    h(
      'div',
      { class: 'headline-row' },
      h('h1', { id: 'headline', text: model.headline.text }),
      h('span', { id: 'risk-badge', class: 'risk-badge' }, riskBadge(model.risk.level, model.risk.score)),
    ),
    // who was asked and failed before the provider that made this forecast
    model.failover ? h('p', { class: 'notice', id: 'failover', attrs: { role: 'note' }, text: model.failover }) : null,
    // a history that already reached a capacity, and when: the headline alone would not say it
    model.touched?.length
      ? h(
          'ul',
          { class: 'notice', id: 'touched', attrs: { 'aria-label': t('Capacities the history already reached') } },
          ...model.touched.map((t) => h('li', { text: t })),
        )
      : null,
    h(
      'dl',
      { class: 'facts' },
      fact(t('Bottleneck'), model.headline.metric ?? t('none'), 'bottleneck-metric'),
      fact(
        t('When'),
        // counted from the last data point, which says so: the forecast may be made hours after it
        model.headline.relative === null
          ? '—'
          : model.headline.absolute
            ? t('{0} after the last data point ({1})', model.headline.relative, model.headline.absolute)
            : t('{0} after the last data point', model.headline.relative),
        'breach-when',
      ),
      fact(
        t('Probability'),
        model.headline.probability === null ? '—' : `${Math.round(model.headline.probability * 100)}%`,
        'breach-probability',
      ),
      fact(t('Risk'), `${t(model.risk.level)} (${model.risk.score.toFixed(1)}/100)`, 'risk'),
      fact(t('Confidence'), model.confidence.score.toFixed(2), 'confidence', model.confidenceText ?? parts, parts),
      fact(
        t('Forecast by'),
        model.producer.model ? `${model.producer.provider} · ${model.producer.model}` : model.producer.provider,
        'producer',
        model.producer.method,
      ),
      model.usage ? fact(t('Tokens'), model.usage, 'usage') : null,
    ),
    h(
      'p',
      { class: 'muted', id: 'made' },
      `${model.source} · ${t('last data point {0}', formatUtc(model.now))} (`,
      h('span', { id: 'data-age', text: ago(model.now, now) }),
      `) · ${t('made {0}', model.createdAtText)} (`,
      made,
      `) · ${t('horizon {0}', model.horizonText)}`,
    ),
    model.narrative
      ? h('blockquote', {
          class: 'narrative',
          attrs: { 'aria-label': t('What {0} said', model.producer.provider) },
          text: model.narrative,
        })
      : null,
    model.risk.reasons.length
      ? details(t('Why the risk is {0}', t(model.risk.level)), model.risk.reasons, 'reasons', false)
      : null,
    model.warnings.length
      ? details(
          model.warnings.length === 1
            ? t('1 warning about the data')
            : t('{0} warnings about the data', model.warnings.length),
          model.warnings,
          'warnings',
          model.warnings.length <= 2,
        )
      : null,
  );
}

export function ago(at: number, now: number): string {
  const ms = now - at;
  return ms < 60_000 ? t('just now') : t('{0} ago', formatDuration(ms, { t }));
}

function details(summary: string, items: readonly string[], id: string, open: boolean): HTMLElement {
  const el = h(
    'details',
    { class: id, id },
    h('summary', { text: summary }),
    h('ul', {}, ...items.map((w) => h('li', { text: w }))),
  );
  el.open = open;
  return el;
}

function fact(term: string, value: string, id: string, detail?: string, title?: string): HTMLElement {
  return h(
    'div',
    {},
    h('dt', { text: term }),
    h('dd', { id, text: value }),
    detail
      ? h('dd', { class: 'detail muted', id: `${id}-detail`, text: detail, ...(title ? { attrs: { title } } : {}) })
      : null,
  );
}

export function toolbar(mode: Mode, act: ViewActions, hasCapacities: boolean): HTMLElement {
  const modeButton = (m: Mode, label: string): HTMLButtonElement => {
    const b = button(label, () => act.setMode(m), mode !== m);
    b.setAttribute('aria-pressed', String(mode === m));
    b.dataset['mode'] = m;
    if (m === 'percent' && !hasCapacities) b.disabled = true;
    return b;
  };
  return h(
    'div',
    { class: 'toolbar', attrs: { role: 'toolbar', 'aria-label': t('Chart and export') } },
    h(
      'div',
      { class: 'group', attrs: { role: 'group', 'aria-label': t('Charts') } },
      modeButton('perMetric', t('One chart per metric')),
      modeButton('percent', t('Together, % of capacity')),
    ),
    h(
      'div',
      { class: 'group', attrs: { role: 'group', 'aria-label': t('Export') } },
      button(t('Export {0}', 'CSV'), () => act.exportAs('csv'), true, 'export-csv'),
      button(t('Export {0}', 'JSON'), () => act.exportAs('json'), true, 'export-json'),
      button(t('Export {0}', 'PNG'), () => act.exportAs('png'), true, 'export-png'),
    ),
    h(
      'div',
      { class: 'group' },
      button(t('Run Again'), () => act.command('retry'), true, 'run-again'),
      button(t('Switch Provider'), () => act.command('switchProvider'), true),
    ),
    h('p', {
      class: 'hint muted',
      text: t(
        'Drag to zoom, Shift+drag to pan, Ctrl+wheel to zoom, double-click for all history. With a chart focused: ←/→ pan, +/− zoom, 0 resets.',
      ),
    }),
  );
}

/** Every metric in a table: the numbers behind the charts, and their accessible form. */
export function metricTable(model: PanelModel, act: ViewActions): HTMLElement {
  const head = [
    t('Metric'),
    t('Last'),
    t('Capacity'),
    t('Expected breach'),
    t('Earliest'),
    t('Probability'),
    t('Risk'),
    t('Confidence'),
    t('Method'),
    'MASE',
    'sMAPE',
    t('Coverage'),
  ];
  const pct = (v: number | null): string => (v === null ? '—' : `${Math.round(v * 100)}%`);
  const num = (v: number | null, d = 2): string => (v === null ? '—' : v.toFixed(d));
  const row = (m: PanelMetric): HTMLTableRowElement => {
    const b = m.breach;
    const tr = h(
      'tr',
      {
        attrs: {
          tabindex: '0',
          'data-metric': m.name,
          'aria-label': `${m.name}: ${captionOf(m)}. ${t('Press Enter for its chart.')}`,
        },
        on: { keydown: (e) => e.key === 'Enter' && act.focusChart(m.name), click: () => act.focusChart(m.name) },
      },
      h('th', { attrs: { scope: 'row' }, text: m.name }),
      h('td', { text: formatValue(m.lastValue, m.unit) }),
      h('td', {
        text: m.capacity === null ? '—' : `${formatValue(m.capacity, m.unit)} ${m.breachSide === 'above' ? '↑' : '↓'}`,
        attrs: { title: m.breachSide === 'above' ? t('breach above') : t('breach below') },
      }),
      // the time under its distance from the last data point, so the table fits 1400 px
      b?.expectedIn
        ? h('td', {}, b.expectedIn, b.expectedAt ? h('span', { class: 'muted at', text: b.expectedAt }) : null)
        : h('td', { text: '—' }),
      h('td', { text: b?.earliestIn ?? '—' }),
      h('td', { text: b ? pct(b.probability) : '—' }),
      h('td', {}, b ? riskBadge(b.risk, b.riskScore) : '—'),
      h('td', { text: m.confidence.toFixed(2) }),
      h('td', { class: 'method', text: m.methodText ?? m.method, attrs: { title: `${m.method} (${m.combination})` } }),
      h('td', { text: num(m.mase) }),
      h('td', { text: m.smape === null ? '—' : `${m.smape.toFixed(1)}%` }),
      h('td', { text: pct(m.backtestCoverage) }),
    );
    return tr;
  };
  return h(
    'section',
    { class: 'table-section' },
    h('h2', { text: t('All metrics') }),
    h(
      'table',
      { id: 'metrics-table' },
      h('caption', {
        class: 'muted',
        text: t(
          'Breach times from the last data point ({0}); backtest MASE, sMAPE and interval coverage of the method used.',
          formatUtc(model.now),
        ),
      }),
      h('thead', {}, h('tr', {}, ...head.map((t) => h('th', { attrs: { scope: 'col' }, text: t })))),
      h('tbody', {}, ...model.metrics.map(row)),
    ),
  );
}

/** Every series of a large source, ranked (the charts above show the first of them). */
export function fleetTable(fleet: NonNullable<PanelModel['fleet']>): HTMLElement {
  const head = ['#', t('Series'), t('Group'), t('Status'), t('Breach'), t('Probability'), t('Risk'), t('Confidence')];
  return h(
    'section',
    { class: 'table-section' },
    h('h2', {
      text:
        fleet.rows.length < fleet.total
          ? t('All {0} series, soonest breach first (the first {1})', fleet.total, fleet.rows.length)
          : t('All {0} series, soonest breach first', fleet.total),
    }),
    h(
      'table',
      { id: 'fleet-table' },
      h('caption', {
        class: 'muted',
        text: t(
          'Ranked by the built-in forecaster on every core; Breach is the earliest breach after each series’ last data point.',
        ),
      }),
      h('thead', {}, h('tr', {}, ...head.map((t) => h('th', { attrs: { scope: 'col' }, text: t })))),
      h(
        'tbody',
        {},
        ...fleet.rows.map((r, i) =>
          h(
            'tr',
            { attrs: { 'data-series': r.series, 'data-status': r.status } },
            h('td', { text: String(i + 1) }),
            h('th', { attrs: { scope: 'row' }, text: r.series }),
            h('td', { text: r.group }),
            // a status is one of ok, warning, critical: all three are sent (pageStrings)
            h('td', { text: t(r.status) }),
            h('td', { text: r.breach }),
            h('td', { text: `${Math.round(r.probability * 100)}%` }),
            h('td', {}, riskBadge(r.risk)),
            h('td', { text: r.confidence.toFixed(2) }),
          ),
        ),
      ),
    ),
  );
}
