import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CONTEXT_KEYS } from '../../src/vscode/commandIds';
import { REPO_ROOT } from '../support/paths';

describe('Getting Started walkthrough (package.json)', () => {
  const root = REPO_ROOT;
  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
    contributes: {
      commands: { command: string }[];
      walkthroughs: {
        steps: { id: string; description: string; media: { markdown: string }; completionEvents: string[] }[];
      }[];
    };
  };
  const commands = new Set(manifest.contributes.commands.map((c) => c.command));
  const contextKeys = new Set<string>(Object.values(CONTEXT_KEYS));
  const steps = manifest.contributes.walkthroughs[0]?.steps ?? [];
  const ignore = fs.readFileSync(path.join(root, '.vscodeignore'), 'utf8');
  const nls = JSON.parse(fs.readFileSync(path.join(root, 'package.nls.json'), 'utf8')) as Record<string, string>;
  /** A manifest string as VS Code shows it in English (`%key%` from package.nls.json). */
  const text = (value: string): string => nls[/^%([\w.-]+)%$/.exec(value)?.[1] ?? ''] ?? value;

  it('ticks Run Forecast and Set API Key only when they succeeded (a forecast shown, a key stored)', () => {
    const events = Object.fromEntries(steps.map((s) => [s.id, s.completionEvents]));
    assert.deepEqual(events['runForecast'], [`onContext:${CONTEXT_KEYS.hasForecast}`]);
    assert.deepEqual(events['setKey'], [`onContext:${CONTEXT_KEYS.hasApiKey}`]);
  });

  it('walks from the sample to the panel, Prometheus, a key and a provider switch', () => {
    assert.deepEqual(
      steps.map((s) => s.id),
      ['openSample', 'runForecast', 'readPanel', 'connectPrometheus', 'setKey', 'switchProvider'],
    );
  });

  it('validates capacity plans with the shipped JSON schema, as JSON with comments', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
    const [validation] = manifest.contributes.jsonValidation;
    assert.ok(validation.fileMatch.includes('**/.bottleneck/plan.json'));
    assert.ok(fs.existsSync(path.join(root, validation.url)));
    assert.match(ignore, /^!media\/plan\.schema\.json$/m, 'the schema is in the package');
    assert.deepEqual(manifest.contributes.languages[0].filenamePatterns, ['**/.bottleneck/plan.json', '*.plan.json']);
  });

  it('links each step to its command in English, in the text package.nls.json gives it', () => {
    assert.deepEqual(
      steps.map((s) => /\(command:([\w.]+)/.exec(text(s.description))?.[1]),
      [
        'bottleneck.openSampleData',
        'bottleneck.runForecast',
        'bottleneck.showForecastPanel',
        'bottleneck.openSampleData',
        'bottleneck.setApiKey',
        'bottleneck.switchProvider',
      ],
    );
  });

  it('links and completes each step with a command the extension contributes, and ships its page', () => {
    for (const step of steps) {
      for (const link of text(step.description).matchAll(/\(command:([\w.]+)\)/g))
        assert.ok(commands.has(link[1] as string), `${step.id} links ${link[1]}`);
      for (const event of step.completionEvents) {
        const [kind, name = ''] = event.split(':', 2) as [string, string?];
        const known = kind === 'onCommand' ? commands.has(name) : kind === 'onContext' && contextKeys.has(name);
        assert.ok(known, `${step.id} completes on ${event}`);
      }
      assert.ok(fs.existsSync(path.join(root, step.media.markdown)), `${step.media.markdown} exists`);
      assert.match(step.media.markdown, /^media\/walkthrough\/[\w]+\.md$/);
    }
    assert.match(ignore, /^!media\/walkthrough\/\*\.md$/m, 'the pages are in the package');
  });
});
