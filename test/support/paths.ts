import * as path from 'node:path';

/**
 * Paths for tests, from test/support's compiled place (out/test/support, or any other
 * out folder of the same shape), so that a test file's own depth does not matter.
 */
export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
/** Where `tsc` put this build: out/ (or the out-… folder the tests were compiled into). */
export const BUILD_ROOT = path.resolve(__dirname, '..', '..');
/** The bundled sample. */
export const SAMPLE = path.join(REPO_ROOT, 'samples', 'service-metrics.csv');
/** The compiled CLI entry point of this build, for tests that start it as a process. */
export const CLI_MAIN = path.join(BUILD_ROOT, 'src', 'cli', 'main.js');
/** A compiled source file of this build. */
export const compiled = (...parts: string[]): string => path.join(BUILD_ROOT, 'src', ...parts);
