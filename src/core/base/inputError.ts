/**
 * A failure caused by what the person gave: a file, a flag, a setting. It is said in one
 * sentence, never with a stack, and the CLI exits with its bad-input code (2). Each kind of
 * bad input (a metric file's DataError, an unreadable file, a CLI flag) extends it.
 */
export class InputError extends Error {
  override readonly name: string = 'InputError';
}
