import { InputError } from './inputError';

/**
 * Bad input, said so a person can fix it: `file:line:column: message` (line and column
 * are 1-based and present when known). The CLI exits with its bad-input code for these.
 */
export class DataError extends InputError {
  override readonly name: string = 'DataError';

  constructor(
    readonly file: string,
    readonly detail: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(`${file}${line !== undefined ? `:${line}` : ''}${column !== undefined ? `:${column}` : ''}: ${detail}`);
  }
}

/** A file that is not metrics at all (a package.json, a config): said in one sentence with what a metrics file looks like. */
export class NotMetricsFileError extends DataError {
  override readonly name = 'NotMetricsFileError';

  constructor(file: string) {
    super(
      file,
      'is not a metrics file: expected a CSV with a time column, or JSON of the form { "metrics": [ { "name": …, "points": [...] } ] }',
    );
  }
}
