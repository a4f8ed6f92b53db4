import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { type ForecastData, type MetricSet } from '../../core/base/forecastSchema';
import { type Logger } from '../../core/logging';
import { renderPanelHtml } from '../../core/panel/panelHtml';
import { buildPanelModel } from '../../core/panel/panelModel';
import {
  type HostMessage,
  type PageMessage,
  type PanelControls,
  type PanelModel,
  type PanelStatus,
  hostMessageSchema,
  pageMessageSchema,
  parseMessage,
} from '../../core/panel/panelMessages';
import { PanelOutbox } from '../../core/panel/panelOutbox';
import { pageStrings } from '../../core/panel/pageStrings';
import { Disposable } from '../lifecycle';
import { type ProviderId } from '../../core/base/providerIds';
import { type FailureClass } from '../../core/providers/providerError';
import { type FailoverNote } from '../../core/health/forecastWithFailover';
import { type TokenPrice } from '../../core/base/tokenUsage';

export const PANEL_VIEW_TYPE = 'bottleneck.forecastPanel';

/** Whose failure an error status shows, and of what kind. */
export interface ErrorCause {
  readonly provider: ProviderId;
  readonly failure: FailureClass;
}

/** What the page last reported drawing (for the tests and the log). */
export interface RenderReport {
  readonly id: string;
  /** How many charts the page holds. */
  readonly charts: number;
  /** How many of them were in view and drawn (the others are created when scrolled to). */
  readonly created: number;
  readonly points: number;
  readonly drawnMs: number;
  readonly ms: number;
  readonly palette: readonly string[];
}

export interface ForecastPanelDeps {
  readonly extensionUri: vscode.Uri;
  readonly logger: Logger;
  /** Runs what the page asks for (already parsed: a closed list, never a command id). */
  readonly onPageMessage: (message: Extract<PageMessage, { type: 'command' | 'export' | 'png' | 'choose' }>) => void;
  /** The person's price for a provider's tokens (bottleneck.budget.*), for the header's estimate. */
  readonly priceOf?: (provider: ProviderId) => TokenPrice | undefined;
}

/**
 * The one forecast panel. It keeps the newest forecast and status and sends them to the
 * page; messages wait in a queue until the page says it is ready (again after a reload
 * or after the panel was hidden, since its page is not kept alive in the background).
 * Every message from the page is parsed; anything else is logged and dropped.
 */
export class ForecastPanel extends Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private panelDisposables: vscode.Disposable[] = [];
  private status: PanelStatus = { kind: 'empty' };
  /** What an error status is about, so it can go when that is fixed (a key stored, another provider chosen). */
  private cause: ErrorCause | undefined;
  private readonly outbox = new PanelOutbox(
    (message) => {
      // checked against the schema here: the page's own check is a small one without zod
      const checked = parseMessage(hostMessageSchema, message);
      if (!checked.ok)
        this.deps.logger.error(`forecast panel: a message to the page failed its schema: ${checked.problem}`);
      else void this.panel?.webview.postMessage(message);
    },
    () => ({ model: this.model(), status: this.status, controls: this.selectors, strings: this.strings() }),
  );
  private forecast:
    | {
        data: ForecastData;
        set: MetricSet | undefined;
        fleet?: PanelModel['fleet'];
        failover?: FailoverNote | undefined;
        model?: PanelModel;
      }
    | undefined;
  /** The horizon and level selectors of the forecast shown, when it has them. */
  private selectors: PanelControls | undefined;
  private readonly pngRequests = new Map<string, (dataUrl: string) => void>();
  private readonly renderEmitter = this._register(new vscode.EventEmitter<RenderReport>());
  /** Fires each time the page has drawn a forecast. */
  readonly onDidRender = this.renderEmitter.event;
  private readonly restoreEmitter = this._register(new vscode.EventEmitter<string>());
  /**
   * Fires when a page says it shows a forecast it restored from its own saved state (after
   * a reload) while the host holds none: with that forecast's id, so its selectors can be
   * offered again (`restoreControls`).
   */
  readonly onDidRestorePage = this.restoreEmitter.event;
  lastRender: RenderReport | undefined;
  /** Messages from the page that failed to parse. */
  dropped = 0;
  private words: Readonly<Record<string, string>> | undefined;

  constructor(private readonly deps: ForecastPanelDeps) {
    super();
    this._register({ dispose: () => this.disposePanel() });
  }

  get isOpen(): boolean {
    return this.panel !== undefined;
  }

  get isVisible(): boolean {
    return this.panel?.visible === true;
  }

  /** The status shown above the forecast (loading, an error, or none). */
  get shownStatus(): PanelStatus {
    return this.status;
  }

  get current(): ForecastData | undefined {
    return this.forecast?.data;
  }

  /** The notes about the forecast shown: the failover that led to it, the capacities its history reached, its tokens. */
  get notes(): {
    readonly failover: string | null;
    readonly touched: readonly string[];
    readonly usage: string | null;
  } {
    const model = this.model();
    return { failover: model?.failover ?? null, touched: model?.touched ?? [], usage: model?.usage ?? null };
  }

  /** The horizon and level selectors offered with the forecast shown (what a choice is checked against). */
  get controls(): PanelControls | undefined {
    return this.selectors;
  }

  /** Opens the panel, or brings it forward. */
  show(preserveFocus = false): void {
    if (this.panel) {
      this.panel.reveal(undefined, preserveFocus);
      return;
    }
    const panel = vscode.window.createWebviewPanel(
      PANEL_VIEW_TYPE,
      vscode.l10n.t('Bottleneck Forecast'),
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus },
      this.options(),
    );
    this.adopt(panel);
  }

  /** Takes over a panel (a new one, or one VS Code restored after a reload). */
  adopt(panel: vscode.WebviewPanel): void {
    this.disposePanel();
    this.panel = panel;
    panel.iconPath = vscode.Uri.joinPath(this.deps.extensionUri, 'media', 'icon.png');
    panel.webview.options = this.options();
    this.panelDisposables.push(
      panel.webview.onDidReceiveMessage((raw: unknown) => this.handle(raw)),
      panel.onDidChangeViewState(() => {
        // A hidden panel's page is unloaded; it says ready again when shown.
        if (!panel.visible) this.outbox.pageGone();
      }),
      panel.onDidDispose(() => {
        if (this.panel === panel) this.disposePanel(false);
      }),
    );
    panel.webview.html = this.html(panel.webview);
    this.updateTitle();
  }

  /** The tab names the file whose forecast the panel holds. */
  private updateTitle(): void {
    const model = this.model();
    if (this.panel && model) this.panel.title = vscode.l10n.t('Bottleneck Forecast: {0}', model.source);
  }

  /** Shows a status (loading, error, or empty). An error or loading status keeps the forecast below it. */
  setStatus(status: PanelStatus, cause?: ErrorCause): void {
    this.status = status;
    this.cause = status.kind === 'error' ? cause : undefined;
    this.send({ type: 'status', status });
  }

  /**
   * Takes down an error status whose cause is fixed (the banner over a shown forecast, or
   * the error state, which becomes the empty state): the panel must not keep saying "no
   * API key" after the key was stored.
   */
  clearIfFixed(fixed: (cause: ErrorCause) => boolean): boolean {
    if (this.status.kind !== 'error' || !this.cause || !fixed(this.cause)) return false;
    this.deps.logger.info(
      `forecast panel: the ${this.cause.provider} ${this.cause.failure} error is fixed; its banner goes`,
    );
    this.setStatus({ kind: 'empty' });
    return true;
  }

  /**
   * A newer forecast: sent now if the page is ready, else when it is; then its selectors
   * (none when not given: a forecast the selectors cannot make again).
   */
  setForecast(
    data: ForecastData,
    set: MetricSet | undefined,
    extra: {
      readonly fleet?: PanelModel['fleet'];
      readonly failover?: FailoverNote;
      readonly controls?: PanelControls;
    } = {},
  ): void {
    this.forecast = { data, set, failover: extra.failover, ...(extra.fleet ? { fleet: extra.fleet } : {}) };
    this.status = { kind: 'empty' };
    this.cause = undefined;
    this.selectors = extra.controls;
    if (this.panel) {
      this.updateTitle();
      this.send({ type: 'forecast', model: this.model() as PanelModel });
      this.send({ type: 'controls', controls: this.selectors ?? null });
    }
  }

  /**
   * The selectors of the forecast a restored page shows (the host holds no forecast then):
   * a choice in them forecasts that file again, like the selectors sent with a forecast.
   */
  restoreControls(controls: PanelControls): void {
    if (this.forecast) return;
    this.selectors = controls;
    this.send({ type: 'controls', controls });
  }

  /** A forecast started or ended: the selectors wait while one is under way. */
  setBusy(busy: boolean): void {
    if (!this.selectors || this.selectors.busy === busy) return;
    this.selectors = { ...this.selectors, busy };
    this.send({ type: 'controls', controls: this.selectors });
  }

  /** The charts as PNG bytes, drawn by the page (opens the panel if needed). */
  async requestPng(timeoutMs = 15_000): Promise<Uint8Array> {
    if (!this.panel) this.show(true);
    const requestId = randomBytes(8).toString('hex');
    const dataUrl = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pngRequests.delete(requestId);
        reject(new Error('the forecast panel did not answer with an image'));
      }, timeoutMs);
      this.pngRequests.set(requestId, (url) => {
        clearTimeout(timer);
        resolve(url);
      });
      this.send({ type: 'requestPng', requestId });
    });
    return pngBytes(dataUrl);
  }

  /**
   * Everything the page sends arrives here. Returns whether the message was accepted;
   * a malformed one is logged (its type and the failing field, never its content) and dropped.
   */
  handle(raw: unknown): boolean {
    const parsed = parseMessage(pageMessageSchema, raw);
    if (!parsed.ok) {
      this.dropped++;
      this.deps.logger.warn(`forecast panel: dropped a message from the page: ${parsed.problem}`);
      return false;
    }
    const message = parsed.message;
    switch (message.type) {
      case 'ready':
        this.outbox.pageReady(message.showing);
        if (message.showing !== null && !this.forecast) this.restoreEmitter.fire(message.showing);
        break;
      case 'rendered':
        this.lastRender = message;
        this.deps.logger.info(
          `forecast panel: drew ${message.created} of ${message.charts} chart(s) (those in view), ${message.points} points in all, in ${message.drawnMs.toFixed(1)} ms (next frame at ${message.ms.toFixed(1)} ms, ${message.palette[0] ?? ''} theme)`,
        );
        this.renderEmitter.fire(message);
        break;
      case 'log':
        this.deps.logger[message.level](`forecast panel: ${message.message}`);
        break;
      case 'png': {
        const answer = message.requestId === null ? undefined : this.pngRequests.get(message.requestId);
        if (answer && message.requestId !== null) {
          this.pngRequests.delete(message.requestId);
          answer(message.dataUrl);
        } else {
          this.deps.onPageMessage(message);
        }
        break;
      }
      default:
        this.deps.onPageMessage(message);
    }
    return true;
  }

  private send(message: HostMessage): void {
    if (this.panel) this.outbox.send(message);
  }

  /** The page's words in the display language (the same for the window's lifetime). */
  private strings(): Readonly<Record<string, string>> {
    this.words ??= pageStrings(vscode.l10n);
    return this.words;
  }

  private model(): PanelModel | undefined {
    if (!this.forecast) return undefined;
    this.forecast.model ??= buildPanelModel(this.forecast.data, this.forecast.set, {
      l10n: vscode.l10n,
      ...(this.forecast.fleet ? { fleet: this.forecast.fleet } : {}),
      ...(this.forecast.failover ? { failover: this.forecast.failover } : {}),
      ...this.priced(this.forecast.data),
    });
    return this.forecast.model;
  }

  private priced(data: ForecastData): { price?: TokenPrice } {
    const price = this.deps.priceOf?.(data.producer.provider);
    return price ? { price } : {};
  }

  private options(): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    return {
      enableScripts: true,
      enableFindWidget: true,
      retainContextWhenHidden: false,
      localResourceRoots: [vscode.Uri.joinPath(this.deps.extensionUri, 'dist', 'webview')],
    };
  }

  private html(webview: vscode.Webview): string {
    const asset = (name: string): string =>
      webview.asWebviewUri(vscode.Uri.joinPath(this.deps.extensionUri, 'dist', 'webview', name)).toString();
    return renderPanelHtml({
      cspSource: webview.cspSource,
      nonce: randomBytes(18).toString('base64'),
      scriptUri: asset('panel.js'),
      styleUri: asset('panel.css'),
    });
  }

  private disposePanel(close = true): void {
    for (const d of this.panelDisposables.splice(0)) d.dispose();
    const panel = this.panel;
    this.panel = undefined;
    this.outbox.clear();
    if (close) panel?.dispose();
  }
}

function pngBytes(dataUrl: string): Uint8Array {
  const base64 = dataUrl.slice(dataUrl.indexOf(',') + 1);
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.length < 8 || bytes.readUInt32BE(0) !== 0x89504e47)
    throw new Error('the forecast panel sent an empty image (is a forecast shown?)');
  return bytes;
}
