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
