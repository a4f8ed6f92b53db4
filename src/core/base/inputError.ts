import { type L10n, type Said, english, say } from '../l10n';

/**
 * A failure caused by what the person gave: a file, a flag, a setting. It is said in one
 * sentence, never with a stack, and the CLI exits with its bad-input code (2). Each kind of
 * bad input (a metric file's DataError, an unreadable file, a CLI flag) extends it. Its
 * `message` is English (the CLI's, and the logs'); `messageIn` says it in the language of
 * a translator, where the sentence was given as one (`Said`).
 */
export class InputError extends Error {
  override readonly name: string = 'InputError';
  private readonly said: string | Said;

  constructor(message: string | Said) {
    super(say(message, english));
    this.said = message;
  }

  /** The message in the language `l10n` speaks. */
  messageIn(l10n: L10n): string {
    return say(this.said, l10n);
  }
}
