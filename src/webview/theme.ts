/**
 * Chart colours come only from the workbench's theme variables (`--vscode-charts-*`,
 * `--vscode-editor-*`), read when a chart is drawn. VS Code changes the body class and
 * the variables when the theme changes; `watchTheme` calls back then.
 */
export interface Palette {
  readonly history: string;
  readonly forecast: string;
  readonly band: string;
  readonly capacity: string;
  readonly breach: string;
  readonly now: string;
  readonly grid: string;
  readonly text: string;
  readonly background: string;
  /** One colour per metric in the "% of capacity" chart. */
  readonly series: readonly string[];
  /**
   * The page's font family (the workbench's), for the text drawn on the charts: canvas text
   * in the same family as the page's costs no second font lookup on the first render.
   */
  readonly font: string;
  readonly kind: 'light' | 'dark' | 'high-contrast' | 'high-contrast-light';
}

export function readPalette(doc: Document = document): Palette {
  const style = getComputedStyle(doc.documentElement);
  const v = (name: string, fallback: string): string => style.getPropertyValue(name).trim() || fallback;
  const foreground = v('--vscode-charts-foreground', v('--vscode-foreground', '#888888'));
  const blue = v('--vscode-charts-blue', '#3794ff');
  const red = v('--vscode-charts-red', '#f14c4c');
  return {
    history: foreground,
    forecast: blue,
    band: withAlpha(blue, 0.22),
    capacity: red,
    // Not charts-orange: the Modern themes make it translucent and the high-contrast ones leave it unset.
    breach: red,
    now: v('--vscode-charts-lines', withAlpha(foreground, 0.5)),
    grid: withAlpha(v('--vscode-charts-lines', foreground), 0.35),
    text: v('--vscode-descriptionForeground', foreground),
    background: v('--vscode-editor-background', '#1e1e1e'),
    series: [
      '--vscode-charts-blue',
      '--vscode-charts-green',
      '--vscode-charts-purple',
      '--vscode-charts-yellow',
      '--vscode-charts-red',
      '--vscode-charts-foreground',
    ].map((n) => v(n, foreground)),
    font: getComputedStyle(doc.body).fontFamily || 'sans-serif',
    kind: themeKind(doc.body),
  };
}

function themeKind(body: HTMLElement): Palette['kind'] {
  if (body.classList.contains('vscode-high-contrast-light')) return 'high-contrast-light';
  if (body.classList.contains('vscode-high-contrast')) return 'high-contrast';
  return body.classList.contains('vscode-light') ? 'light' : 'dark';
}

/** A CSS colour with an alpha: exact for hex and rgb(), `color-mix` for anything else. */
export function withAlpha(color: string, alpha: number): string {
  const hex = /^#([0-9a-f]{3,8})$/i.exec(color)?.[1];
  if (hex) {
    const full = hex.length <= 4 ? [...hex].map((c) => c + c).join('') : hex;
    const [r, g, b] = [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16));
    return `rgba(${r}, ${g}, ${b}, ${alpha})`;
  }
  const rgb = /^rgba?\(([^,]+),([^,]+),([^,)]+)/.exec(color);
  if (rgb) return `rgba(${rgb[1]?.trim()}, ${rgb[2]?.trim()}, ${rgb[3]?.trim()}, ${alpha})`;
  return `color-mix(in srgb, ${color} ${Math.round(alpha * 100)}%, transparent)`;
}

/** Calls `onChange` (once per frame) whenever the theme's class or variables change. */
export function watchTheme(onChange: () => void, doc: Document = document): () => void {
  let pending = false;
  const observer = new MutationObserver(() => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      onChange();
    });
  });
  observer.observe(doc.body, { attributes: true, attributeFilter: ['class', 'data-vscode-theme-id'] });
  observer.observe(doc.documentElement, { attributes: true, attributeFilter: ['style', 'class'] });
  return () => observer.disconnect();
}
