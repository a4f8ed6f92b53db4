import { MAX_ANSWER_CHARS } from '../core/normalize/answerLimits';
import { FileReadError, readBoundedText } from '../core/boundedRead';
import { UsageError } from './usageError';

/**
 * A provider's raw answer from a file, for `bottleneck normalize --input`: only a regular
 * file (a FIFO or /dev/zero is refused without waiting on it), at most MAX_ANSWER_CHARS
 * bytes, as the normalizer refuses a longer answer. Under that many bytes, the text is
 * under that many characters.
 */
export function readAnswerFile(file: string): string {
  try {
    return readBoundedText(file, MAX_ANSWER_CHARS, '--input', "a provider's answer may be");
  } catch (e) {
    throw e instanceof FileReadError ? new UsageError(e.message) : e;
  }
}
