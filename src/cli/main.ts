import { parseArgs } from 'node:util';
import { EXIT } from '../core/base/exitCodes';
import { UsageError } from './usageError';
import { describeFailure } from '../core/pipeline/describeFailure';
import { auditCommand, lockCommand, openCliLock, stateFile } from './lockCommand';
import { normalizeCommand } from './normalizeCommand';
import { healthCommand } from './healthCommand';
import { allowedOrigins, cliKeys, loadCliStack } from './cliProviders';
import { forecastCommand } from './forecastCommand';
import { terminalSafe } from '../core/safeText';
import { warningsTo } from '../core/logging';

const HELP = `bottleneck: forecast metrics and find the first capacity bottleneck

Usage:
  bottleneck forecast <file…> [options]                   forecast metrics, find the first bottleneck
  bottleneck forecast --plan .bottleneck/plan.json        forecast a plan's live metrics (Prometheus API)
  bottleneck normalize --provider <id> --input <raw answer> --history <file>
                                                          check a provider's raw answer by hand
  bottleneck lock [show | switch <provider> | release]   show or change the provider lock
  bottleneck audit [--jsonl]                              print the lock's audit trail
  bottleneck health [--config <file>] [--allow-origin <url>]  probe the provider stack once
  bottleneck help

Forecast options:
  --capacity <name=value[:above|below]>   capacity of a metric (repeatable; * wildcards;
                                          overrides the file's capacity column)
  --horizon <90m|6h|2d|1w|steps>          how far ahead (default: 7 days, at most history/4)
  --level <0.5–0.999>                     prediction interval level (default 0.95)
  --format <table|json|csv>               output (default table; json is ForecastData)
  --output <file>                         write the output to a file
  --html <file>                           also write a self-contained HTML report
  --fail-on <low|medium|high|critical>    exit 3 when the risk reaches this level
  --fail-on plan                          exit 3 when a plan's critical threshold is reached
  --top <N>                               rank every series (a fleet: one query's hundreds of
                                          series, or a file's columns), soonest breach first,
                                          and print the first N; json and csv give the whole
                                          ranking; --fail-on judges the worst series. The
                                          ranking uses the built-in forecaster, on every core
  --plan <file>                           a capacity plan (repeatable): its metrics are read
                                          from the Prometheus-compatible sources it names;
                                          a source's secret comes from
                                          BOTTLENECK_SOURCE_<NAME>_PASSWORD or _TOKEN and goes
                                          only to an origin allowed with --allow-origin
  --config <file>                         provider stack: {"providers": [...]} as the
                                          bottleneck.providers setting ($BOTTLENECK_CONFIG)
  --allow-origin <url>                    let keys go to this endpoint too (repeatable;
                                          $BOTTLENECK_ALLOWED_ORIGINS, comma-separated)
  The provider that holds the lock forecasts (the first run takes builtin). Keys come
  from OPENAI_API_KEY, GROQ_API_KEY, CLOUDFLARE_API_TOKEN, HF_TOKEN or
  BOTTLENECK_CUSTOM_API_KEY, and go only to the provider's own endpoint or to an
  origin allowed above (never to one a config file names alone). A local holder
  (builtin, Ollama, a loopback endpoint) fails over to a cloud provider only with
  BOTTLENECK_FAILOVER_TO_CLOUD=1.

Other options:
  --state <file>   the CLI's lock and audit state (default: $BOTTLENECK_STATE or
                   ~/.config/bottleneck-forecast/state.json)

Exit codes: 0 ok, 1 internal error, 2 bad input, 3 --fail-on risk reached, 4 provider error,
5 a plan's metrics source could not be queried.`;

export async function main(
  argv: readonly string[],
  write = (s: string) => console.log(s),
  writeErr = (s: string) => console.error(s),
): Promise<number> {
  // whatever the data holds (names, units, narratives, audit reasons, errors), no escape sequence reaches the terminal
  const out = (s: string): void => write(terminalSafe(s));
  const err = (s: string): void => writeErr(terminalSafe(s));
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        state: { type: 'string' },
        jsonl: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
        capacity: { type: 'string', multiple: true, default: [] },
        plan: { type: 'string', multiple: true, default: [] },
        horizon: { type: 'string' },
        level: { type: 'string' },
        format: { type: 'string', default: 'table' },
        top: { type: 'string' },
        output: { type: 'string', short: 'o' },
        html: { type: 'string' },
        'fail-on': { type: 'string' },
        config: { type: 'string' },
        'allow-origin': { type: 'string', multiple: true, default: [] },
        provider: { type: 'string' },
        model: { type: 'string' },
        input: { type: 'string' },
        history: { type: 'string' },
      },
    });
    const [command, ...rest] = positionals;
    const file = stateFile(values.state);
    if (values.help || command === undefined || command === 'help') {
      out(HELP);
      return command === undefined && !values.help ? EXIT.badInput : EXIT.ok;
    }
    switch (command) {
      case 'forecast': {
        const { lock, firstRun, store } = await openCliLock(file, err);
        if (firstRun)
          await lock.acquire('builtin', 'cli', 'first run of the CLI: the offline forecaster is always available');
        return await forecastCommand(
          {
            lock,
            store,
            stateFile: file,
            ...(values.config !== undefined ? { config: values.config } : {}),
            allowOrigin: values['allow-origin'],
            files: rest,
            plans: values.plan,
            capacity: values.capacity,
            format: values.format,
            ...(values.horizon !== undefined ? { horizon: values.horizon } : {}),
            ...(values.level !== undefined ? { level: values.level } : {}),
            ...(values.output !== undefined ? { output: values.output } : {}),
            ...(values.html !== undefined ? { html: values.html } : {}),
            ...(values['fail-on'] !== undefined ? { failOn: values['fail-on'] } : {}),
            ...(values.top !== undefined ? { top: values.top } : {}),
          },
          out,
          err,
        );
      }
      case 'normalize':
        return await normalizeCommand(
          {
            provider: values.provider,
            model: values.model,
            input: values.input,
            history: values.history,
            horizon: values.horizon,
            level: values.level,
            capacity: values.capacity,
          },
          out,
          err,
        );
      case 'lock':
        return await lockCommand(rest, file, out, err);
      case 'health': {
        const { lock } = await openCliLock(file, err);
        return await healthCommand(
          lock,
          loadCliStack(values.config, err),
          cliKeys(allowedOrigins(values['allow-origin'])),
          out,
          warningsTo(err),
        );
      }
      case 'audit':
        return await auditCommand(values.jsonl, file, out, err);
      default:
        throw new UsageError(`unknown command "${command}"; run "bottleneck help"`);
    }
  } catch (error) {
    if ((error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      err(`bottleneck: ${flagProblem(error as Error)}`);
      return EXIT.badInput;
    }
    // one mapping for the editor and the CLI: the sentence and the exit code
    const view = describeFailure(error);
    if (view.kind === 'internal') {
      err(`bottleneck: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return view.exitCode;
    }
    err(`bottleneck: ${view.message}`);
    for (const p of view.problems.slice(0, 10)) err(`  - ${p}`);
    if (view.failure === 'not-configured' && view.provider === 'builtin')
      err('  (choose one: bottleneck lock switch builtin)');
    return view.exitCode;
  }
}

/** One sentence for a flag `parseArgs` refused (its own message runs to three lines). */
function flagProblem(error: Error): string {
  const first = error.message.split('\n')[0] ?? error.message;
  const option = /Option '(-{1,2}[\w-]+)/.exec(first)?.[1];
  if (option && /argument is ambiguous|argument missing/.test(first))
    return `${option} needs a value (for a value that starts with "-", write ${option}=-1)`;
  return first;
}

/**
 * The CLI as a shell runs it: arguments from the command line, output to stdout and stderr,
 * the exit code set when it is done. Called by the `bottleneck` command (launch.ts).
 */
export function runFromShell(): void {
  // A failed write to stdout (a full disk, a closed descriptor) is an error the exit code
  // must show; a reader that went away (`| head`) is not.
  let outputFailed: string | undefined;
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE' || outputFailed !== undefined) return;
    outputFailed = e.code ?? e.message;
    process.exitCode = EXIT.badInput;
    process.stderr.write(
      `bottleneck: the output could not be written (${outputFailed === 'ENOSPC' ? 'the disk is full' : outputFailed})\n`,
    );
  });
  const write = (s: string): void => {
    if (outputFailed === undefined) process.stdout.write(`${s}\n`);
  };
  void main(process.argv.slice(2), write).then((code) => {
    process.exitCode = outputFailed === undefined ? code : EXIT.badInput;
  });
}

if (require.main === module) runFromShell();
