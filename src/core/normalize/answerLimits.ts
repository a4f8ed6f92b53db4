/**
 * Limits on what the normalizer accepts from a provider, so that no answer can make it
 * hang or run out of memory. A forecast answer is small: the model is asked for at most
 * 96 points per metric, a few KB; the benchmark's 1 MB answer is 13,000 points with bounds.
 */

/** The longest answer parsed, in characters (4 MiB); a longer one is rejected unread. */
export const MAX_ANSWER_CHARS = 4 * 1024 * 1024;

/** The deepest nesting of brackets accepted in a JSON block; forecast shapes need under ten. */
export const MAX_JSON_DEPTH = 64;

/** How many JSON blocks of an answer are parsed and tried (the largest ones). */
export const MAX_JSON_BLOCKS = 8;

/** The longest narrative kept, in characters. */
export const NARRATIVE_LIMIT = 1000;
