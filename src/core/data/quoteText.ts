/** Longest piece of a file's text repeated in a message. */
const MAX_QUOTED = 60;

/**
 * A piece of a file's text for a message: in double quotes, control characters escaped
 * (a NUL or a carriage return stays visible) and cut at 60 characters, so a hostile cell
 * never makes a message megabytes long or garbles a terminal.
 */
export function quoteText(text: string): string {
  const cut = text.length > MAX_QUOTED ? `${text.slice(0, MAX_QUOTED)}…` : text;
  return JSON.stringify(cut);
}

/** True when the text holds a control character (C0, DEL or C1). */
export function hasControlCharacter(text: string): boolean {
  // eslint-disable-next-line no-control-regex
  return /[\u0000-\u001f\u007f-\u009f]/.test(text);
}
