import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import Mocha from 'mocha';
import { PHASES, type PhaseResult, RESULTS_ENV } from './phases';

/**
 * The tests entry the workbench calls (the contract of @vscode/test-electron too):
 * runs the current phase; reloads the window for the next one; resolves after the
 * last phase when every phase passed, rejects otherwise.
 */
export async function run(): Promise<void> {
  const stateDir = process.env[RESULTS_ENV] ?? fs.mkdtempSync(path.join(os.tmpdir(), 'bottleneck-it-'));
  const phaseFile = path.join(stateDir, 'phase');
  const index = fs.existsSync(phaseFile) ? Number(fs.readFileSync(phaseFile, 'utf8')) : 0;
  const phase = PHASES[index];
  if (!phase) throw new Error(`no integration phase ${index}`);
  console.log(`[it] integration phase ${index + 1}/${PHASES.length}: ${phase.name}`);
  const result = await runPhase(phase.name, phase.files);
  fs.writeFileSync(path.join(stateDir, `results-${index}.json`), JSON.stringify(result));
  if (index + 1 < PHASES.length) {
    fs.writeFileSync(phaseFile, String(index + 1));
    await vscode.commands.executeCommand('workbench.action.reloadWindow');
    // The reload ends this extension host; never resolve, or the workbench would report the end.
    return new Promise<void>(() => undefined);
  }
  const all = PHASES.map(
    (_, i) => JSON.parse(fs.readFileSync(path.join(stateDir, `results-${i}.json`), 'utf8')) as PhaseResult,
  );
  const failed = all.reduce((n, r) => n + r.failed, 0);
  if (failed > 0) throw new Error(`${failed} integration tests failed`);
}

function runPhase(name: string, files: readonly string[]): Promise<PhaseResult> {
  const mocha = new Mocha({
    ui: 'bdd',
    timeout: 30_000,
    reporter: PrefixReporter as unknown as Mocha.ReporterConstructor,
  });
  for (const file of files) mocha.addFile(path.join(__dirname, `${file}.js`));
  return new Promise((resolve) => {
    const failures: { title: string; message: string }[] = [];
    let passed = 0;
    const runner = mocha.run(() => resolve({ phase: name, passed, failed: failures.length, failures }));
    runner.on('pass', () => passed++);
    runner.on('fail', (test, err: Error) => failures.push({ title: test.fullTitle(), message: err.message }));
  });
}

/** Prints one line per test, prefixed so the harness can pick them out of the host's console. */
class PrefixReporter extends Mocha.reporters.Base {
  constructor(runner: Mocha.Runner, options?: Mocha.MochaOptions) {
    super(runner, options);
    runner.on('suite', (suite) => {
      if (suite.title) console.log(`[it]   ${suite.title}`);
    });
    runner.on('pass', (test) => console.log(`[it]     ✔ ${test.title}`));
    runner.on('fail', (test, err: Error) => console.log(`[it]     ✗ ${test.title}: ${err.message}`));
  }
}
