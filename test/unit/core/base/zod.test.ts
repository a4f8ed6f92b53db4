import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as z from '../../../../src/core/base/zod';
import { metricForecastSchema } from '../../../../src/core/base/forecastSchema';
import { REPO_ROOT, compiled } from '../../../support/paths';

/** The core's modules that build zod schemas: those that import `z` (from base/zod, or from zod itself against the rule). */
function schemaModules(): string[] {
  const dir = path.join(REPO_ROOT, 'src', 'core');
  return (fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }) as string[])
    .filter((f) => f.endsWith('.ts'))
    .filter((f) =>
      /^import \* as z from '(zod|\.\/zod|\.\.\/base\/zod)';$/m.test(fs.readFileSync(path.join(dir, f), 'utf8')),
    )
    .map((f) => compiled('core', f.replace(/\.ts$/, '.js')));
}

describe('zod, configured once for every schema', () => {
  it('checks without compiling checkers (jitless), with the same verdicts', () => {
    assert.equal(z.config().jitless, true);
    const bad = metricForecastSchema.safeParse({ name: 1 });
    assert.equal(bad.success, false);
    assert.ok(bad.error.issues.some((i) => i.path[0] === 'name'));
  });

  it('whichever module loads first, no schema asks the runtime about `new Function` (VS Code logs a warning when it reads `navigator`)', function () {
    this.timeout(60_000);
    const modules = schemaModules();
    // the forecast schema, the ledgers, the settings, the plan, the normalizer and more
    assert.ok(modules.length >= 15, `${modules.length} modules`);
    const probe = [
      'let reads = 0;',
      "Object.defineProperty(globalThis, 'navigator', { get() { reads++; return undefined; }, configurable: true });",
      'require(process.argv[1]);',
      'process.stdout.write(String(reads));',
    ].join('\n');
    const reads = modules.map(
      (m) => `${path.basename(m)}: ${execFileSync(process.execPath, ['-e', probe, m], { encoding: 'utf8' })}`,
    );
    assert.deepEqual(
      reads,
      modules.map((m) => `${path.basename(m)}: 0`),
    );
  });
});
