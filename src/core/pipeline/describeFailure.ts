import { EXIT, type ExitCode } from '../base/exitCodes';
import { InputError } from '../base/inputError';
import { DataError, NotMetricsFileError } from '../base/dataError';
import { type ProviderId } from '../base/providerIds';
import { messageOf } from '../errors';
import { type L10n, english } from '../l10n';
import { LockPersistError } from '../lock/providerLock';
import { type FailureAction, type FailureClass, ProviderError } from '../providers/providerError';
import { findStateFileError } from '../storage/stateFileError';
import { SourceError } from '../sources/sourceError';

/**
 * Any failure as a person meets it, in the editor and in the CLI:
 * - `provider`: the provider and what happened, with what to do (exit 4);
 * - `lock`: the lock could not be saved (exit 4);
 * - `input`: a file, a flag or the state file (exit 2), one sentence, no stack;
 * - `source`: a metrics source of a plan could not be queried (exit 5; a query the server
 *   refused as bad is the plan's to fix: exit 2);
 * - `cancelled`: the person stopped the provider's request (exit 4, the provider did not forecast);
 * - `internal`: a bug (exit 1).
 */
export interface FailureView {
  readonly kind: 'provider' | 'lock' | 'input' | 'source' | 'cancelled' | 'internal';
  /** One sentence, without the product's name in front. */
  readonly message: string;
  /** For a file's bad input: what is wrong, without the file's path (the editor names the file its own way). */
  readonly detail?: string;
  readonly actions: readonly FailureAction[];
  /** What the CLI exits with. */
  readonly exitCode: ExitCode;
  readonly provider?: ProviderId;
  readonly failure?: FailureClass;
  /** A provider's own list of what was wrong with its answer. */
  readonly problems: readonly string[];
}

/**
 * The view of `err` with its sentences in the language `l10n` speaks (the editor passes
 * vscode.l10n; the CLI keeps English, the errors' own messages). The machine-readable
 * fields (kind, exit code, failure, actions) do not depend on the language.
 */
export function describeFailure(err: unknown, l10n: L10n = english): FailureView {
  if (err instanceof ProviderError) {
    return {
      kind: err.failure === 'cancelled' ? 'cancelled' : 'provider',
      message: err.messageIn(l10n),
      actions: err.actions,
      exitCode: EXIT.providerError,
      provider: err.provider,
      failure: err.failure,
      problems: err.problems,
    };
  }
  if (err instanceof SourceError) {
    return {
      kind: err.failure === 'cancelled' ? 'cancelled' : 'source',
      message: err.message,
      actions: ['showLogs'],
      exitCode: err.failure === 'bad-query' ? EXIT.badInput : EXIT.sourceError,
      problems: [],
    };
  }
  // a state file that cannot be used is the person's to fix, also as the cause of a failed lock change
  const stateError = findStateFileError(err);
  const input = err instanceof InputError ? err : stateError;
  if (input) {
    // a file that is not metrics at all: the sample shows what one looks like
    const actions: readonly FailureAction[] = err instanceof NotMetricsFileError ? ['openSample'] : ['showLogs'];
    const detail = err instanceof DataError && err.line === undefined ? { detail: err.detailIn(l10n) } : {};
    const message = input instanceof InputError ? input.messageIn(l10n) : input.message;
    return { kind: 'input', message, ...detail, actions, exitCode: EXIT.badInput, problems: [] };
  }
  if (err instanceof LockPersistError)
    return { kind: 'lock', message: err.message, actions: ['showLogs'], exitCode: EXIT.providerError, problems: [] };
  return { kind: 'internal', message: messageOf(err), actions: ['showLogs'], exitCode: EXIT.internal, problems: [] };
}
