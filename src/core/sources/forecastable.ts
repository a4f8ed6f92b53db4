import { isPlanName } from './loadPlan';

/** How much of a JSON document's start is read to tell metrics from other JSON (a file may be huge). */
export const SNIFF_CHARS = 4096;

/** A metrics JSON file: one object whose first (and only) key is "metrics", a list. */
const METRICS_START = /^\s*\{\s*"metrics"\s*:\s*\[/;
/** A Prometheus `query_range` answer saved to a file: `{"status":"success","data":{"resultType":…`. */
const PROM_STATUS = /"status"\s*:\s*"(?:success|error)"/;
const PROM_BODY = /"(?:resultType|errorType)"\s*:/;

/**
 * Whether Run Forecast fits a document, judged cheaply from its name, language and the
 * first SNIFF_CHARS characters of its text (the rest is never looked at): a CSV file, a
 * capacity plan (by name), or a JSON file that starts as a metrics file or a Prometheus
 * answer. Any other JSON (package.json, tsconfig.json, settings) is not forecastable.
 */
export function isForecastable(fileName: string, languageId: string, text: string): boolean {
  const name = fileName.replace(/[?#].*$/, '');
  if (/\.csv$/i.test(name) || languageId === 'csv') return true;
  if (isPlanName(name)) return true;
  const json = /\.jsonc?$/i.test(name) || languageId === 'json' || languageId === 'jsonc';
  if (!json) return false;
  const head = text.slice(0, SNIFF_CHARS).replace(/^\uFEFF/, '');
  return METRICS_START.test(head) || (/^\s*\{/.test(head) && PROM_STATUS.test(head) && PROM_BODY.test(head));
}
