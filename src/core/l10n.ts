/**
 * How the core's sentences reach a person's language. The editor passes `vscode.l10n`
 * (the translations in l10n/bundle.l10n.*.json); the CLI and the tests pass `english`.
 * Messages are English with numbered placeholders (`'{0} reaches {1} in {2}'`): the
 * English text is the key, so a call must name its message as a literal for it to be
 * found (`npm run l10n`) and translated. Call it through a value named `l10n`
 * (`l10n.t(…)`), as the editor does, so the same extraction finds it.
 */
export interface L10n {
  t(message: string, ...args: (string | number | boolean)[]): string;
}

/** `{0}`, `{1}`… replaced by the arguments; a placeholder without one stays as it is. */
export function fillPlaceholders(message: string, args: readonly (string | number | boolean)[]): string {
  return message.replace(/\{(\d+)\}/g, (whole, index: string) => {
    const i = Number(index);
    return i < args.length ? String(args[i]) : whole;
  });
}

/** The messages as written (the CLI's language, and the extension's when no translation applies). */
export const english: L10n = { t: (message, ...args) => fillPlaceholders(message, args) };

/**
 * A sentence said when it is shown, in the language of the translator then given: an
 * error's message is made where the error is thrown, long before the host that shows it is
 * known. Write it as `(l10n) => l10n.t('…', …)`, so that `npm run l10n` finds the message.
 */
export type Said = (l10n: L10n) => string;

/** A sentence as it is said: a string is said as it is, in every language. */
export function say(sentence: string | Said, l10n: L10n = english): string {
  return typeof sentence === 'string' ? sentence : sentence(l10n);
}
