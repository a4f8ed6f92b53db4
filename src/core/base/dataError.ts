import { InputError } from './inputError';

/**
 * Bad input, said so a person can fix it: `file:line:column: message` (line and column
 * are 1-based and present when known). The CLI exits with its bad-input code for these.
 */
export class DataError extends InputError {
  override readonly name = 'DataError';

  constructor(
    readonly file: string,
    readonly detail: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(`${file}${line !== undefined ? `:${line}` : ''}${column !== undefined ? `:${column}` : ''}: ${detail}`);
  }
}
