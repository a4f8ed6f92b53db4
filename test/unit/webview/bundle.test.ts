import * as assert from 'node:assert/strict';
import { type BuildOptions } from 'esbuild';
import * as path from 'node:path';
import { REPO_ROOT } from '../../support/paths';

describe('Panel page bundle', function () {
  this.timeout(30_000);
  const root = REPO_ROOT;

  it('stays within its budget, 15 KB under 100 KB, minified (the same build as esbuild.js), with no schema library in it', async () => {
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
    assert.ok(js.contents.length <= 85_000, `${js.contents.length} bytes`);
    assert.ok(!new TextDecoder().decode(js.contents).includes('$ZodType'), 'zod is not in the page');
    assert.ok(js.contents.length > 50_000, 'uPlot is in it');
    // V8 compiles the page's functions as it loads (while the forecast runs), not during the first render
    assert.ok(js.text.startsWith('//# allFunctionsCalledOnLoad\n'), js.text.slice(0, 80));
  });
});
