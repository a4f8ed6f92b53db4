import * as fs from 'node:fs';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { loadMetricFile } from '../src/core/data/loadMetrics';
import { forecastMetricSet } from '../src/core/forecast/forecastMetricSet';
import { type MetricSet } from '../src/core/base/forecastSchema';
import { buildPanelModel } from '../src/core/panel/panelModel';
import { type PanelModel } from '../src/core/panel/panelMessages';
import { REPO_ROOT, ensureTestEnv } from '../test/harness/testEnv';

/**
 * `npm run bench:panel`: the forecast panel's page (the built dist/webview bundle) in
 * Debian's Chromium, headless, 1400×900, drawing the sample's forecast with its history
 * stretched to 100,000 points: one metric of 100,000, and five of 20,000 (the most the
 * extension sends per metric). Each case: one cold render, then 10 renders of a new
 * forecast id. The page measures from receiving the message (parse, DOM, uPlot):
 * "drawn" when every canvas is drawn, "frame" at the next animation frame after that
 * (when the browser can show it). "post → frame" adds the message's structured clone,
 * measured around `postMessage` on the page's own clock.
 * Also prints the bundle's size (goal: 100 KB minified).
 */
const RUNS = 10;
const WEBVIEW = path.join(REPO_ROOT, 'dist', 'webview');

function stretch(set: MetricSet, metrics: number, points: number): MetricSet {
  return {
    ...set,
    metrics: set.metrics.slice(0, metrics).map((m) => {
      const values = new Float64Array(points);
      // The sample's history repeated backwards, so the newest `n` points are the real ones.
      for (let i = 0; i < points; i++)
        values[points - 1 - i] = m.values[m.values.length - 1 - (i % m.values.length)] as number;
      return { ...m, values, start: m.start + (m.values.length - points) * m.stepMs };
    }),
  };
}

interface Timing {
  drawn: number;
  frame: number;
  wall: number;
  points: number;
  charts: number;
}

async function main(): Promise<void> {
  const env = ensureTestEnv();
  const sample = await loadMetricFile(path.join(REPO_ROOT, 'samples', 'service-metrics.csv'));
  const data = forecastMetricSet(sample);
  const cases: { name: string; model: PanelModel }[] = [
    {
      name: '1 metric × 100,000 history points',
      model: buildPanelModel({ ...data, metrics: data.metrics.slice(0, 1) }, stretch(sample, 1, 100_000), {
        maxHistoryPoints: 100_000,
      }),
    },
    { name: '5 metrics × 20,000 history points', model: buildPanelModel(data, stretch(sample, 5, 20_000)) },
  ];
  const browser = await chromium.launch({
    executablePath: env.chromium,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu'],
  });
  const rows: string[] = [];
  try {
    for (const c of cases) {
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      await page.setContent(`<!DOCTYPE html><html><head><style>${fs.readFileSync(path.join(WEBVIEW, 'panel.css'), 'utf8')}
        :root{--vscode-foreground:#ccc;--vscode-editor-background:#1f1f1f;--vscode-charts-foreground:#ccc;--vscode-charts-lines:#ccc8;--vscode-charts-blue:#3794ff;--vscode-charts-red:#f14c4c;--vscode-charts-orange:#d18616;--vscode-charts-green:#89d185;--vscode-charts-yellow:#cca700;--vscode-charts-purple:#b180d7}</style></head>
        <body class="vscode-dark"><main id="app"></main></body></html>`);
      await page.evaluate(() => {
        const w = globalThis as unknown as {
          acquireVsCodeApi: () => unknown;
          __rendered: (m: { type: string }) => void;
        };
        w.__rendered = () => undefined;
        w.acquireVsCodeApi = () => ({
          postMessage: (m: { type: string }) => w.__rendered(m),
          getState: () => undefined,
          setState: () => undefined,
        });
      });
      await page.addScriptTag({ path: path.join(WEBVIEW, 'panel.js') });
      const render = (id: string): Promise<Timing> =>
        page.evaluate(
          ([model, id]) =>
            new Promise<Timing>((resolve) => {
              const w = globalThis as unknown as {
                __rendered: (m: {
                  type: string;
                  id?: string;
                  ms?: number;
                  drawnMs?: number;
                  points?: number;
                  charts?: number;
                }) => void;
                postMessage(message: unknown, origin: string): void;
              };
              const t0 = performance.now();
              w.__rendered = (m) => {
                if (m.type === 'rendered' && m.id === id)
                  resolve({
                    drawn: m.drawnMs ?? NaN,
                    frame: m.ms ?? NaN,
                    wall: performance.now() - t0,
                    points: m.points ?? 0,
                    charts: m.charts ?? 0,
                  });
              };
              w.postMessage({ type: 'forecast', model: { ...model, id } }, '*');
            }),
          [c.model, id] as const,
        );
      const cold = await render('cold');
      const warm: Timing[] = [];
      for (let i = 0; i < RUNS; i++) warm.push(await render(`warm-${i}`));
      type Key = 'drawn' | 'frame' | 'wall';
      const med = (k: Key): string =>
        (warm.map((t) => t[k]).sort((a, b) => a - b)[Math.floor(RUNS / 2)] as number).toFixed(1);
      const max = (k: Key): string => Math.max(...warm.map((t) => t[k])).toFixed(1);
      rows.push(
        `| ${c.name} (${cold.charts} chart${cold.charts === 1 ? '' : 's'}, ${cold.points.toLocaleString('en')} points) | ${cold.drawn.toFixed(1)} / ${cold.frame.toFixed(1)} | ${med('drawn')} / ${max('drawn')} | ${med('frame')} / ${max('frame')} | ${med('wall')} / ${max('wall')} |`,
      );
      await page.close();
    }
  } finally {
    await browser.close();
  }
  const version = await chromium
    .launch({ executablePath: env.chromium, headless: true, args: ['--no-sandbox'] })
    .then(async (b) => {
      const v = b.version();
      await b.close();
      return v;
    });
  console.log(
    `Forecast panel render in Chromium ${version} (headless, 1400×900), ${RUNS} runs after a cold one; times in ms\n`,
  );
  console.log(
    '| case | cold: drawn / frame | drawn: median / max | frame: median / max | post → frame: median / max |',
  );
  console.log('|---|---:|---:|---:|---:|');
  for (const r of rows) console.log(r);
  const js = fs.readFileSync(path.join(WEBVIEW, 'panel.js'));
  const css = fs.readFileSync(path.join(WEBVIEW, 'panel.css'));
  console.log('\n| webview bundle | bytes | KB | gzip KB |');
  console.log('|---|---:|---:|---:|');
  for (const [name, buf] of [
    ['dist/webview/panel.js (minified)', js],
    ['dist/webview/panel.css', css],
  ] as const)
    console.log(
      `| ${name} | ${buf.length} | ${(buf.length / 1000).toFixed(1)} | ${(gzipSync(buf).length / 1000).toFixed(1)} |`,
    );
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
