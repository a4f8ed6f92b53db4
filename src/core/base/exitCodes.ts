/** The CLI's exit codes (documented in the README). Bad input is never an internal error. */
export const EXIT = {
  ok: 0,
  /** An internal error: a bug, please report it. */
  internal: 1,
  /** Bad input: an unreadable file, a bad flag, too little history. */
  badInput: 2,
  /** `--fail-on` was given and the forecast risk reached that level. */
  riskReached: 3,
  /** The lock could not be changed or the chosen provider could not forecast. */
  providerError: 4,
  /** A metrics source named in a capacity plan could not be queried (down, refused, timed out). */
  sourceError: 5,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
