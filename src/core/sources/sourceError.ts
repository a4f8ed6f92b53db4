/**
 * How a query to a metrics source failed:
 * - `bad-query`: the server refused the query itself (Prometheus's `bad_data`): the plan's to fix;
 * - `auth`: 401 or 403, or a credential that may not go to this host;
 * - `timeout`, `unreachable`, `http`, `server` (timeout, execution, unavailable…), `too-large`, `cancelled`.
 */
export type SourceFailure =
  'bad-query' | 'auth' | 'timeout' | 'unreachable' | 'http' | 'server' | 'too-large' | 'cancelled' | 'restricted';

/**
 * A metrics source (a Prometheus-compatible server named in a capacity plan) could not
 * answer. The message is one sentence that names the source, its host and what happened,
 * with the server's own message when it gave one; never a credential.
 */
export class SourceError extends Error {
  override readonly name = 'SourceError';

  constructor(
    readonly source: string,
    readonly failure: SourceFailure,
    message: string,
  ) {
    super(message);
  }
}
