import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import { REPO_ROOT, ensureMetricServers, ensureTestEnv } from './testEnv';
import { type SuiteCounts, runIntegration } from './runIntegration';
import { ARTIFACTS } from '../e2e/workbench';

type Suite = 'unit' | 'integration' | 'e2e' | 'smoke';

function mochaFiles(dir: string, suffix: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith(suffix))
    .sort()
    .map((f) => path.join(dir, f));
}

function runMocha(files: string[], timeout: number): Promise<SuiteCounts> {
  const mocha = new Mocha({ reporter: 'spec', timeout });
  for (const f of files) mocha.addFile(f);
  return new Promise((resolve) => {
    let passed = 0;
    let failed = 0;
    const runner = mocha.run(() => resolve({ passed, failed }));
    runner.on('pass', () => passed++);
    runner.on('fail', () => failed++);
  });
}

/**
 * Runs the unit, integration (inside VS Code), e2e and smoke suites; ends with `N passed, N failed`.
 * Smoke runs last: it packages the extension (a production build into dist/) and installs the .vsix.
 */
export async function main(argv: readonly string[]): Promise<number> {
  const only = argv.includes('--only') ? (argv[argv.indexOf('--only') + 1] as Suite) : undefined;
  const wanted = (s: Suite): boolean => only === undefined || only === s;
  const total: SuiteCounts = { passed: 0, failed: 0 };
  const add = (name: string, c: SuiteCounts): void => {
    console.log(`${name}: ${c.passed} passed, ${c.failed} failed\n`);
    total.passed += c.passed;
    total.failed += c.failed;
  };
  const out = path.join(REPO_ROOT, 'out', 'test');
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  try {
    if (wanted('unit')) ensureMetricServers();
    if (wanted('unit')) add('unit', await runMocha(mochaFiles(path.join(out, 'unit'), '.test.js'), 20_000));
    if (wanted('integration') || wanted('e2e') || wanted('smoke')) {
      console.log('Preparing the real VS Code (cached after the first run)…');
      const env = ensureTestEnv();
      if (wanted('integration')) {
        console.log('\nIntegration suite, inside the extension host of VS Code 1.139:');
        add('integration', await runIntegration(env, ARTIFACTS));
      }
      if (wanted('e2e')) add('e2e', await runMocha(mochaFiles(path.join(out, 'e2e'), '.e2e.test.js'), 180_000));
      if (wanted('smoke')) {
        console.log('Smoke suite: the packaged .vsix, installed into VS Code 1.139 and used from there:');
        add('smoke', await runMocha(mochaFiles(path.join(out, 'smoke'), '.smoke.test.js'), 300_000));
      }
    }
  } catch (err) {
    console.error(err);
    total.failed += 1;
  }
  console.log(`Artifacts (screenshots, logs): ${path.relative(process.cwd(), ARTIFACTS)}/`);
  console.log(`${total.passed} passed, ${total.failed} failed`);
  return total.failed === 0 && total.passed > 0 ? 0 : 1;
}
