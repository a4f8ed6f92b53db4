/**
 * Every bound the loaders hold a metric file to, in one place (the README's "Limits"
 * table lists them with the same reasons). Each keeps a hostile or unlucky file from
 * costing more time or memory than a real one of that size would.
 */

const MiB = 1024 * 1024;

/**
 * A CSV file is read up to 256 MiB. It is streamed into typed columns, so memory follows
 * the observations kept (see MAX_OBSERVATIONS_PER_FILE), not the bytes; the cap bounds the
 * parsing time (a few seconds) and stops a file that never ends (a device, a growing log).
 */
export const MAX_CSV_BYTES = 256 * MiB;

/**
 * A JSON file is read up to 64 MiB. JSON is parsed whole into objects, several times its
 * size in memory (an array per point), so its cap is lower than the streamed CSV's.
 */
export const MAX_JSON_BYTES = 64 * MiB;

/**
 * A CSV line is at most 1 MiB, and so is a record (a row, or a quoted value spanning
 * lines; csv-parse's `max_record_size`, which counts the characters of values): a header
 * of 1,000 metric names is far below it, while a line that never ends, or one of millions
 * of empty cells, is stopped early instead of growing without bound.
 */
export const MAX_RECORD_CHARS = 1 * MiB;

/**
 * At most 1,000 metrics per file: the forecaster backtests a pool of methods for every
 * metric (tens of milliseconds each), so a thousand already takes the better part of a
 * minute; beyond that a file is better split.
 */
export const MAX_METRICS_PER_FILE = 1_000;

/** A wide CSV has a time column and one column per metric. */
export const MAX_COLUMNS = MAX_METRICS_PER_FILE + 1;

/**
 * At most 5,000,000 observations per file (ten metrics of a year at one minute): each
 * costs about 20 bytes in the loader's columns and as much again while it is put on its
 * grid, so a file stays within a few hundred MB.
 */
export const MAX_OBSERVATIONS_PER_FILE = 5_000_000;

/**
 * The regular grid of one metric has at most max(GRID_FACTOR × rows, rows + GRID_SLACK)
 * steps, rows being its distinct timestamps: a grid that is more than nine tenths
 * interpolation is not a history worth forecasting, and a single far-off row must not make
 * a tiny file allocate and fill millions of steps.
 */
export const GRID_FACTOR = 10;
export const GRID_SLACK = 10_000;

/** All the grids of one file together: 20,000,000 steps (160 MB of values). */
export const MAX_GRID_STEPS_PER_FILE = 20_000_000;

/**
 * Values (and capacities) are at most 1e30 in magnitude: beyond any real measurement (a
 * zettabyte is 1e21 bytes). The forecaster squares values and extrapolates them over the
 * horizon: a single spike of 1e80 among values near 50 overflowed its intervals to
 * Infinity, so the bound keeps 50 orders of magnitude of headroom.
 */
export const MAX_ABS_VALUE = 1e30;

/**
 * Timestamps lie between 1900-01-01 and 2999-12-31 (UTC). Every time a forecast produces
 * (at most half the history beyond the last row) then stays within the four-digit years
 * that ISO 8601 and `ForecastData` carry; JavaScript's own range (±8.64e15 ms) is not
 * enough, as a forecast past its end cannot be written as a date at all.
 */
export const MIN_TIME_MS = Date.UTC(1900, 0, 1);
export const MAX_TIME_MS = Date.UTC(3000, 0, 1) - 1;

/** A metric name or unit is at most 200 characters: it is shown in tables, charts and messages. */
export const MAX_NAME_LENGTH = 200;

/** "12,345,678": a count the way the limits are stated. */
export function formatCount(n: number): string {
  return Math.round(n)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
