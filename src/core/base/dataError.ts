import { type L10n, type Said, english, say } from '../l10n';
import { InputError } from './inputError';

/** "file:line:column: " (line and column when known). */
const located = (file: string, line?: number, column?: number): string =>
  `${file}${line !== undefined ? `:${line}` : ''}${column !== undefined ? `:${column}` : ''}: `;

/**
 * Bad input, said so a person can fix it: `file:line:column: message` (line and column
 * are 1-based and present when known). The CLI exits with its bad-input code for these.
 * `detail` is English; `detailIn` says it in the language of a translator.
 */
export class DataError extends InputError {
  override readonly name: string = 'DataError';
  readonly detail: string;
  private readonly saidDetail: string | Said;

  constructor(
    readonly file: string,
    detail: string | Said,
    readonly line?: number,
    readonly column?: number,
  ) {
    super((l10n) => located(file, line, column) + say(detail, l10n));
    this.detail = say(detail, english);
    this.saidDetail = detail;
  }

  /** What is wrong, without the file, in the language `l10n` speaks. */
  detailIn(l10n: L10n): string {
    return say(this.saidDetail, l10n);
  }
}

/** A file that is not metrics at all (a package.json, a config): said in one sentence with what a metrics file looks like. */
export class NotMetricsFileError extends DataError {
  override readonly name = 'NotMetricsFileError';

  constructor(file: string) {
    super(file, (l10n) =>
      l10n.t(
        'is not a metrics file: expected a CSV with a time column, or JSON of the form {0}',
        '{ "metrics": [ { "name": …, "points": [...] } ] }',
      ),
    );
  }
}
