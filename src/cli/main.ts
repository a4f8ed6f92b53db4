import { parseArgs } from 'node:util';
import { EXIT, UsageError } from './exitCodes';
import { auditCommand, lockCommand, stateFile } from './lockCommand';

const HELP = `bottleneck: forecast metrics and find the first capacity bottleneck

Usage:
  bottleneck lock [show | switch <provider> | release]   show or change the provider lock
  bottleneck audit [--jsonl]                              print the lock's audit trail
  bottleneck help

Options:
  --state <file>   the CLI's lock and audit state (default: $BOTTLENECK_STATE or
                   ~/.config/bottleneck-forecast/state.json)

Exit codes: 0 ok, 1 internal error, 2 bad input, 3 --fail-on risk reached, 4 provider error.`;

export async function main(argv: readonly string[], out = (s: string) => console.log(s), err = (s: string) => console.error(s)): Promise<number> {
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: { state: { type: 'string' }, jsonl: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false } },
    });
    const [command, ...rest] = positionals;
    const file = stateFile(values.state);
    if (values.help || command === undefined || command === 'help') {
      out(HELP);
      return command === undefined && !values.help ? EXIT.badInput : EXIT.ok;
    }
    switch (command) {
      case 'lock':
        return await lockCommand(rest, file, out, err);
      case 'audit':
        return await auditCommand(values.jsonl, file, out, err);
      default:
        throw new UsageError(`unknown command "${command}"; run "bottleneck help"`);
    }
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      err(`bottleneck: ${(error as Error).message}`);
      return EXIT.badInput;
    }
    err(`bottleneck: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return EXIT.internal;
  }
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
}
