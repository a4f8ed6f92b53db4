import { InputError } from '../core/base/inputError';

/** A flag or argument the CLI cannot use; exits with EXIT.badInput. */
export class UsageError extends InputError {
  override readonly name = 'UsageError';
}
