import type uPlot from 'uplot';
import { type ChartSpec, type View } from './charts';
import { type Palette } from './theme';
import { h } from './dom';

interface Mounted {
  readonly spec: ChartSpec;
  readonly host: HTMLElement;
  plot: uPlot;
}

/**
 * The charts on screen, zoomed and panned together: drag to zoom, Shift+drag or the
 * wheel with Ctrl to pan and zoom, double-click for everything; from the keyboard
 * (a chart has focus) ←/→ pan, +/− zoom, 0 goes back to the opening view.
 */
export class ChartGroup {
  private readonly mounted: Mounted[] = [];
  private view: View;
  private syncing = false;
  private readonly resize = new ResizeObserver(() => this.fit());
  /** Resolves when every chart has drawn once since it was (re)created (uPlot draws in a microtask). */
  drawn: Promise<void> = Promise.resolve();

  constructor(
    private readonly container: HTMLElement,
    specs: readonly ChartSpec[],
    private palette: Palette,
    private readonly initial: View,
    view: View | undefined,
    /** The charts' width, read by the caller before it changed the DOM (see `widthOf`). */
    width: number,
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
      container.append(h('figure', { class: 'chart-figure' }, h('figcaption', { text: spec.title }), host));
      const plot = spec.create(host, palette, width, this.view);
      const m: Mounted = { spec, host, plot };
      this.wire(m);
      this.mounted.push(m);
    }
    this.trackFirstDraws();
    this.resize.observe(container);
  }

  private trackFirstDraws(): void {
    this.drawn = Promise.all(
      this.mounted.map(
        (m) =>
          new Promise<void>((resolve) => {
            m.plot.hooks.draw = [...(m.plot.hooks.draw ?? []), () => resolve()];
          }),
      ),
    ).then(() => undefined);
  }

  get currentView(): View {
    return this.view;
  }

  get plots(): readonly uPlot[] {
    return this.mounted.map((m) => m.plot);
  }

  /** Rebuilds every chart with a new palette (a theme change), keeping the zoom. */
  repaint(palette: Palette): void {
    this.palette = palette;
    const width = this.width();
    for (const m of this.mounted) {
      m.plot.destroy();
      m.host.replaceChildren();
      m.plot = m.spec.create(m.host, palette, width, this.view);
      this.hookScale(m);
    }
    this.trackFirstDraws();
  }

  setView(view: View): void {
    this.view = view;
    this.syncing = true;
    try {
      for (const m of this.mounted) m.plot.setScale('x', { min: view.min, max: view.max });
    } finally {
      this.syncing = false;
    }
  }

  dispose(): void {
    this.resize.disconnect();
    for (const m of this.mounted) m.plot.destroy();
    this.mounted.length = 0;
  }

  /** All charts as one PNG, with their titles, on the editor's background. */
  toPng(title: string): string {
    const ratio = window.devicePixelRatio || 1;
    const canvases = this.mounted.map((m) => m.plot.ctx.canvas);
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
    ctx.font = `600 ${15 * ratio}px sans-serif`;
    ctx.fillText(title, 8 * ratio, line);
    let y = line * 1.5;
    ctx.font = `${13 * ratio}px sans-serif`;
    this.mounted.forEach((m, i) => {
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
    for (const m of this.mounted)
      if (Math.abs(m.plot.width - w) > 2) m.plot.setSize({ width: w, height: m.plot.height });
  }

  private wire(m: Mounted): void {
    this.hookScale(m);

    const zoomBy = (factor: number, at?: number): void => {
      const { min, max } = this.view;
      const centre = at ?? (min + max) / 2;
      this.apply({ min: centre - (centre - min) * factor, max: centre + (max - centre) * factor });
    };
    const panBy = (fraction: number): void => {
      const span = this.view.max - this.view.min;
      this.apply({ min: this.view.min + span * fraction, max: this.view.max + span * fraction });
    };
    m.host.addEventListener('keydown', (e) => {
      const keys: Record<string, () => void> = {
        ArrowLeft: () => panBy(-0.2),
        ArrowRight: () => panBy(0.2),
        '+': () => zoomBy(0.8),
        '=': () => zoomBy(0.8),
        '-': () => zoomBy(1.25),
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
        e.preventDefault();
        const rect = m.plot.over.getBoundingClientRect();
        if (e.shiftKey) panBy(Math.sign(e.deltaY || e.deltaX) * 0.1);
        else zoomBy(e.deltaY < 0 ? 0.8 : 1.25, m.plot.posToVal(e.clientX - rect.left, 'x'));
      },
      { passive: false },
    );
    // Shift+drag pans; a plain drag is uPlot's own zoom to the selection.
    m.plot.over.addEventListener(
      'mousedown',
      (e) => {
        if (!e.shiftKey || e.button !== 0) return;
        e.stopPropagation();
        e.preventDefault();
        const startX = e.clientX;
        const start = this.view;
        const msPerPx = (start.max - start.min) / Math.max(1, m.plot.over.clientWidth);
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
  private hookScale(m: Mounted): void {
    m.plot.hooks.setScale = [
      ...(m.plot.hooks.setScale ?? []),
      (u: uPlot, key: string) => {
        if (key !== 'x' || this.syncing) return;
        const { min, max } = u.scales['x'] ?? {};
        if (min == null || max == null) return;
        this.view = { min, max };
        this.syncing = true;
        try {
          for (const other of this.mounted) if (other.plot !== u) other.plot.setScale('x', { min, max });
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
