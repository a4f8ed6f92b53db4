import {
  type PageMessage,
  type PanelControls,
  type PanelModel,
  type PanelSavedState,
  type PanelStatus,
} from '../core/panel/panelMessages';
import { checkHostMessage, checkSavedState } from '../core/panel/checkHostMessage';
import { fromSavedModel, toSavedModel } from '../core/panel/savedModel';
import { ChartGroup } from './chartGroup';
import { type Control, forecastControls } from './controls';
import { type ChartSpec, metricChart, percentChart, type View } from './charts';
import { h } from './dom';
import { type Palette, readPalette, watchTheme } from './theme';
import {
  ago,
  emptyState,
  errorState,
  header,
  loadingState,
  metricTable,
  type Mode,
  statusBanner,
  toolbar,
  type ViewActions,
  fleetTable,
} from './view';
import { messageOf } from '../core/errors';
import { setStrings, t } from './l10n';

interface VsCodeApi {
  postMessage(message: PageMessage): void;
  getState(): unknown;
  setState(state: PanelSavedState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

/** Saving the model for a reload costs a copy of it; past this many points the host re-sends instead. */
const MAX_SAVED_POINTS = 200_000;

/**
 * The panel's page. It shows what the host last sent: a status (empty, loading, error)
 * and the newest forecast. Every message is parsed; anything else is dropped and
 * reported to the host's log. The saved state brings the panel back after a reload.
 */
class Page {
  private model: PanelModel | null = null;
  private status: PanelStatus | null = null;
  /** The host's horizon and level selectors (not saved: the host sends them when the page is ready). */
  private controls: PanelControls | null = null;
  private mode: Mode = 'perMetric';
  private charts: ChartGroup | undefined;
  private keepView: View | undefined;
  /** The next render opens at the forecast's own view: another file or another horizon was forecast. */
  private freshView = false;
  private points = 0;

  constructor(
    private readonly app: HTMLElement,
    private readonly vscode: VsCodeApi,
  ) {
    const saved = checkSavedState(vscode.getState());
    if (saved.ok) {
      this.model = saved.message.model && fromSavedModel(saved.message.model);
      this.mode = saved.message.mode;
    }
    window.addEventListener('message', (e: MessageEvent<unknown>) => this.receive(e.data));
    watchTheme(() => this.repaint());
    setInterval(() => {
      const made = document.getElementById('made-ago');
      const data = document.getElementById('data-age');
      if (made && this.model) made.textContent = ago(this.model.createdAt, Date.now());
      if (data && this.model) data.textContent = ago(this.model.now, Date.now());
    }, 30_000);
    this.render();
    this.post({ type: 'ready', showing: this.model?.id ?? null });
  }

  private post(message: PageMessage): void {
    this.vscode.postMessage(message);
  }

  private receive(raw: unknown): void {
    const started = performance.now();
    const parsed = checkHostMessage(raw);
    if (!parsed.ok) {
      this.post({
        type: 'log',
        level: 'warn',
        message: `the panel dropped a message it could not read: ${parsed.problem}`,
      });
      return;
    }
    const message = parsed.message;
    switch (message.type) {
      case 'status':
        this.status = message.status.kind === 'empty' && this.model ? null : message.status;
        // Over a shown forecast a status is only the banner: the charts stay as they are.
        if (this.model && this.charts) this.updateBanner();
        else this.render();
        this.announce(
          message.status.kind === 'loading'
            ? t('Forecasting {0}…', message.status.source)
            : message.status.kind === 'error'
              ? `${t('The forecast of {0} failed', message.status.source)}: ${message.status.message}`
              : '',
        );
        return;
      case 'forecast':
        // a refresh of the same file and horizon keeps the zoom; another file or horizon opens at its own view
        if (this.model && !sameSpan(this.model, message.model)) this.freshView = true;
        this.model = message.model;
        this.status = null;
        this.render(started);
        this.saveLater();
        this.announce(t('Forecast updated: {0}. Risk {1}.', message.model.headline.text, t(message.model.risk.level)));
        return;
      case 'strings':
        // the host's words: drawn again only when they change what is shown (not in English)
        if (setStrings(message.strings)) this.render();
        return;
      case 'controls':
        this.controls = message.controls;
        this.updateControls();
        return;
      case 'requestPng':
        void this.png().then((dataUrl) => this.post({ type: 'png', requestId: message.requestId, dataUrl }));
        return;
    }
  }

  private updateBanner(): void {
    const next = statusBanner(this.status, this.actions);
    const current = document.getElementById('banner');
    if (current && next) current.replaceWith(next);
    else if (current) current.remove();
    else if (next) this.app.prepend(next);
  }

  /** The selectors under the header's facts, for the forecast shown only (another file's are not shown). */
  private updateControls(): void {
    const next =
      this.model && this.controls?.file === this.model.sourcePath ? forecastControls(this.controls, this.choose) : null;
    const current = document.getElementById('controls');
    if (current && next) current.replaceWith(next);
    else if (current) current.remove();
    else if (next) document.getElementById('made')?.after(next);
  }

  private readonly choose = (control: Control, choice: string): void => {
    if (this.controls) this.post({ type: 'choose', file: this.controls.file, control, choice });
  };

  /** Screen readers hear what changed, once, instead of the whole re-rendered page. */
  private announce(text: string): void {
    const el = document.getElementById('announce');
    if (el) el.textContent = text;
  }

  private save(): void {
    const points = this.model?.metrics.reduce((s, m) => s + m.history.values.length + m.forecast.t.length, 0) ?? 0;
    this.vscode.setState({
      model: this.model && points <= MAX_SAVED_POINTS ? toSavedModel(this.model) : null,
      mode: this.mode,
    });
  }

  /**
   * Saves once the charts are on screen: VS Code writes the state as JSON, about as long as
   * drawing the charts for a long history, and nothing needs it before a reload.
   */
  private saveLater(): void {
    const model = this.model;
    const save = (): void => {
      if (this.model === model) this.save();
    };
    // after the frame that shows the charts (and after the render is reported)
    void (this.charts?.drawn ?? Promise.resolve()).then(() => requestAnimationFrame(() => setTimeout(save, 0)));
  }

  private readonly actions: ViewActions = {
    command: (command) => this.post({ type: 'command', command }),
    exportAs: (format) =>
      format === 'png'
        ? void this.png().then((dataUrl) => this.post({ type: 'png', requestId: null, dataUrl }))
        : this.post({ type: 'export', format }),
    setMode: (mode) => {
      if (mode === this.mode) return;
      this.mode = mode;
      this.keepView = this.charts?.currentView;
      this.render();
      this.saveLater();
    },
    focusChart: (metric) => {
      const target =
        this.mode === 'percent'
          ? document.querySelector<HTMLElement>('.chart')
          : document.querySelector<HTMLElement>(`.chart[data-metric="${CSS.escape(metric)}"]`);
      target?.scrollIntoView({ block: 'center' });
      target?.focus();
    },
  };

  private png(): Promise<string> {
    if (!this.charts || !this.model) return Promise.resolve('data:image/png;base64,');
    return this.charts.toPng(`Bottleneck Forecast: ${this.model.headline.text}`);
  }

  private render(started = performance.now()): void {
    if (this.freshView) this.keepView = undefined;
    else if (this.charts) this.keepView ??= this.charts.currentView;
    this.freshView = false;
    this.charts?.dispose();
    this.charts = undefined;
    const model = this.model;
    const status = this.status;
    if (!model) {
      this.app.replaceChildren(
        status?.kind === 'loading'
          ? loadingState(status)
          : status?.kind === 'error'
            ? errorState(status, this.actions)
            : emptyState(this.actions),
      );
      return;
    }
    // Style is read before the DOM changes, so the read forces no new style pass.
    const palette = readPalette();
    const hasCapacities = model.metrics.some((m) => m.capacity !== null);
    const mode: Mode = this.mode === 'percent' && hasCapacities ? 'percent' : 'perMetric';
    const chartsEl = h('section', { class: 'charts', id: 'charts', attrs: { 'aria-label': t('Charts') } });
    this.app.replaceChildren(
      statusBanner(status, this.actions) ?? '',
      header(model, Date.now()),
      toolbar(mode, this.actions, hasCapacities),
      chartsEl,
      metricTable(model, this.actions),
      model.fleet ? fleetTable(model.fleet) : '',
    );
    const specs: ChartSpec[] =
      mode === 'percent'
        ? [percentChart(model)].filter((s): s is ChartSpec => s !== undefined)
        : model.metrics.map((m) => metricChart(model, m));
    const initial: View = { min: Math.min(...model.metrics.map((m) => m.viewFrom)), max: model.horizonEnd };
    this.updateControls();
    this.charts = new ChartGroup(chartsEl, specs, palette, initial, this.keepView);
    this.keepView = undefined;
    this.points = specs.reduce((s, c) => s + c.points, 0);
    this.drawn(model, palette, started);
  }

  /** A theme change: the same charts in the new colours. */
  private repaint(): void {
    if (!this.charts || !this.model) return;
    const started = performance.now();
    const palette = readPalette();
    this.charts.repaint(palette);
    this.drawn(this.model, palette, started);
  }

  /**
   * Reports a render: `drawnMs` when every chart in view has drawn its canvas (the others
   * are created when scrolled to; uPlot draws in a microtask after it is created), `ms` at
   * the next frame, when the page can show it.
   */
  private drawn(model: PanelModel, palette: Palette, started: number): void {
    const charts = this.charts;
    const el = document.getElementById('charts');
    if (!charts || !el) return;
    void charts.drawn.then(() => {
      const drawnMs = performance.now() - started;
      // the charts in view are drawn in these colours (the tests wait for this)
      el.dataset['palette'] = `${palette.kind} ${palette.history} ${palette.forecast} ${palette.capacity}`;
      requestAnimationFrame(() =>
        this.post({
          type: 'rendered',
          id: model.id,
          charts: charts.count,
          created: charts.plots.length,
          points: this.points,
          drawnMs,
          ms: performance.now() - started,
          palette: [palette.kind, palette.history, palette.forecast, palette.capacity],
        }),
      );
    });
  }
}

const app = document.getElementById('app');
if (app) {
  try {
    new Page(app, acquireVsCodeApi());
  } catch (err) {
    app.replaceChildren(h('p', { class: 'error', text: `The forecast panel failed to start: ${messageOf(err)}` }));
  }
}

/** Whether two forecasts chart the same file over the same horizon (a refresh, not a new question). */
function sameSpan(a: PanelModel, b: PanelModel): boolean {
  return a.sourcePath === b.sourcePath && a.horizonEnd - a.now === b.horizonEnd - b.now;
}
