import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { type ForecastData } from '../../src/core/base/forecastSchema';
import { getApi, waitFor } from './util';

const CHOICES_KEY = 'bottleneck.forecastChoices';
const horizonSeconds = (data: ForecastData | undefined): number =>
  (data?.horizon.count ?? 0) * (data?.horizon.stepSeconds ?? 0);

describe('Forecast panel: horizon and level selectors', function () {
  this.timeout(120_000);

  /** What the page sends when a selector changes, delivered to the host as the page would. */
  async function choose(control: 'horizon' | 'level', choice: string, file?: string): Promise<ForecastData> {
    const api = await getApi();
    const before = api.getLastForecast()?.createdAt;
    const controls = api.getPanel().controls;
    assert.ok(controls, 'the panel offers selectors');
    assert.equal(api.testing?.panel.deliver({ type: 'choose', file: file ?? controls.file, control, choice }), true);
    assert.equal(api.getPanel().controls?.busy, true, 'the selectors wait for the forecast');
    await waitFor(
      'the forecast made with the choice, and its selectors',
      () => api.getLastForecast()?.createdAt !== before && api.getPanel().controls?.busy === false,
      90_000,
    );
    return api.getLastForecast() as ForecastData;
  }

  it('offers the settings value, the automatic horizon and the durations the history allows, with the levels', async () => {
    const api = await getApi();
    const data = await vscode.commands.executeCommand<ForecastData | undefined>(
      'bottleneck.runForecast',
      api.sampleUri,
    );
    assert.ok(data);
    await waitFor('the selectors of that forecast', () => api.getPanel().controls?.file === data.source, 30_000);
    const controls = api.getPanel().controls;
    assert.equal(controls?.busy, false);
    assert.deepEqual(
      controls?.horizon.options.slice(0, 3).map((o) => o.id),
      ['settings', 'auto', '1h'],
    );
    assert.equal(controls?.horizon.options[0]?.label, 'Settings: automatic');
    assert.ok(controls?.horizon.options.some((o) => o.id === '1d'));
    assert.deepEqual(
      controls?.level.options.map((o) => o.label),
      ['Settings: 95%', '80%', '90%', '95%', '99%'],
    );
    assert.equal(controls?.horizon.selected, 'settings');
    assert.equal(controls?.level.selected, 'settings');
  });

  it('a horizon chosen re-runs the forecast with it, and is kept for the file', async () => {
    const api = await getApi();
    const data = await choose('horizon', '1d');
    assert.equal(horizonSeconds(data), 86_400);
    assert.equal(data.source, api.sampleUri.fsPath);
    assert.equal(api.getPanel().controls?.horizon.selected, '1d');
    await waitFor(
      'the page to draw it',
      () => api.getPanel().lastRender?.id.startsWith(data.createdAt) === true,
      60_000,
    );
    const stored = api.testing?.readStoredState(CHOICES_KEY) as { version: number; files: unknown[] };
    assert.equal(JSON.stringify(stored), JSON.stringify({ version: 1, files: [{ file: data.source, horizon: '1d' }] }));
  });

  it('Run Forecast and the scheduled refresh of that file keep the choice over the settings', async () => {
    const api = await getApi();
    const config = vscode.workspace.getConfiguration('bottleneck');
    await config.update('forecast.horizon', '6h', vscode.ConfigurationTarget.Workspace);
    await config.update('refresh.files', [api.sampleUri.fsPath], vscode.ConfigurationTarget.Workspace);
    try {
      const again = await vscode.commands.executeCommand<ForecastData | undefined>(
        'bottleneck.runForecast',
        api.sampleUri,
      );
      assert.equal(horizonSeconds(again), 86_400);
      await api.testing?.runScheduledRefresh();
      const refreshed = api.getLastForecast();
      assert.ok(refreshed && refreshed.createdAt !== again?.createdAt, 'a scheduled forecast');
      assert.equal(horizonSeconds(refreshed), 86_400);
      await waitFor(
        'the settings value in the selector',
        () => api.getPanel().controls?.horizon.options[0]?.label === 'Settings: 6 h',
      );
    } finally {
      await config.update('refresh.files', undefined, vscode.ConfigurationTarget.Workspace);
    }
    try {
      // back to the settings' value: the file forgets its horizon
      const back = await choose('horizon', 'settings');
      assert.equal(horizonSeconds(back), 6 * 3600);
      assert.equal(api.getPanel().controls?.horizon.selected, 'settings');
    } finally {
      await config.update('forecast.horizon', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('a level chosen gives the intervals at that level, and the settings entry takes it back', async () => {
    const api = await getApi();
    const low = await choose('level', '80');
    assert.equal(low.level, 0.8);
    assert.equal(api.getPanel().controls?.level.selected, '80');
    const back = await choose('level', 'settings');
    assert.equal(back.level, 0.95);
    assert.equal(
      JSON.stringify(api.testing?.readStoredState(CHOICES_KEY)),
      JSON.stringify({ version: 1, files: [] }),
      'nothing is kept for the file',
    );
  });

  it('refuses a choice it did not offer, or one for another file: nothing runs, nothing is kept', async () => {
    const api = await getApi();
    const panel = api.testing?.panel;
    const controls = api.getPanel().controls;
    assert.ok(panel && controls);
    const before = api.getLastForecast()?.createdAt;
    for (const message of [
      { type: 'choose', file: controls.file, control: 'horizon', choice: '5y' },
      { type: 'choose', file: controls.file, control: 'level', choice: '50' },
      { type: 'choose', file: '/etc/passwd', control: 'level', choice: '80' },
    ]) {
      assert.equal(panel.deliver(message), true, 'well formed, so the host reads it');
      assert.equal(api.getPanel().controls?.busy, false, `${JSON.stringify(message)} started nothing`);
    }
    assert.equal(
      panel.deliver({ type: 'choose', file: controls.file, control: 'horizon', choice: 'x'.repeat(41) }),
      false,
    );
    assert.equal(api.getLastForecast()?.createdAt, before);
    assert.equal(JSON.stringify(api.testing?.readStoredState(CHOICES_KEY)), JSON.stringify({ version: 1, files: [] }));
  });
});
