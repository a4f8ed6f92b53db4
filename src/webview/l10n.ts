/**
 * The page's words in the editor's language. The host sends them (a `strings` message,
 * English → translation) when the page says it is ready; until then, and for any word it
 * does not send, the page speaks English. Held here for the page's lifetime: the page is
 * one document with one host, and every view function reads the same words.
 */
let strings: Readonly<Record<string, string>> = {};

/**
 * Takes the host's words; true when any differs from what the page says now (the page then
 * draws itself again).
 */
export function setStrings(next: Readonly<Record<string, string>>): boolean {
  const changed = Object.keys(next).some((k) => t(k) !== next[k]);
  strings = next;
  return changed;
}

/** A message in the editor's language, `{0}`, `{1}`… replaced by `args`. */
export function t(message: string, ...args: (string | number)[]): string {
  const text = Object.hasOwn(strings, message) ? (strings[message] as string) : message;
  return text.replace(/\{(\d+)\}/g, (whole, i: string) => (Number(i) < args.length ? String(args[Number(i)]) : whole));
}
