import { type ForecastData, type MetricSeries, type MetricSet } from '../base/forecastSchema';
import { type CapacityTable } from '../data/capacityMatch';
import { type ForecastSource } from '../pipeline/runForecast';
import { type SourceCredential } from '../sources/promClient';
import { type FleetRow, type FleetThresholds } from './fleetRow';

/** A series of a fleet, as it travels between threads: its values stay a typed array. */
export interface FleetSeries extends MetricSeries {
  /** The plan metric or the file it came from. */
  readonly group: string;
}

export interface ForecastOptionsMessage {
  readonly horizon?: { readonly ms: number } | { readonly steps: number };
  readonly level?: number;
}

/** What the main thread asks a fleet worker to do. */
export type FleetTask =
  | {
      /** Load a file or query a plan, and send its series back in batches. */
      readonly kind: 'load';
      readonly source: ForecastSource;
      readonly capacities?: CapacityTable;
      /** A plan's source access, resolved on the main thread (secrets live there). */
      readonly access?: {
        readonly refused?: string;
        readonly credentials: Readonly<Record<string, SourceCredential>>;
        readonly hints: Readonly<Record<string, string>>;
        readonly now?: number;
      };
      readonly batch?: number;
    }
  | {
      /** Forecast one series into its ranked row. */
      readonly kind: 'series';
      readonly series: FleetSeries;
      readonly options: ForecastOptionsMessage;
      readonly thresholds: FleetThresholds;
      /** For tests of the pool: die while forecasting this series (`crash`), or once only (`crash-once`). */
      readonly fault?: 'crash' | 'crash-once';
    }
  | {
      /** Forecast a whole set (the panel's top series) into one ForecastData. */
      readonly kind: 'set';
      readonly set: MetricSet;
      readonly options: ForecastOptionsMessage;
    };

/** A load task's progress: series as they are ready. */
export interface LoadBatch {
  readonly series: FleetSeries[];
}

/** A load task's result. */
export interface LoadDone {
  readonly source: string;
  readonly warnings: string[];
  /** The plan's thresholds (files have none). */
  readonly thresholds?: FleetThresholds;
  /** Each plan metric's query, for Open Query and Copy as PromQL. */
  readonly queries?: Readonly<
    Record<string, { readonly query: string; readonly source: string; readonly url: string }>
  >;
}

export type SeriesResult = FleetRow;
export type SetResult = ForecastData;

/** An error as it crosses from a worker: its class name and fields, so the main thread can rebuild it. */
export interface ErrorMessage {
  readonly name: string;
  readonly message: string;
  readonly fields: Readonly<Record<string, unknown>>;
}
