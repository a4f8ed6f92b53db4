import { execFileSync } from 'node:child_process';
import * as path from 'node:path';

export interface TestEnv {
  /** A Node 24 binary (the VS Code server refuses other majors). */
  readonly node24: string;
  readonly serverMain: string;
  readonly chromium: string;
}

export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

/** Installs (once, cached outside the repo) and locates what the real-VS-Code tests need. */
export function ensureTestEnv(): TestEnv {
  const out = execFileSync('bash', [path.join(REPO_ROOT, 'scripts', 'setup-test-env.sh')], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const vars = Object.fromEntries(
    out
      .trim()
      .split('\n')
      .map((line) => line.split(/=(.*)/s, 2) as [string, string]),
  );
  const need = (key: string): string => {
    const value = vars[key];
    if (!value) throw new Error(`setup-test-env.sh did not print ${key}`);
    return value;
  };
  return { node24: need('NODE24'), serverMain: need('SERVER_MAIN'), chromium: need('CHROMIUM') };
}

/** Installs (once) Debian's prometheus, promtool and victoria-metrics, which the unit suite's plan tests start. */
export function ensureMetricServers(): void {
  execFileSync('bash', [path.join(REPO_ROOT, 'scripts', 'setup-test-env.sh'), '--metric-servers'], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}
