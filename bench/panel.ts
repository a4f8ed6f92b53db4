import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, type BuildOptions } from 'esbuild';
import { chromium } from 'playwright-core';
import { loadMetricFile } from '../src/core/data/loadMetrics';
import { forecastMetricSet } from '../src/core/forecast/forecastMetricSet';
import { type MetricSet } from '../src/core/base/forecastSchema';
import { buildPanelModel } from '../src/core/panel/panelModel';
import { hostMessageSchema, type PanelModel, parseMessage } from '../src/core/panel/panelMessages';
import { toSavedModel } from '../src/core/panel/savedModel';
import { REPO_ROOT, ensureTestEnv } from '../test/harness/testEnv';

/**
 * `npm run bench:panel`: the forecast panel's page (the built dist/webview bundle) in
 * Debian's Chromium, headless, 1400×900, drawing the sample's forecast with its history
 * stretched to 100,000 points: one metric of 100,000, and five of 20,000 (the most the
 * extension sends per metric). Each case: the page's script loaded into an empty page
 * (timed: its parse and compile, and the empty page it shows; in VS Code this runs while
 * the forecast does), one cold render, then 10 renders of a new forecast id. The page
 * measures from receiving the message (parse, DOM, uPlot):
 * "drawn" when every chart in view is drawn (the others are created when scrolled to),
 * "frame" at the next animation frame after that (when the browser can show it).
 *
 * Each message travels the way VS Code carries it: the host's check, then VS Code's
 * serialization (JSON text with every typed array's buffer cut out and sent as bytes),
 * then, in the page, the buffers copied, the JSON parsed with the typed arrays put back
 * and the message posted into the page's frame. "post → frame" counts from that copy;
 * the copy table shows each step for the message of 110,080 points, against the same
 * message with its series as number lists (what the panel sent before).
 * `--cold N` measures N cold renders per case, each in a fresh page, and shows their median.
 * `--profile` loads the page unminified, writes a CPU profile of the cold five-chart render
 * (out/bench/panel-cold.cpuprofile) and prints the functions that took the most time in it.
 * Also prints the bundle's size (goal: 100 KB minified).
 */
const RUNS = 10;
const WEBVIEW = path.join(REPO_ROOT, 'dist', 'webview');
const PROFILE = process.argv.includes('--profile');
/** `--cold N`: N cold renders per case, each in a fresh page, their median shown (a busy machine's figures scatter). */
const COLD = Math.max(1, Number(process.argv[process.argv.indexOf('--cold') + 1]) || 1);

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

/** A message as VS Code's extension host serializes it for `webview.postMessage` (1.57 and later). */
interface Wire {
  readonly json: string;
  readonly buffers: ArrayBufferLike[];
}

/** What VS Code does with a posted message: JSON text, each typed array's buffer replaced by a reference. */
function serializeLikeVsCode(message: unknown): Wire {
  const buffers: ArrayBufferLike[] = [];
  const json = JSON.stringify(message, (_key, value: unknown) => {
    if (!ArrayBuffer.isView(value)) return value;
    let index = buffers.indexOf(value.buffer);
    if (index < 0) index = buffers.push(value.buffer) - 1;
    return {
      $$vscode_array_buffer_reference$$: true,
      index,
      view: { type: value.constructor.name, byteLength: value.byteLength, byteOffset: value.byteOffset },
    };
  });
  return { json, buffers };
}

interface Timing {
  drawn: number;
  frame: number;
  wall: number;
  points: number;
  charts: number;
  created: number;
}

interface PageCopy {
  /** Copying the buffers out, and parsing the JSON with the typed arrays put back. */
  parse: number;
  /** From posting into the page's frame to the page's listener. */
  post: number;
}

type Key = 'drawn' | 'frame' | 'wall';
const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

/** The page's script: the built bundle, or for a profile the same build unminified (names that say something). */
async function pageScript(): Promise<string> {
  if (!PROFILE) return path.join(WEBVIEW, 'panel.js');
  const { webviewTarget } = (await import(path.join(REPO_ROOT, 'esbuild.js'))) as { webviewTarget: BuildOptions };
  const outfile = path.join(REPO_ROOT, 'out', 'bench', 'panel-unminified.js');
  await build({ ...webviewTarget, absWorkingDir: REPO_ROOT, outfile, minify: false, sourcemap: false, plugins: [] });
  return outfile;
}

async function main(): Promise<void> {
  const env = ensureTestEnv();
  const script = await pageScript();
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
  const copyRows: string[] = [];
  try {
    for (const c of cases) {
      const colds: Timing[] = [];
      const loads: number[] = [];
      // each cold render in a fresh page; the last page goes on to the warm renders
      for (let rep = 0; ; rep++) {
        const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
        await page.setContent(`<!DOCTYPE html><html><head><style>${fs.readFileSync(path.join(WEBVIEW, 'panel.css'), 'utf8')}
        :root{--vscode-foreground:#ccc;--vscode-editor-background:#1f1f1f;--vscode-charts-foreground:#ccc;--vscode-charts-lines:#ccc8;--vscode-charts-blue:#3794ff;--vscode-charts-red:#f14c4c;--vscode-charts-orange:#d18616;--vscode-charts-green:#89d185;--vscode-charts-yellow:#cca700;--vscode-charts-purple:#b180d7}</style></head>
        <body class="vscode-dark"><main id="app"></main></body></html>`);
        await page.evaluate(() => {
          const w = globalThis as unknown as {
            acquireVsCodeApi: () => unknown;
            __rendered: (m: { type: string }) => void;
            __arrived: number;
            addEventListener(type: string, listener: () => void): void;
          };
          w.__rendered = () => undefined;
          w.acquireVsCodeApi = () => ({
            postMessage: (m: { type: string }) => w.__rendered(m),
            getState: () => undefined,
            setState: () => undefined,
          });
          // registered before the page's own listener: the time a message reaches the page
          w.addEventListener('message', () => (w.__arrived = performance.now()));
        });
        // The page's script, run as VS Code's page runs it (before any forecast arrives), timed:
        // its parse and compile, and the empty page it shows.
        loads.push(
          await page.evaluate(
            (source) => {
              type Tag = { textContent: string };
              const doc = (
                globalThis as unknown as {
                  document: { createElement(name: 'script'): Tag; head: { append(tag: Tag): void } };
                }
              ).document;
              const t0 = performance.now();
              const tag = doc.createElement('script');
              tag.textContent = source;
              doc.head.append(tag);
              return performance.now() - t0;
            },
            fs.readFileSync(script, 'utf8'),
          ),
        );

        /** Hands the page a serialized message (its buffers as bytes, like VS Code's IPC), untimed. */
        const stage = (wire: Wire): Promise<void> =>
          page.evaluate(
            ([json, buffers]) => {
              const w = globalThis as unknown as { __wire: { json: string; buffers: ArrayBuffer[] } };
              const bytes = (b64: string): ArrayBuffer => Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0)).buffer;
              w.__wire = { json, buffers: buffers.map(bytes) };
            },
            [wire.json, wire.buffers.map((b) => Buffer.from(b as ArrayBuffer).toString('base64'))] as const,
          );
        /** The page's side of VS Code's delivery: buffers copied out, JSON parsed with the typed arrays put back, posted into the frame. */
        const deliver = (id: string | null): Promise<Timing & PageCopy> =>
          page.evaluate(
            (id) =>
              new Promise<Timing & PageCopy>((resolve) => {
                type Ref = {
                  $$vscode_array_buffer_reference$$: true;
                  index: number;
                  view?: { byteOffset: number; byteLength: number };
                };
                const w = globalThis as unknown as {
                  __wire: { json: string; buffers: ArrayBuffer[] };
                  __arrived: number;
                  __rendered: (m: {
                    type: string;
                    id?: string;
                    ms?: number;
                    drawnMs?: number;
                    points?: number;
                    charts?: number;
                    created?: number;
                  }) => void;
                  postMessage(message: unknown, origin: string, transfer: unknown[]): void;
                };
                const t0 = performance.now();
                const copies = w.__wire.buffers.map((b) => b.slice(0));
                const message: unknown = JSON.parse(w.__wire.json, (_key, value: unknown) => {
                  const ref = value as Ref | null;
                  if (!ref || typeof ref !== 'object' || !ref.$$vscode_array_buffer_reference$$) return value;
                  const buffer = copies[ref.index] as ArrayBuffer;
                  return ref.view ? new Float64Array(buffer, ref.view.byteOffset, ref.view.byteLength / 8) : buffer;
                });
                const t1 = performance.now();
                const copy = (): PageCopy => ({ parse: t1 - t0, post: w.__arrived - t1 });
                const empty = { drawn: NaN, frame: NaN, wall: NaN, points: 0, charts: 0, created: 0 };
                w.__rendered = (m) => {
                  if (m.type === 'rendered' && m.id === id)
                    resolve({
                      drawn: m.drawnMs ?? NaN,
                      frame: m.ms ?? NaN,
                      wall: performance.now() - t0,
                      points: m.points ?? 0,
                      charts: m.charts ?? 0,
                      created: m.created ?? 0,
                      ...copy(),
                    });
                };
                w.postMessage(message, '*', copies);
                // a message the page refuses draws nothing: only the copy is measured
                if (id === null) setTimeout(() => resolve({ ...empty, ...copy() }), 0);
              }),
            id,
          );
        /** The host's side: its schema check, then VS Code's serialization. */
        const host = (message: unknown): { check: number; serialize: number; wire: Wire } => {
          const t0 = performance.now();
          const checked = parseMessage(hostMessageSchema, message);
          const t1 = performance.now();
          const wire = serializeLikeVsCode(message);
          const t2 = performance.now();
          if (!checked.ok && (message as { model: { id: string } }).model.id !== 'lists')
            throw new Error(checked.problem);
          return { check: t1 - t0, serialize: t2 - t1, wire };
        };
        /** A render of the model under a new id; `around` wraps the page's part (the profile of the cold one). */
        const render = async (
          id: string,
          around: <T>(deliver: () => Promise<T>) => Promise<T> = (d) => d(),
        ): Promise<Timing & PageCopy & { check: number; serialize: number }> => {
          const sent = host({ type: 'forecast', model: { ...c.model, id } });
          await stage(sent.wire);
          return { ...(await around(() => deliver(id))), check: sent.check, serialize: sent.serialize };
        };
        const session = PROFILE && c.name.startsWith('5') ? await page.context().newCDPSession(page) : undefined;
        const cold = await render('cold', async (d) => {
          if (!session) return d();
          await session.send('Profiler.enable');
          await session.send('Profiler.setSamplingInterval', { interval: 100 });
          await session.send('Profiler.start');
          const timing = await d();
          writeProfile((await session.send('Profiler.stop')).profile);
          return timing;
        });
        colds.push(cold);
        if (rep < COLD - 1) {
          await page.close();
          continue;
        }
        const warm: (Timing & PageCopy & { check: number; serialize: number })[] = [];
        for (let i = 0; i < RUNS; i++) warm.push(await render(`warm-${i}`));
        const med = (k: Key): string => median(warm.map((t) => t[k])).toFixed(1);
        const max = (k: Key): string => Math.max(...warm.map((t) => t[k])).toFixed(1);
        rows.push(
          `| ${c.name} (${cold.charts} chart${cold.charts === 1 ? '' : 's'}, ${cold.created} in view, ${cold.points.toLocaleString('en')} points) | ${median(loads).toFixed(1)} | ${median(colds.map((t) => t.drawn)).toFixed(1)} / ${median(colds.map((t) => t.frame)).toFixed(1)} | ${med('drawn')} / ${max('drawn')} | ${med('frame')} / ${max('frame')} | ${med('wall')} / ${max('wall')} |`,
        );
        if (c.name.startsWith('5')) {
          // the same message, its series as number lists, as the panel sent it before (the page now refuses it: copy only)
          const lists: PageCopy[] = [];
          const listsHost: { check: number; serialize: number }[] = [];
          for (let i = 0; i < RUNS; i++) {
            const sent = host({ type: 'forecast', model: { ...toSavedModel(c.model), id: 'lists' } });
            listsHost.push(sent);
            await stage(sent.wire);
            lists.push(await deliver(null));
          }
          const cells = (hostSide: { serialize: number }[], pageSide: PageCopy[]): string => {
            const ser = median(hostSide.map((t) => t.serialize));
            const parse = median(pageSide.map((t) => t.parse));
            const post = median(pageSide.map((t) => t.post));
            return `${ser.toFixed(1)} | ${parse.toFixed(1)} | ${post.toFixed(1)} | ${median(hostSide.map((t, i) => t.serialize + (pageSide[i] as PageCopy).parse + (pageSide[i] as PageCopy).post)).toFixed(1)}`;
          };
          const bytes = (w: Wire): string =>
            `${(w.json.length / 1e6).toFixed(2)} MB JSON + ${(w.buffers.reduce((s, b) => s + b.byteLength, 0) / 1e6).toFixed(2)} MB bytes`;
          const now = host({ type: 'forecast', model: { ...c.model, id: 'size' } }).wire;
          const before = host({ type: 'forecast', model: { ...toSavedModel(c.model), id: 'lists' } }).wire;
          copyRows.push(
            `| Float64Array series (now): ${bytes(now)} | ${median(warm.map((t) => t.check)).toFixed(1)} | ${cells(warm, warm)} |`,
            `| number lists (before): ${bytes(before)} | — | ${cells(listsHost, lists)} |`,
          );
        }
        await page.close();
        break;
      }
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
    `Forecast panel render in Chromium ${version} (headless, 1400×900), ${RUNS} runs after a cold one${COLD > 1 ? ` (cold: the median of ${COLD}, each in a fresh page)` : ''}; times in ms; load average ${os.loadavg()[0]?.toFixed(2)}\n`,
  );
  console.log(
    '| case | page script load | cold: drawn / frame | drawn: median / max | frame: median / max | post → frame: median / max |',
  );
  console.log('|---|---:|---:|---:|---:|---:|');
  for (const r of rows) console.log(r);
  console.log('\nHost → page message copy of the five-metric forecast (110,080 points), medians of 10, ms\n');
  console.log('| message | host check | host serialize | page: copy + parse | page: post | message copy |');
  console.log('|---|---:|---:|---:|---:|---:|');
  for (const r of copyRows) console.log(r);
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

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}

/** Writes the cold render's CPU profile and prints where its time went (self time per function). */
function writeProfile(profile: { nodes: ProfileNode[]; samples?: number[]; timeDeltas?: number[] }): void {
  const file = path.join(REPO_ROOT, 'out', 'bench', 'panel-cold.cpuprofile');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(profile));
  const self = new Map<number, number>();
  (profile.samples ?? []).forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas?.[i] ?? 0) / 1000));
  const byName = new Map<string, number>();
  for (const node of profile.nodes) {
    const f = node.callFrame;
    const name = `${f.functionName || '(anonymous)'} ${path.basename(f.url)}:${f.lineNumber + 1}:${f.columnNumber + 1}`;
    byName.set(name, (byName.get(name) ?? 0) + (self.get(node.id) ?? 0));
  }
  console.log(`CPU profile of the cold five-chart render: ${file}\n\n| self ms | function |\n|---:|---|`);
  for (const [name, ms] of [...byName].sort((a, b) => b[1] - a[1]).slice(0, 20))
    console.log(`| ${ms.toFixed(1)} | ${name} |`);
  console.log('');
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
