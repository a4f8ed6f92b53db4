import uPlot from 'uplot';
import { formatValue } from '../core/format';
import { type PanelMetric, type PanelModel } from '../core/panel/panelMessages';
import { type Palette } from './theme';
import { t } from './l10n';

/** The x range a chart shows (epoch ms). */
export interface View {
  readonly min: number;
  readonly max: number;
}

export interface ChartSpec {
  /** The metric a per-metric chart shows (the table's rows link to it). */
  readonly metric?: string;
  /** The heading above the chart and the name in the PNG. */
  readonly title: string;
  /** What a screen reader hears for the chart. */
  readonly label: string;
  readonly points: number;
  /** The plot's height in pixels (its place is held at that before it is created). */
  readonly height: number;
  readonly create: (target: HTMLElement, palette: Palette, width: number, view: View) => uPlot;
}

const HEIGHT = 220;
/**
 * Charts move their cursors together. The readout shows each line's value at the hovered
 * time exactly, "—" where it has none: by default uPlot shows the nearest value a line has,
 * so the forecast's first value would read as history, and the last observation as forecast.
 */
const CURSOR: uPlot.Cursor = {
  sync: { key: 'bottleneck' },
  drag: { x: true, y: false },
  dataIdx: (_u, _series, hovered) => hovered,
};
const UTC = (ms: number): Date => uPlot.tzDate(new Date(ms), 'Etc/UTC');

/** One metric: history, forecast, the band between the bounds, capacity, "now" and the breach. */
export function metricChart(model: PanelModel, m: PanelMetric): ChartSpec {
  const n = m.history.values.length;
  const k = m.forecast.t.length;
  let data: uPlot.AlignedData | undefined;
  /** The chart's columns, built when it is first created (a chart never scrolled to costs nothing). */
  const columns = (): uPlot.AlignedData => {
    // Holes (not nulls) where a series has no data: V8 keeps such arrays as unboxed doubles,
    // and uPlot draws nothing across a hole at the start or end of a series.
    const x = new Float64Array(n + k);
    const history = holes(n + k);
    const forecast = holes(n + k);
    const lower = holes(n + k);
    const upper = holes(n + k);
    for (let i = 0; i < n; i++) {
      x[i] = m.history.start + i * m.history.step;
      history[i] = m.history.values[i] as number;
    }
    // The forecast, its band and the history meet at the last observation.
    forecast[n - 1] = lower[n - 1] = upper[n - 1] = m.lastValue;
    for (let j = 0; j < k; j++) {
      x[n + j] = m.forecast.t[j] as number;
      forecast[n + j] = m.forecast.value[j] as number;
      lower[n + j] = m.forecast.lower[j] as number;
      upper[n + j] = m.forecast.upper[j] as number;
    }
    return [x, history, forecast, lower, upper] as unknown as uPlot.AlignedData;
  };
  const fmt = (v: number | null | undefined): string => (v == null ? '—' : formatValue(v, m.unit));
  const level = `${Math.round(model.level * 100)}%`;
  const caption = captionOf(m);
  return {
    metric: m.name,
    title: `${m.name}${m.unit ? ` (${m.unit})` : ''}`,
    label: `${m.name}: ${caption}. ${t('Last value {0}.', fmt(m.lastValue))}`,
    points: n + k,
    height: HEIGHT,
    create(target, palette, width, view) {
      const markers = drawMarkers(
        palette,
        model.now,
        m.capacity === null ? [] : [{ value: m.capacity, label: t('capacity {0}', fmt(m.capacity)) }],
        breachMarks(m, m.capacity),
        m.levelShift ? { t: m.levelShift.t, text: m.levelShift.text } : undefined,
      );
      return new uPlot(
        {
          width,
          height: HEIGHT,
          ms: 1,
          tzDate: UTC,
          cursor: CURSOR,
          scales: {
            x: { time: true, min: view.min, max: view.max },
            y: { range: (_u, lo, hi) => yRange(lo, hi, m.capacity) },
          },
          axes: axes(palette, (v) => formatValue(v)),
          series: [
            { value: '{YYYY}-{MM}-{DD} {HH}:{mm} UTC' },
            {
              label: t('history'),
              stroke: palette.history,
              width: 1,
              value: (_u, v) => fmt(v),
              points: { show: false },
            },
            {
              label: t('forecast'),
              stroke: palette.forecast,
              width: 2,
              value: (_u, v) => fmt(v),
              points: { show: false },
            },
            {
              label: t('lower {0}', level),
              stroke: palette.band,
              width: 0,
              value: (_u, v) => fmt(v),
              points: { show: false },
            },
            {
              label: t('upper {0}', level),
              stroke: palette.band,
              width: 0,
              value: (_u, v) => fmt(v),
              points: { show: false },
            },
          ],
          bands: [{ series: [4, 3], fill: palette.band }],
          hooks: { draw: [markers] },
        },
        (data ??= columns()),
        target,
      );
    },
  };
}

/**
 * Every metric with a capacity on one chart, as a percentage of the way to it, so 100%
 * is the breach line for all: value ÷ capacity for a metric that breaches above it
 * (CPU at 85 of 85 is 100%), capacity ÷ value for one that breaches below it (free disk
 * at 40 GB with a 40 GB floor is 100%, at 80 GB it is 50%).
 */
export function percentChart(model: PanelModel): ChartSpec | undefined {
  const ms = model.metrics.filter((m) => m.capacity !== null && m.capacity !== 0);
  if (!ms.length) return undefined;
  const points = ms.reduce((s, m) => s + m.history.values.length + m.forecast.t.length, 0);
  let data: uPlot.AlignedData | undefined;
  /** Every metric's history and forecast on one time axis, built when the chart is first created. */
  const columns = (): uPlot.AlignedData => {
    const times = new Set<number>();
    for (const m of ms) {
      for (let i = 0; i < m.history.values.length; i++) times.add(m.history.start + i * m.history.step);
      for (const t of m.forecast.t) times.add(t);
    }
    const x = Float64Array.from(times).sort();
    const index = new Map<number, number>();
    x.forEach((t, i) => index.set(t, i));
    const lines: (number | undefined)[][] = [];
    for (const m of ms) {
      const cap = m.capacity as number;
      const pctOf =
        m.breachSide === 'above'
          ? (v: number): number => (v / cap) * 100
          : (v: number): number => (v > 0 ? (cap / v) * 100 : 1000);
      const hist = holes(x.length);
      const fc = holes(x.length);
      for (let i = 0; i < m.history.values.length; i++)
        hist[index.get(m.history.start + i * m.history.step) as number] = pctOf(m.history.values[i] as number);
      const last = m.history.start + (m.history.values.length - 1) * m.history.step;
      fc[index.get(last) as number] = pctOf(m.lastValue);
      m.forecast.t.forEach((t, j) => (fc[index.get(t) as number] = pctOf(m.forecast.value[j] as number)));
      lines.push(hist, fc);
    }
    return [x, ...lines] as unknown as uPlot.AlignedData;
  };
  const pct = (v: number | null | undefined): string => (v == null ? '—' : `${formatValue(v)}%`);
  return {
    title: t('All metrics, % of the way to capacity (100% = breach; capacity ÷ value for metrics that breach below)'),
    label: `${t('All metrics with a capacity, as a percentage of the way to it; 100% is the breach line.')} ${ms.map((m) => `${m.name}: ${captionOf(m)}`).join('. ')}.`,
    points,
    height: HEIGHT + 80,
    create(target, palette, width, view) {
      // Dots only: several metrics' labels would overlap; the table has the times.
      const breaches = ms.flatMap((m) => breachMarks(m, 100)).map((b) => ({ ...b, label: '' }));
      return new uPlot(
        {
          width,
          height: HEIGHT + 80,
          ms: 1,
          tzDate: UTC,
          cursor: CURSOR,
          scales: {
            x: { time: true, min: view.min, max: view.max },
            y: { range: (_u, lo, hi) => yRange(lo, hi, 100) },
          },
          axes: axes(palette, (v) => `${formatValue(v)}%`),
          series: [
            { value: '{YYYY}-{MM}-{DD} {HH}:{mm} UTC' },
            ...ms.flatMap((m, i): uPlot.Series[] => {
              const colour = palette.series[i % palette.series.length] as string;
              return [
                { label: m.name, stroke: colour, width: 1, value: (_u, v) => pct(v), points: { show: false } },
                {
                  label: `${m.name} ${t('forecast')}`,
                  stroke: colour,
                  width: 2,
                  dash: [6, 4],
                  value: (_u, v) => pct(v),
                  points: { show: false },
                },
              ];
            }),
          ],
          hooks: {
            draw: [drawMarkers(palette, model.now, [{ value: 100, label: t('capacity {0}', '(100%)') }], breaches)],
          },
        },
        (data ??= columns()),
        target,
      );
    },
  };
}

function holes(length: number): (number | undefined)[] {
  return new Array<number | undefined>(length);
}

export function captionOf(m: PanelMetric): string {
  const b = m.breach;
  if (!b) return t('no capacity set');
  if (b.alreadyBreached) return t('already beyond capacity');
  if (b.expectedIn)
    return t(
      'reaches capacity {0} ({1}), probability {2}%, risk {3}',
      b.expectedIn,
      b.expectedAt ?? '',
      Math.round(b.probability * 100),
      t(b.risk),
    );
  if (b.earliestIn)
    return t(
      'could reach capacity {0} at the earliest, probability {1}%, risk {2}',
      b.earliestIn,
      Math.round(b.probability * 100),
      t(b.risk),
    );
  return t('not expected to reach capacity, probability {0}%, risk {1}', Math.round(b.probability * 100), t(b.risk));
}

function axes(palette: Palette, yValue: (v: number) => string): uPlot.Axis[] {
  const common = {
    stroke: palette.text,
    grid: { stroke: palette.grid, width: 1 },
    ticks: { stroke: palette.grid, width: 1 },
    font: `12px ${palette.font}`,
    labelFont: `12px ${palette.font}`,
  };
  return [common, { ...common, size: 60, values: (_u, splits) => splits.map(yValue) }];
}

function yRange(lo: number | null, hi: number | null, include: number | null): uPlot.Range.MinMax {
  let a = lo ?? include ?? 0;
  let b = hi ?? include ?? 1;
  if (include !== null) {
    a = Math.min(a, include);
    b = Math.max(b, include);
  }
  if (a === b) {
    a -= 1;
    b += 1;
  }
  const pad = (b - a) * 0.06;
  return [a - pad, b + pad];
}

interface BreachMark {
  readonly t: number;
  readonly y: number;
  /** Filled at the expected crossing; hollow at the earliest when the point forecast does not cross. */
  readonly solid: boolean;
  readonly label: string;
}

function breachMarks(m: PanelMetric, y: number | null): BreachMark[] {
  const b = m.breach;
  if (!b || y === null) return [];
  if (b.expected !== null) return [{ t: b.expected, y, solid: true, label: t('breach {0}', b.expectedIn ?? '') }];
  if (b.earliest !== null) return [{ t: b.earliest, y, solid: false, label: t('earliest {0}', b.earliestIn ?? '') }];
  return [];
}

/** Draws the capacity lines, the "now" line and the breach markers on the plot area. */
function drawMarkers(
  palette: Palette,
  now: number,
  lines: readonly { value: number; label: string }[],
  breaches: readonly BreachMark[],
  shift?: { readonly t: number; readonly text: string },
) {
  return (u: uPlot): void => {
    const { ctx } = u;
    const { left, top, width, height } = u.bbox;
    const px = uPlot.pxRatio;
    /** A label with a halo of the background colour, so it stays legible over the lines. */
    const label = (text: string, x: number, y: number, colour: string): void => {
      ctx.save();
      ctx.setLineDash([]);
      ctx.lineWidth = 3 * px;
      ctx.lineJoin = 'round';
      ctx.strokeStyle = palette.background;
      ctx.strokeText(text, x, y);
      ctx.fillStyle = colour;
      ctx.fillText(text, x, y);
      ctx.restore();
    };
    ctx.save();
    ctx.beginPath();
    ctx.rect(left, top, width, height);
    ctx.clip();
    ctx.font = `${11 * px}px ${palette.font}`;
    ctx.textBaseline = 'alphabetic'; // uPlot leaves the axes' baseline set
    ctx.lineWidth = 1.5 * px;
    for (const line of lines) {
      const y = Math.round(u.valToPos(line.value, 'y', true));
      ctx.strokeStyle = palette.capacity;
      ctx.setLineDash([6 * px, 4 * px]);
      ctx.beginPath();
      ctx.moveTo(left, y);
      ctx.lineTo(left + width, y);
      ctx.stroke();
      ctx.textAlign = 'left';
      // Above the line, or below it when the line runs along the top of the plot.
      label(line.label, left + 4 * px, y - top < 16 * px ? y + 14 * px : y - 4 * px, palette.capacity);
    }
    /** A dashed vertical line across the plot at time `t`; returns its x. */
    const vertical = (t: number, colour: string, dash: number[]): number => {
      const x = Math.round(u.valToPos(t, 'x', true));
      ctx.strokeStyle = colour;
      ctx.setLineDash(dash);
      ctx.beginPath();
      ctx.moveTo(x, top);
      ctx.lineTo(x, top + height);
      ctx.stroke();
      return x;
    };
    const nx = vertical(now, palette.now, [2 * px, 3 * px]);
    ctx.textAlign = 'right';
    label(t('now'), nx - 4 * px, top + height - 6 * px, palette.text);
    if (shift) {
      // where the level changed: the forecast starts from the level after it
      const sx = vertical(shift.t, palette.breach, [4 * px, 2 * px]);
      ctx.textAlign = 'left';
      label(shift.text, sx + 4 * px, top + 12 * px, palette.breach);
    }
    ctx.setLineDash([]);
    for (const b of breaches) {
      const bx = u.valToPos(b.t, 'x', true);
      const by = u.valToPos(b.y, 'y', true);
      ctx.beginPath();
      ctx.arc(bx, by, 5 * px, 0, 2 * Math.PI);
      ctx.strokeStyle = palette.breach;
      ctx.fillStyle = palette.breach;
      if (b.solid) ctx.fill();
      else ctx.stroke();
      if (!b.label) continue;
      ctx.textAlign = bx > left + width * 0.8 ? 'right' : 'left';
      label(b.label, bx + (ctx.textAlign === 'right' ? -8 : 8) * px, by + 14 * px, palette.breach);
    }
    ctx.restore();
  };
}
