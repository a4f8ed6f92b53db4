/** What the request asked for: the normalizer checks the answer against it. */
export interface ForecastRequest {
  /** Horizon in steps of the data. */
  readonly horizon: number;
  readonly stepMs: number;
  /** The time of the last observation (epoch ms); the forecast starts one step later. */
  readonly lastObserved: number;
  readonly level: number;
  /** The model forecasts `outputCount` points, one every `outputStride` steps. */
  readonly outputStride: number;
  readonly outputCount: number;
}
