import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { type BuildOptions } from 'esbuild';
import * as path from 'node:path';
import { forecastMetricSet } from '../../src/core/forecast/forecastMetricSet';
import { loadMetricFile } from '../../src/core/data/loadMetrics';
import { type ForecastData, type MetricSet } from '../../src/core/base/forecastSchema';
import { buildPanelModel, decimate } from '../../src/core/panel/panelModel';
import {
  type HostMessage,
  hostMessageSchema,
  pageMessageSchema,
  type PanelModel,
  panelModelSchema,
  panelSavedStateSchema,
  type PanelStatus,
  parseMessage,
} from '../../src/core/panel/panelMessages';
import { PanelOutbox } from '../../src/core/panel/panelOutbox';
import { renderPanelHtml } from '../../src/core/panel/panelHtml';
import { formatForecastTable } from '../../src/core/forecast/formatReport';
import { hourlySet } from '../support/helpers';

const SAMPLE = path.join(__dirname, '..', '..', '..', 'samples', 'service-metrics.csv');

describe('Forecast panel model', () => {
  let set: MetricSet;
  let data: ForecastData;
  before(async () => {
    set = await loadMetricFile(SAMPLE);
    data = forecastMetricSet(set);
  });

  it('is valid against the schema the page parses it with', () => {
    const parsed = parseMessage(hostMessageSchema, { type: 'forecast', model: buildPanelModel(data, set) });
    assert.equal(parsed.ok, true, parsed.ok ? '' : parsed.problem);
  });

  it('names the bottleneck the engine reported, with the same relative and absolute time as the CLI report', () => {
    const model = buildPanelModel(data, set);
    assert.ok(data.bottleneck, 'the sample has a bottleneck');
    assert.equal(model.headline.metric, data.bottleneck.metric);
    const cliLine =
      formatForecastTable(data)
        .split('\n')
        .find((l) => l.startsWith('Bottleneck:')) ?? '';
    assert.ok(
      model.headline.relative && cliLine.includes(model.headline.relative),
      `${cliLine} / ${model.headline.relative}`,
    );
    assert.ok(
      model.headline.absolute && cliLine.includes(model.headline.absolute),
      `${cliLine} / ${model.headline.absolute}`,
    );
    assert.match(model.headline.text, new RegExp(`^${data.bottleneck.metric} reaches .+ in \\d`));
  });

  it('has one metric per forecast metric with its history ending at the last observation', () => {
    const model = buildPanelModel(data, set);
    assert.deepEqual(
      model.metrics.map((m) => m.name),
      data.metrics.map((m) => m.name),
    );
    for (const m of model.metrics) {
      const source = set.metrics.find((s) => s.name === m.name);
      assert.ok(source);
      const lastT = m.history.start + (m.history.values.length - 1) * m.history.step;
      assert.equal(lastT, model.now, `${m.name} history ends at now`);
      assert.equal(m.history.values.at(-1), source.values[source.values.length - 1]);
      assert.equal(m.forecast.t.length, data.horizon.count);
      assert.ok(m.viewFrom >= m.history.start && m.viewFrom < model.now);
    }
  });

  it('keeps the risk, confidence, provider and warnings of the forecast', () => {
    const model = buildPanelModel({ ...data, warnings: ['gap filled'] }, set);
    assert.equal(model.risk.level, data.risk.level);
    assert.equal(model.confidence.score, data.confidence.score);
    assert.equal(model.producer.provider, 'Built-in');
    assert.deepEqual(model.warnings, ['gap filled']);
  });

  it('says so when no metric is expected to breach', () => {
    const calm = forecastMetricSet({
      ...hourlySet(),
      metrics: hourlySet().metrics.map((m) => ({ ...m, capacity: 1000 })),
    });
    const model = buildPanelModel(calm, undefined);
    assert.equal(model.headline.metric, null);
    assert.match(model.headline.text, /^No metric is expected to reach its capacity in the next /);
    assert.equal(model.metrics[0]?.history.values.length, 1, 'without the set, only the last observation');
  });
});

describe('History decimation for the panel', () => {
  const series = (values: number[], breach: 'above' | 'below' = 'above') => ({
    start: 0,
    stepMs: 10,
    values: Float64Array.from(values),
    breach,
  });

  it('passes a short history through unchanged', () => {
    assert.deepEqual(decimate(series([1, 2, 3]), 10), { start: 0, step: 10, values: [1, 2, 3] });
  });

  it('keeps at most the limit, with the last bucket ending at the last observation', () => {
    const values = Array.from({ length: 1001 }, (_, i) => i);
    const out = decimate(series(values), 100);
    assert.ok(out.values.length <= 100);
    assert.equal(out.start + (out.values.length - 1) * out.step, 1000 * 10);
    assert.equal(out.values.at(-1), 1000);
  });

  it('keeps a one-step spike toward the breach side (peak for above, trough for below)', () => {
    const flat = Array.from({ length: 10_000 }, () => 5);
    flat[4321] = 99;
    assert.equal(Math.max(...decimate(series(flat), 50).values), 99);
    const dip = Array.from({ length: 10_000 }, () => 5);
    dip[777] = -3;
    assert.equal(Math.min(...decimate(series(dip, 'below'), 50).values), -3);
  });
});

describe('Forecast panel messages', () => {
  it('accepts each page message the page sends', () => {
    for (const m of [
      { type: 'ready', showing: null },
      { type: 'command', command: 'forecastSample' },
      { type: 'export', format: 'csv' },
      { type: 'png', requestId: 'r1', dataUrl: 'data:image/png;base64,iVBORw0KGgo=' },
      { type: 'rendered', id: 'x', charts: 2, points: 10, drawnMs: 2.5, ms: 3.5, palette: ['#fff'] },
      { type: 'log', level: 'warn', message: 'x' },
    ])
      assert.equal(parseMessage(pageMessageSchema, m).ok, true, JSON.stringify(m));
  });

  it('refuses unknown types, commands outside the list, and non-PNG data, naming the field', () => {
    const cases: [unknown, RegExp][] = [
      [{ type: 'runCommand', command: 'workbench.action.terminal.new' }, /^runCommand: type:/],
      [{ type: 'command', command: 'workbench.action.terminal.new' }, /^command: command:/],
      [{ type: 'png', requestId: null, dataUrl: 'data:text/html;base64,PHNjcmlwdD4=' }, /^png: dataUrl:/],
      [{ type: 'export', format: 'xlsx' }, /^export: format:/],
      ['ready', /^string: message:/],
      [null, /^object: /],
    ];
    for (const [raw, problem] of cases) {
      const parsed = parseMessage(pageMessageSchema, raw);
      assert.equal(parsed.ok, false, JSON.stringify(raw));
      if (!parsed.ok) assert.match(parsed.problem, problem);
    }
  });

  it('refuses a forecast model with a non-finite value', async () => {
    const set = await loadMetricFile(SAMPLE);
    const model = buildPanelModel(forecastMetricSet(set), set);
    const bad = { ...model, metrics: [{ ...model.metrics[0], lastValue: Number.NaN }] };
    assert.equal(parseMessage(panelModelSchema, bad).ok, false);
  });

  it('parses the saved state the page restores from', () => {
    assert.equal(parseMessage(panelSavedStateSchema, { model: null, mode: 'percent' }).ok, true);
    assert.equal(parseMessage(panelSavedStateSchema, { model: null, mode: 'stacked' }).ok, false);
  });
});

describe('Forecast panel HTML', () => {
  const html = renderPanelHtml({
    cspSource: 'https://x.vscode-cdn.net',
    nonce: 'abc123XYZ',
    scriptUri: 'https://x/dist/webview/panel.js',
    styleUri: 'https://x/dist/webview/panel.css',
  });

  it('allows nothing by default, scripts only by nonce, styles only from the extension', () => {
    const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? '';
    const directives = Object.fromEntries(
      csp
        .split(';')
        .map((d) => d.trim().split(/\s+/))
        .map(([k, ...v]) => [k, v]),
    );
    assert.deepEqual(directives['default-src'], ["'none'"]);
    assert.deepEqual(directives['script-src'], ["'nonce-abc123XYZ'"]);
    assert.deepEqual(directives['style-src'], ['https://x.vscode-cdn.net']);
    assert.deepEqual(directives['img-src'], ['https://x.vscode-cdn.net', 'data:']);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|\*/);
  });

  it('loads its one script with the nonce and has no inline script or handler', () => {
    assert.equal((html.match(/<script\b/g) ?? []).length, 1);
    assert.match(html, /<script nonce="abc123XYZ" src="https:\/\/x\/dist\/webview\/panel\.js"><\/script>/);
    assert.doesNotMatch(html, /\son[a-z]+=/i);
    assert.doesNotMatch(html, /style="/);
  });
});

describe('Getting Started walkthrough (package.json)', () => {
  const root = path.join(__dirname, '..', '..', '..');
  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
    contributes: {
      commands: { command: string }[];
      walkthroughs: {
        steps: { id: string; description: string; media: { markdown: string }; completionEvents: string[] }[];
      }[];
    };
  };
  const commands = new Set(manifest.contributes.commands.map((c) => c.command));
  const steps = manifest.contributes.walkthroughs[0]?.steps ?? [];
  const ignore = fs.readFileSync(path.join(root, '.vscodeignore'), 'utf8');

  it('walks from the sample to the panel, a key and a provider switch', () => {
    assert.deepEqual(
      steps.map((s) => s.id),
      ['openSample', 'runForecast', 'readPanel', 'setKey', 'switchProvider'],
    );
  });

  it('links and completes each step with a command the extension contributes, and ships its page', () => {
    for (const step of steps) {
      for (const link of step.description.matchAll(/\(command:([\w.]+)\)/g))
        assert.ok(commands.has(link[1] as string), `${step.id} links ${link[1]}`);
      for (const event of step.completionEvents)
        assert.ok(commands.has(event.replace(/^onCommand:/, '')), `${step.id} completes on ${event}`);
      assert.ok(fs.existsSync(path.join(root, step.media.markdown)), `${step.media.markdown} exists`);
      assert.match(step.media.markdown, /^media\/walkthrough\/[\w]+\.md$/);
    }
    assert.match(ignore, /^!media\/walkthrough\/\*\.md$/m, 'the pages are in the package');
  });
});

describe('Panel outbox (the host side of the ready handshake)', () => {
  const model = (id: string) => ({ id }) as unknown as PanelModel;
  const setup = (content: { model: PanelModel | undefined; status: PanelStatus }) => {
    const delivered: HostMessage[] = [];
    const outbox = new PanelOutbox(
      (m) => delivered.push(m),
      () => content,
    );
    return { outbox, delivered, content };
  };
  const kinds = (ms: readonly HostMessage[]) =>
    ms.map((m) =>
      m.type === 'forecast'
        ? `forecast:${m.model.id}`
        : m.type === 'status'
          ? `status:${m.status.kind}`
          : `png:${m.requestId}`,
    );

  it('holds every message until the page says ready, then sends the newest forecast, then the status', () => {
    const s = setup({ model: model('f2'), status: { kind: 'loading', source: 'a.csv', provider: 'Built-in' } });
    s.outbox.send({ type: 'forecast', model: model('f1') });
    s.outbox.send({ type: 'status', status: { kind: 'empty' } });
    s.outbox.send({ type: 'forecast', model: model('f2') });
    s.outbox.send({ type: 'status', status: { kind: 'loading', source: 'a.csv', provider: 'Built-in' } });
    assert.deepEqual(s.delivered, []);
    assert.equal(s.outbox.waiting, 2, 'older status and forecast were replaced');
    s.outbox.pageReady(null);
    assert.deepEqual(kinds(s.delivered), ['forecast:f2', 'status:loading']);
  });

  it('does not resend the forecast a reloaded page restored from its own state', () => {
    const s = setup({ model: model('f1'), status: { kind: 'empty' } });
    s.outbox.pageReady('f1');
    assert.deepEqual(kinds(s.delivered), []);
  });

  it('tells a page with nothing to show that there is nothing yet', () => {
    const s = setup({ model: undefined, status: { kind: 'empty' } });
    s.outbox.pageReady(null);
    assert.deepEqual(kinds(s.delivered), ['status:empty']);
  });

  it('keeps every image request, and sends them after the forecast they draw', () => {
    const s = setup({ model: model('f1'), status: { kind: 'empty' } });
    s.outbox.send({ type: 'requestPng', requestId: 'a' });
    s.outbox.send({ type: 'requestPng', requestId: 'b' });
    s.outbox.pageReady(null);
    assert.deepEqual(kinds(s.delivered), ['forecast:f1', 'png:a', 'png:b']);
  });

  it('sends at once while the page is ready, and holds again once the page is gone', () => {
    const s = setup({ model: model('f1'), status: { kind: 'empty' } });
    s.outbox.pageReady('f1');
    s.outbox.send({ type: 'status', status: { kind: 'empty' } });
    assert.equal(s.delivered.length, 1);
    s.outbox.pageGone();
    s.content.model = model('f2');
    s.outbox.send({ type: 'forecast', model: model('f2') });
    assert.equal(s.delivered.length, 1, 'held while hidden');
    s.outbox.pageReady('f1');
    assert.deepEqual(kinds(s.delivered.slice(1)), ['forecast:f2']);
  });
});

describe('Panel page bundle', function () {
  this.timeout(30_000);
  const root = path.join(__dirname, '..', '..', '..');

  it('stays within its 100 KB budget, minified (the same build as esbuild.js)', async () => {
    const { webviewTarget } = (await import(path.join(root, 'esbuild.js'))) as { webviewTarget: BuildOptions };
    const esbuild = await import('esbuild');
    const result = await esbuild.build({
      ...webviewTarget,
      absWorkingDir: root,
      write: false,
      sourcemap: false,
      plugins: [],
      logLevel: 'silent',
    });
    const js = result.outputFiles.find((f) => f.path.endsWith('.js'));
    assert.ok(js, 'the bundle was built');
    assert.ok(js.contents.length <= 100_000, `${js.contents.length} bytes`);
    assert.ok(js.contents.length > 50_000, 'uPlot is in it');
  });
});
