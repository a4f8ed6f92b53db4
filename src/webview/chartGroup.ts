import type uPlot from 'uplot';
import { type ChartSpec, type View } from './charts';
import { type Palette } from './theme';
import { h } from './dom';

interface Mounted {
  readonly spec: ChartSpec;
  readonly host: HTMLElement;
  /** Created when the chart first comes into view. */
  plot: uPlot | undefined;
}

/**
 * The charts on screen, zoomed and panned together: drag to zoom, Shift+drag or the
 * wheel with Ctrl to pan and zoom, double-click for everything; from the keyboard
 * (a chart has focus) ←/→ pan, +/− zoom, 0 goes back to the opening view.
 *
 * Only the charts in view are created at first, so the first frame costs only what a
 * person can see; each other chart is created when it comes into view (an
 * IntersectionObserver). Until then its place is held at its height, so the page does not jump.
 */
export class ChartGroup {
  private readonly mounted: Mounted[] = [];
  private view: View;
  private syncing = false;
  private readonly resize = new ResizeObserver(() => this.fit());
  /** Creates each chart not yet created when it comes into view (set once the charts in view are created). */
  private readonly visible: IntersectionObserver | undefined;
  /**
   * Resolves when the charts in view at the start have drawn once (uPlot draws in a
   * microtask after it is created); after `repaint`, when the charts created by then have.
   */
  drawn: Promise<void> = Promise.resolve();

  constructor(
    private readonly container: HTMLElement,
    specs: readonly ChartSpec[],
    private palette: Palette,
    private readonly initial: View,
    view: View | undefined,
  ) {
    this.view = view ?? initial;
    for (const spec of specs) {
      const host = h('div', {
        class: 'chart',
        attrs: {
          role: 'img',
          tabindex: '0',
          'aria-label': spec.label,
          'data-chart': spec.title,
          ...(spec.metric ? { 'data-metric': spec.metric } : {}),
        },
      });
      host.style.minHeight = `${spec.height}px`;
      container.append(h('figure', { class: 'chart-figure' }, h('figcaption', { text: spec.title }), host));
      const m: Mounted = { spec, host, plot: undefined };
      this.wireKeys(m);
      this.mounted.push(m);
    }
    // The charts in view now are created at once, so the first frame shows them drawn: one
    // layout, which that frame needs anyway (waiting for the observer's first report would
    // cost a frame). The others are created when they come into view.
    const height = window.innerHeight;
    const inView = this.mounted.filter((m) => {
      const box = m.host.getBoundingClientRect();
      return box.bottom > 0 && box.top < height;
    });
    this.drawn = this.firstDraws(this.create(inView));
    this.visible = new IntersectionObserver((entries) => {
      const shown = new Set(entries.filter((e) => e.isIntersecting).map((e) => e.target));
      void this.create(this.mounted.filter((m) => !m.plot && shown.has(m.host)));
    });
    for (const m of this.mounted) if (!m.plot) this.visible.observe(m.host);
    this.resize.observe(container);
  }

  /** Creates these charts (at the current zoom, in the current colours); returns them. */
  private create(charts: readonly Mounted[]): Mounted[] {
    if (!charts.length) return [];
    // the layout is fresh here: the charts' boxes were just read, or the observer reports after a frame
    const width = this.width();
    for (const m of charts) {
      this.visible?.unobserve(m.host);
      m.plot = m.spec.create(m.host, this.palette, width, this.view);
      this.wirePlot(m.plot);
    }
    return [...charts];
  }

  private firstDraws(charts: readonly Mounted[]): Promise<void> {
    return Promise.all(
      charts.map(
        (m) =>
          new Promise<void>((resolve) => {
            const plot = m.plot as uPlot;
            plot.hooks.draw = [...(plot.hooks.draw ?? []), () => resolve()];
          }),
      ),
    ).then(() => undefined);
  }

  get currentView(): View {
    return this.view;
  }

  /** How many charts the group holds, created or not. */
  get count(): number {
    return this.mounted.length;
  }

  /** The charts created so far. */
  get plots(): readonly uPlot[] {
    return this.mounted.flatMap((m) => (m.plot ? [m.plot] : []));
  }

  /** Rebuilds the created charts with a new palette (a theme change), keeping the zoom; the others get it when created. */
  repaint(palette: Palette): void {
    this.palette = palette;
    const width = this.width();
    const created = this.mounted.filter((m) => m.plot);
    for (const m of created) {
      m.plot?.destroy();
      m.host.replaceChildren();
      m.plot = m.spec.create(m.host, palette, width, this.view);
      this.wirePlot(m.plot);
    }
    this.drawn = this.firstDraws(created);
  }

  setView(view: View): void {
    this.view = view;
    this.syncing = true;
    try {
      for (const plot of this.plots) plot.setScale('x', { min: view.min, max: view.max });
    } finally {
      this.syncing = false;
    }
  }

  dispose(): void {
    this.resize.disconnect();
    this.visible?.disconnect();
    for (const plot of this.plots) plot.destroy();
    this.mounted.length = 0;
  }

  /** All charts as one PNG, with their titles, on the editor's background (the charts not yet in view are created for it). */
  async toPng(title: string): Promise<string> {
    const missing = this.create(this.mounted.filter((m) => !m.plot));
    await this.firstDraws(missing);
    const ratio = window.devicePixelRatio || 1;
    const canvases = this.plots.map((p) => p.ctx.canvas);
    const line = 22 * ratio;
    const width = Math.max(...canvases.map((c) => c.width), 400 * ratio);
    const height = line * 1.5 + canvases.reduce((s, c) => s + c.height + line, 0);
    const out = document.createElement('canvas');
    out.width = width;
    out.height = height;
    const ctx = out.getContext('2d') as CanvasRenderingContext2D;
    ctx.fillStyle = this.palette.background;
    ctx.fillRect(0, 0, width, height);
    ctx.fillStyle = this.palette.history;
    ctx.font = `600 ${15 * ratio}px ${this.palette.font}`;
    ctx.fillText(title, 8 * ratio, line);
    let y = line * 1.5;
    ctx.font = `${13 * ratio}px ${this.palette.font}`;
    this.mounted.forEach((m, i) => {
      // every chart is created above, unless the group was disposed meanwhile
      if (!m.plot) return;
      ctx.fillText(m.spec.title, 8 * ratio, y + line * 0.8);
      y += line;
      const c = canvases[i] as HTMLCanvasElement;
      ctx.drawImage(c, 0, y);
      y += c.height;
    });
    return out.toDataURL('image/png');
  }

  /** The width charts get inside `element` (its content box). */
  static widthOf(element: HTMLElement): number {
    return Math.max(320, Math.floor(element.clientWidth || 800));
  }

  private width(): number {
    return ChartGroup.widthOf(this.container);
  }

  private fit(): void {
    const w = this.width();
    for (const plot of this.plots) if (Math.abs(plot.width - w) > 2) plot.setSize({ width: w, height: plot.height });
  }

  private zoomBy(factor: number, at?: number): void {
    const { min, max } = this.view;
    const centre = at ?? (min + max) / 2;
    this.apply({ min: centre - (centre - min) * factor, max: centre + (max - centre) * factor });
  }

  private panBy(fraction: number): void {
    const span = this.view.max - this.view.min;
    this.apply({ min: this.view.min + span * fraction, max: this.view.max + span * fraction });
  }

  /** The keys work on a chart's place as soon as it has one: they move the shared view. */
  private wireKeys(m: Mounted): void {
    m.host.addEventListener('keydown', (e) => {
      const keys: Record<string, () => void> = {
        ArrowLeft: () => this.panBy(-0.2),
        ArrowRight: () => this.panBy(0.2),
        '+': () => this.zoomBy(0.8),
        '=': () => this.zoomBy(0.8),
        '-': () => this.zoomBy(1.25),
        '0': () => this.apply(this.initial),
      };
      const action = keys[e.key];
      if (action) {
        e.preventDefault();
        action();
      }
    });
    m.host.addEventListener(
      'wheel',
      (e) => {
        if (!e.ctrlKey && !e.shiftKey) return; // plain wheel scrolls the page
        const plot = m.plot;
        if (!plot) return;
        e.preventDefault();
        const rect = plot.over.getBoundingClientRect();
        if (e.shiftKey) this.panBy(Math.sign(e.deltaY || e.deltaX) * 0.1);
        else this.zoomBy(e.deltaY < 0 ? 0.8 : 1.25, plot.posToVal(e.clientX - rect.left, 'x'));
      },
      { passive: false },
    );
  }

  /** What needs the chart itself: its zoom followed by the others, Shift+drag on its plot area. */
  private wirePlot(plot: uPlot): void {
    this.hookScale(plot);
    // Shift+drag pans; a plain drag is uPlot's own zoom to the selection.
    plot.over.addEventListener(
      'mousedown',
      (e) => {
        if (!e.shiftKey || e.button !== 0) return;
        e.stopPropagation();
        e.preventDefault();
        const startX = e.clientX;
        const start = this.view;
        const msPerPx = (start.max - start.min) / Math.max(1, plot.over.clientWidth);
        const move = (ev: MouseEvent): void => {
          const dt = (startX - ev.clientX) * msPerPx;
          this.apply({ min: start.min + dt, max: start.max + dt });
        };
        const up = (): void => {
          window.removeEventListener('mousemove', move);
          window.removeEventListener('mouseup', up);
        };
        window.addEventListener('mousemove', move);
        window.addEventListener('mouseup', up);
      },
      { capture: true },
    );
  }

  /** A zoom on one chart (drag, double-click) moves the others too. */
  private hookScale(plot: uPlot): void {
    plot.hooks.setScale = [
      ...(plot.hooks.setScale ?? []),
      (u: uPlot, key: string) => {
        if (key !== 'x' || this.syncing) return;
        const { min, max } = u.scales['x'] ?? {};
        if (min == null || max == null) return;
        this.view = { min, max };
        this.syncing = true;
        try {
          for (const other of this.plots) {
            // A chart already there is left alone: setScale redraws it even when nothing
            // changes, and each chart reports its scale once as it first draws.
            const x = other.scales['x'];
            if (other !== u && (x?.min !== min || x.max !== max)) other.setScale('x', { min, max });
          }
        } finally {
          this.syncing = false;
        }
      },
    ];
  }

  private apply(view: View): void {
    if (!(view.max > view.min)) return;
    this.setView(view);
  }
}
