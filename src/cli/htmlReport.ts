import { bottleneckHeadline } from '../core/forecast/headline';
import { type ForecastData, forecastOrigin, type MetricSet } from '../core/base/forecastSchema';
import { formatDuration, formatValue } from '../core/format';

const W = 920;
const H = 230;
const PAD = { left: 64, right: 16, top: 16, bottom: 28 };
const MAX_POINTS = 900;

/**
 * One self-contained HTML file: per metric, the recent history, the forecast, its band,
 * the capacity and the expected breach, drawn as inline SVG (no script, no network).
 */
export function renderHtmlReport(data: ForecastData, set: MetricSet): string {
  const start = forecastOrigin(data);
  const charts = data.metrics.map((m) => {
    const series = set.metrics.find((s) => s.name === m.name);
    const keep = Math.min(series?.values.length ?? 0, data.horizon.count * 4);
    const history: [number, number][] = [];
    if (series) {
      const from = series.values.length - keep;
      const stride = Math.max(1, Math.ceil(keep / MAX_POINTS));
      for (let i = from; i < series.values.length; i += stride)
        history.push([series.start + i * series.stepMs, series.values[i] as number]);
      history.push([
        series.start + (series.values.length - 1) * series.stepMs,
        series.values[series.values.length - 1] as number,
      ]);
    }
    const stride = Math.max(1, Math.ceil(m.points.length / MAX_POINTS));
    const future = m.points
      .filter((_, i) => i % stride === 0 || i === m.points.length - 1)
      .map((p) => ({ t: Date.parse(p.t), value: p.value, lower: p.lower, upper: p.upper }));
    const ys = [
      ...history.map((p) => p[1]),
      ...future.flatMap((p) => [p.lower, p.upper]),
      ...(m.capacity !== null ? [m.capacity] : []),
    ];
    let lo = Infinity;
    let hi = -Infinity;
    for (const y of ys) {
      if (y < lo) lo = y;
      if (y > hi) hi = y;
    }
    if (hi === lo) {
      hi += 1;
      lo -= 1;
    }
    const margin = (hi - lo) * 0.05;
    lo -= margin;
    hi += margin;
    const t0 = history[0]?.[0] ?? start;
    const t1 = future.at(-1)?.t ?? start;
    const x = (t: number): string =>
      (PAD.left + ((t - t0) / Math.max(1, t1 - t0)) * (W - PAD.left - PAD.right)).toFixed(1);
    const y = (v: number): string => (PAD.top + (1 - (v - lo) / (hi - lo)) * (H - PAD.top - PAD.bottom)).toFixed(1);
    const line = (pts: [number, number][]): string => pts.map(([t, v]) => `${x(t)},${y(v)}`).join(' ');
    const band = [
      ...future.map((p) => `${x(p.t)},${y(p.upper)}`),
      ...[...future].reverse().map((p) => `${x(p.t)},${y(p.lower)}`),
    ].join(' ');
    const last = history.at(-1);
    const breachT = m.breach?.expected ? Date.parse(m.breach.expected) : undefined;
    const title = `${m.name}${m.unit ? ` (${m.unit})` : ''}`;
    const caption = m.breach
      ? m.breach.alreadyBreached
        ? 'already beyond capacity'
        : m.breach.expected
          ? `reaches ${formatValue(m.capacity ?? 0, m.unit)} in ${formatDuration((breachT ?? start) - start)} · probability ${Math.round(m.breach.probability * 100)}% · risk ${m.breach.risk}`
          : `probability of reaching ${formatValue(m.capacity ?? 0, m.unit)}: ${Math.round(m.breach.probability * 100)}% · risk ${m.breach.risk}`
      : 'no capacity set';
    return `<section><h2>${esc(title)}</h2><p>${esc(caption)} · method ${esc(m.method.chosen.join(' + '))}</p>
<svg viewBox="0 0 ${W} ${H}" role="img" aria-label="${esc(`${title}: ${caption}`)}">
<polygon class="band" points="${band}"/>
<polyline class="history" points="${line(history)}"/>
<polyline class="forecast" points="${last ? `${x(last[0])},${y(last[1])} ` : ''}${line(future.map((p) => [p.t, p.value]))}"/>
${m.capacity !== null ? `<line class="capacity" x1="${PAD.left}" x2="${W - PAD.right}" y1="${y(m.capacity)}" y2="${y(m.capacity)}"/><text class="label cap" x="${W - PAD.right - 4}" y="${Number(y(m.capacity)) - 4}" text-anchor="end">capacity ${esc(formatValue(m.capacity, m.unit))}</text>` : ''}
<line class="now" x1="${x(start)}" x2="${x(start)}" y1="${PAD.top}" y2="${H - PAD.bottom}"/><text class="label" x="${Number(x(start)) + 4}" y="${PAD.top + 10}">now</text>
${breachT !== undefined && m.capacity !== null ? `<circle class="breach" cx="${x(breachT)}" cy="${y(m.capacity)}" r="5"/>` : ''}
<text class="label" x="${PAD.left - 6}" y="${y(hi - margin)}" text-anchor="end">${esc(formatValue(hi - margin))}</text>
<text class="label" x="${PAD.left - 6}" y="${y(lo + margin)}" text-anchor="end">${esc(formatValue(lo + margin))}</text>
<text class="label" x="${PAD.left}" y="${H - 8}">${esc(new Date(t0).toISOString().slice(0, 16).replace('T', ' '))}</text>
<text class="label" x="${W - PAD.right}" y="${H - 8}" text-anchor="end">${esc(new Date(t1).toISOString().slice(0, 16).replace('T', ' '))}</text>
</svg></section>`;
  });
  const headline = bottleneckHeadline(data).sentence;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Bottleneck Forecast: ${esc(data.source)}</title>
<style>
body{font:14px/1.45 system-ui,sans-serif;margin:24px auto;max-width:${W + 40}px;color:#1f2328;background:#fff}
h1{font-size:22px;margin:0 0 4px}h2{font-size:16px;margin:20px 0 2px}p{margin:2px 0;color:#59636e}
.badge{display:inline-block;padding:2px 8px;border-radius:10px;color:#fff;font-weight:600;text-transform:uppercase;font-size:12px}
.none,.low{background:#1a7f37}.medium{background:#9a6700}.high{background:#bc4c00}.critical{background:#cf222e}
svg{width:100%;height:auto;background:#f6f8fa;border-radius:6px}
.band{fill:rgba(9,105,218,.18)}.history{fill:none;stroke:#59636e;stroke-width:1.2}.forecast{fill:none;stroke:#0969da;stroke-width:1.8}
.capacity{stroke:#cf222e;stroke-dasharray:6 4}.now{stroke:#8c959f;stroke-dasharray:2 3}.breach{fill:#cf222e}
.label{font-size:11px;fill:#59636e}.cap{fill:#cf222e}
ul{color:#59636e}
</style></head><body>
<h1>${esc(headline)}</h1>
<p><span class="badge ${data.risk.level}">${data.risk.level}</span> risk ${data.risk.score}/100 · confidence ${data.confidence.score.toFixed(2)} · ${Math.round(data.level * 100)}% intervals · ${esc(data.producer.provider)}${data.producer.model ? ` ${esc(data.producer.model)}` : ''} · made ${esc(data.createdAt)}</p>
<ul>${data.risk.reasons.map((r) => `<li>${esc(r)}</li>`).join('')}</ul>
${charts.join('\n')}
${data.warnings.length ? `<h2>Warnings</h2><ul>${data.warnings.map((w) => `<li>${esc(w)}</li>`).join('')}</ul>` : ''}
</body></html>
`;
}

function esc(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}
