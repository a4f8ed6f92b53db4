import type * as CsvParse from 'csv-parse';

let loaded: typeof CsvParse | undefined;

/**
 * The CSV parser, loaded on first use: most files are plain and are split without it (see
 * plainCsv.ts), so the bundles leave it to `dist/csvParse.js`, required beside them when a
 * file needs it (a require, not an import, so that bundling keeps it lazy).
 */
export function csvParse(): typeof CsvParse {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy load, kept a require so bundles leave it to run time
  return (loaded ??= require('csv-parse') as typeof CsvParse);
}

/** Whether `err` is the parser's error (asked only of errors, which are rare: it may load the parser). */
export function isCsvError(err: unknown): err is CsvParse.CsvError {
  return err instanceof Error && err instanceof csvParse().CsvError;
}
