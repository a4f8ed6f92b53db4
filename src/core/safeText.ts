// Text from data (metric names, units, warnings, narratives, audit reasons, error messages)
// made safe for where it goes: a terminal, a spreadsheet. Pure, no Node imports.

/** Characters a terminal acts on: C0 controls but tab and newline, DEL, C1 controls, and bidirectional overrides. */
// eslint-disable-next-line no-control-regex -- these are exactly the characters to neutralize
const TERMINAL_UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Text for a terminal: every control character (ESC, CR, BEL, C1 CSI…) and bidirectional
 * override is written as a visible `\uXXXX`, so no escape sequence from data reaches the
 * terminal and nothing can rewrite a line. Tab and newline stay. JSON stays valid JSON: a
 * string holding such a character is shown with the same escape JSON would use.
 */
export function terminalSafe(text: string): string {
  return text.replace(TERMINAL_UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * One CSV cell from text: a cell a spreadsheet would run as a formula (starting with `=`,
 * `+`, `-`, `@`, tab or CR) gets a leading `'`, and a cell with a comma, quote, CR or LF
 * is quoted. For text only: numbers are written as they are.
 */
export function csvCell(text: string): string {
  const neutral = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(neutral) ? `"${neutral.replace(/"/g, '""')}"` : neutral;
}
