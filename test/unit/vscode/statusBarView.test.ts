import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '../../support/paths';
import { applyProbe, DEFAULT_POLICY, initialHealth } from '../../../src/core/health/providerHealth';
import { renderStatusBar } from '../../../src/vscode/statusBarView';
import { parseProviderStack } from '../../../src/core/settings/providerStack';

describe('renderStatusBar', () => {
  const stack = parseProviderStack([
    { id: 'openai', model: 'gpt-4o-mini' },
    { id: 'ollama', enabled: false },
  ]).stack;

  it('shows the holder with a lock icon', () => {
    const view = renderStatusBar({ holder: 'openai', generation: 3, pinned: true }, stack);
    assert.equal(view.text, '$(lock) OpenAI');
    assert.equal(view.warning, false);
    assert.match(view.tooltip, /Held by \*\*OpenAI\*\*, model `gpt-4o-mini` \(chosen by hand\)/);
  });

  it('shows "No provider" with a warning when released, and no Release link', () => {
    const view = renderStatusBar({ holder: null, generation: 4, pinned: false }, stack);
    assert.equal(view.text, '$(unlock) No provider');
    assert.equal(view.warning, true);
    assert.doesNotMatch(view.tooltip, /releaseProviderLock/);
  });

  it('lists every tier in order with its state, the model in a code span', () => {
    const view = renderStatusBar({ holder: 'builtin', generation: 1, pinned: false }, stack);
    assert.match(
      view.tooltip,
      /\| 1 \| OpenAI `gpt-4o-mini` \| sent to api\.openai\.com \| not checked yet · no key \|/,
    );
    assert.match(
      view.tooltip,
      /\| 2 \| Ollama `llama3\.1` \(default\) \| this machine \(localhost:11434\) \| disabled \|/,
    );
    assert.match(view.tooltip, /\| 3 \| Built-in \$\(lock\) \| stays on this machine \| always available \|/);
  });

  it('keeps a model name with backticks or pipes from breaking the table', () => {
    const odd = parseProviderStack([{ id: 'custom', baseUrl: 'http://x', model: 'a`b|c' }]).stack;
    assert.match(
      renderStatusBar({ holder: null, generation: 0, pinned: false }, odd).tooltip,
      /\| 1 \| Custom endpoint `abc` \|/,
    );
  });

  it('says why a tier with a key is not configured (its endpoint is not approved), and only "no key" without one', () => {
    const stack = parseProviderStack([
      { id: 'openai', baseUrl: 'http://127.0.0.1:9/v1' },
      { id: 'groq' },
      { id: 'builtin' },
    ]).stack;
    const health = {
      now: 0,
      get: (id: string) =>
        id === 'builtin'
          ? undefined
          : {
              ...initialHealth(id as 'openai', false),
              reason:
                id === 'openai'
                  ? 'its key is bound to api.openai.com, and 127.0.0.1:9 is not approved for the OpenAI key'
                  : 'no API key is set',
            },
    };
    const tooltip = renderStatusBar(
      { holder: 'builtin', generation: 1, pinned: false },
      stack,
      (id) => id === 'openai',
      health,
    ).tooltip;
    assert.match(
      tooltip,
      /\| 1 \| OpenAI `gpt-4o-mini` \(default\) \| this machine \(127\.0\.0\.1:9\) \| not configured: its key is bound to api\.openai\.com, and 127\.0\.0\.1:9 is not approved for the OpenAI key · key set \|/,
    );
    assert.match(
      tooltip,
      /\| 2 \| Groq `llama-3\.3-70b-versatile` \(default\) \| sent to api\.groq\.com \| not configured · no key \|/,
    );
  });

  it('warns when the holder is not in the stack', () => {
    assert.match(
      renderStatusBar({ holder: 'groq', generation: 1, pinned: false }, stack).tooltip,
      /Groq holds the lock but is not in/,
    );
  });

  it('warns when the holder cannot forecast (no key), before any forecast fails, and says why', () => {
    const groq = parseProviderStack([{ id: 'groq' }]).stack;
    const health = { get: () => initialHealth('groq', false), now: 0 };
    const view = renderStatusBar({ holder: 'groq', generation: 2, pinned: true }, groq, () => false, health);
    assert.equal(view.text, '$(warning) Groq');
    assert.equal(view.warning, true);
    assert.match(view.tooltip, /\$\(warning\) Groq cannot forecast: no API key\./);
    const configured = { get: () => initialHealth('groq', true), now: 0 };
    assert.equal(
      renderStatusBar({ holder: 'groq', generation: 2, pinned: true }, groq, () => true, configured).warning,
      false,
    );
  });

  it('a custom endpoint without a model shows none (its default is a placeholder), the built-in forecaster none', () => {
    const custom = parseProviderStack([{ id: 'custom', baseUrl: 'http://127.0.0.1:9/v1' }]).stack;
    const tooltip = renderStatusBar({ holder: 'custom', generation: 1, pinned: false }, custom).tooltip;
    assert.match(tooltip, /Held by \*\*Custom endpoint\*\*\./);
    assert.match(tooltip, /\| 1 \| Custom endpoint \$\(lock\) \| this machine/);
    assert.match(tooltip, /\| 2 \| Built-in \| stays on this machine/);
  });

  it('flags a holder whose model the provider does not serve, with a link to Select Model, before a forecast fails', () => {
    const groq = parseProviderStack([{ id: 'groq', model: 'llama-3.3-70b-versatle' }]).stack;
    const notServed = applyProbe(
      initialHealth('groq', true),
      { ok: true, latencyMs: 80, modelNotServed: { model: 'llama-3.3-70b-versatle', listed: 21 } },
      0,
      DEFAULT_POLICY,
    );
    const view = renderStatusBar({ holder: 'groq', generation: 2, pinned: true }, groq, () => true, {
      get: (id) => (id === 'groq' ? notServed : undefined),
      now: 0,
    });
    assert.equal(view.text, '$(warning) Groq');
    assert.equal(view.warning, true);
    assert.equal(view.error, false);
    assert.match(
      view.tooltip,
      /\$\(warning\) Groq: model not served: "llama-3\.3-70b-versatle" is not among the 21 models it lists\. \[Select Model\]\(command:bottleneck\.selectModel\)/,
    );
    assert.match(
      view.tooltip,
      /\| 1 \| Groq `llama-3\.3-70b-versatle` \$\(lock\) \| sent to api\.groq\.com \| degraded · 80 ms · model not served ·/,
    );
  });

  it('links to Run Forecast and to the Get Started walkthrough this extension contributes', () => {
    const view = renderStatusBar({ holder: 'builtin', generation: 1, pinned: false }, stack);
    assert.match(view.tooltip, /\[\$\(play\) Run Forecast\]\(command:bottleneck\.runForecast\)/);
    const link = /\[\$\(book\) Get Started\]\(command:workbench\.action\.openWalkthrough\?([^)]+)\)/.exec(view.tooltip);
    assert.ok(link, view.tooltip);
    const [walkthrough] = JSON.parse(decodeURIComponent(link[1] as string)) as [string];
    const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
      name: string;
      publisher: string;
      contributes: { walkthroughs: { id: string }[] };
    };
    assert.equal(walkthrough, `${manifest.publisher}.${manifest.name}#${manifest.contributes.walkthroughs[0]?.id}`);
  });
});
