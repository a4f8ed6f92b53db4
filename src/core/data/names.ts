import { MAX_NAME_LENGTH } from './limits';
import { hasControlCharacter, quoteText } from './quoteText';

/**
 * Why a metric name or unit from a file cannot be used, or undefined when it can: empty,
 * longer than MAX_NAME_LENGTH, or holding a control character (a NUL, a tab, a line break),
 * which would garble tables, charts and messages. `what` names it in the message.
 */
export function nameProblem(name: string, what: string): string | undefined {
  if (name.trim() === '') return `the ${what} is empty`;
  if (name.length > MAX_NAME_LENGTH)
    return `the ${what} ${quoteText(name)} is ${name.length} characters long; at most ${MAX_NAME_LENGTH}`;
  if (hasControlCharacter(name)) return `the ${what} ${quoteText(name)} holds a control character`;
  return undefined;
}
