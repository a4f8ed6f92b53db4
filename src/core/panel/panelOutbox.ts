import { type HostMessage, type PanelControls, type PanelModel, type PanelStatus } from './panelMessages';

/** What the host currently wants the page to show. */
export interface PanelContent {
  readonly model: PanelModel | undefined;
  readonly status: PanelStatus;
  /** The selectors for the forecast shown, if it has them. */
  readonly controls?: PanelControls | undefined;
  /** The page's words in the editor's language (English message → translation). */
  readonly strings?: Readonly<Record<string, string>>;
}

/**
 * The host's side of the ready handshake. Until the page says it is ready, messages
 * wait here; only the newest status and forecast are kept (older ones would be drawn
 * and thrown away), image requests are all kept. When the page says ready (the first
 * time, after a reload, or after the panel was hidden and shown again) it gets what it
 * lacks: its words, the current forecast unless it restored that very one, its selectors, then
 * the status.
 */
export class PanelOutbox {
  private ready = false;
  private pending: HostMessage[] = [];

  constructor(
    private readonly deliver: (message: HostMessage) => void,
    private readonly content: () => PanelContent,
  ) {}

  /** How many messages wait for the page. */
  get waiting(): number {
    return this.pending.length;
  }

  send(message: HostMessage): void {
    if (this.ready) {
      this.deliver(message);
      return;
    }
    if (message.type !== 'requestPng') this.pending = this.pending.filter((m) => m.type !== message.type);
    this.pending.push(message);
  }

  /** The page is listening; `showing` is the forecast id it restored from its saved state. */
  pageReady(showing: string | null): void {
    this.ready = true;
    const { model, status, controls, strings } = this.content();
    const requests = this.pending.filter((m) => m.type === 'requestPng');
    this.pending = [];
    // the words first: what follows is drawn in them
    if (strings) this.deliver({ type: 'strings', strings: { ...strings } });
    if (model && model.id !== showing) this.deliver({ type: 'forecast', model });
    // a fresh page has no selectors: they come with (after) the forecast they belong to
    if (model && controls) this.deliver({ type: 'controls', controls });
    if (status.kind !== 'empty' || !model) this.deliver({ type: 'status', status });
    for (const r of requests) this.deliver(r);
  }

  /** The page was unloaded (panel hidden or closed): hold messages until it is ready again. */
  pageGone(): void {
    this.ready = false;
  }

  /** The panel is gone for good: drop what waits. */
  clear(): void {
    this.ready = false;
    this.pending = [];
  }
}
