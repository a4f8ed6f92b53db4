// How anything thrown is said: one place instead of a copy of `err instanceof Error ? …` per catch.
// Pure and browser-safe (the panel's page uses it too).

/** The message of anything thrown: an Error's message, or the value as text. */
export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** What a logger takes: the Error itself (with its stack), or the value as text. */
export function loggable(err: unknown): Error | string {
  return err instanceof Error ? err : String(err);
}
