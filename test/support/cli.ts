import { main } from '../../src/cli/main';

/** The bundled sample (re-exported for the tests that run the CLI on it). */
export { SAMPLE } from './paths';

/** Runs the CLI in this process, as a shell would, and captures what it printed. */
export async function runCli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(
    args,
    (s) => out.push(s),
    (s) => err.push(s),
  );
  return { code, out: out.join('\n'), err: err.join('\n') };
}
