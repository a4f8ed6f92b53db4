import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '../support/paths';

/** Unit test files mirror src/: a test of src/core/forecast/x.ts lives in test/unit/core/forecast/. */
describe('unit test layout', () => {
  const unit = path.join(REPO_ROOT, 'test', 'unit');
  const all = (fs.readdirSync(unit, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts'));
  const files = all.filter((f) => f.endsWith('.test.ts'));

  it('puts every test file in a folder that exists under src/ (or at the top, for the whole tree)', () => {
    assert.ok(files.length > 30, `${files.length} test files found`);
    const astray = files.filter((f) => {
      const dir = path.dirname(f);
      return dir !== '.' && !fs.statSync(path.join(REPO_ROOT, 'src', dir), { throwIfNoEntry: false })?.isDirectory();
    });
    assert.deepEqual(astray, [], 'test files whose folder has no twin under src/');
  });

  it('keeps test support out of the test folders and production code', () => {
    const support = all.filter((f) => !f.endsWith('.test.ts'));
    assert.deepEqual(support, [], 'shared test code belongs in test/support/');
    const src = (fs.readdirSync(path.join(REPO_ROOT, 'src'), { recursive: true }) as string[]).filter((f) =>
      /(memoryStore|fake|mock)/i.test(path.basename(f)),
    );
    assert.deepEqual(src, [], 'no test doubles under src/');
  });
});
