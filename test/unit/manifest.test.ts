import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
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
