/**
 * How well a provider's past forecasts held, scored by the ledger once their horizon has
 * been observed. The normalizer weighs an answer by it; the status bar and panel show it.
 */
export interface TrackRecord {
  /** Mean MASE of the provider's scored past forecasts. */
  readonly mase: number;
  /** Mean interval coverage of those forecasts. */
  readonly coverage: number;
  readonly count: number;
}
