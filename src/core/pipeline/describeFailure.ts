import { DataError } from '../base/dataError';
import { type ProviderId } from '../base/providerIds';
import { messageOf } from '../errors';
import { type FailureAction, type FailureClass, ProviderError } from '../providers/providerError';

/**
 * Any failure of the pipeline as a person meets it, in the editor and in the CLI:
 * - `provider`: the provider and what happened (exit 4), with what to do;
 * - `input`: the file or the flag (exit 2);
 * - `cancelled`: the person stopped it;
 * - `internal`: a bug (exit 1).
 */
export interface FailureView {
  readonly kind: 'provider' | 'input' | 'cancelled' | 'internal';
  /** One sentence, without the product's name in front. */
  readonly message: string;
  readonly actions: readonly FailureAction[];
  readonly provider?: ProviderId;
  readonly failure?: FailureClass;
  /** A provider's own list of what was wrong with its answer. */
  readonly problems: readonly string[];
}

export function describeFailure(err: unknown): FailureView {
  if (err instanceof ProviderError) {
    return {
      kind: err.failure === 'cancelled' ? 'cancelled' : 'provider',
      message: err.message,
      actions: err.actions,
      provider: err.provider,
      failure: err.failure,
      problems: err.problems,
    };
  }
  if (err instanceof DataError) return { kind: 'input', message: err.message, actions: ['showLogs'], problems: [] };
  return { kind: 'internal', message: messageOf(err), actions: ['showLogs'], problems: [] };
}
