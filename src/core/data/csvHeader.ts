import { DataError } from '../base/dataError';
import { formatCount, MAX_COLUMNS, MAX_METRICS_PER_FILE } from './limits';
import { nameProblem } from './names';
import { quoteText } from './quoteText';

export const TIME_COLUMNS = ['timestamp', 'time', 'ts', 'date', 'datetime'];

/** What a metrics CSV's header says: its shape, and where each column is (-1 when absent). */
export interface CsvLayout {
  readonly shape: 'long' | 'wide' | 'two';
  /** The header's cells as written: a wide file's metric names keep their case. */
  readonly columns: readonly string[];
  readonly time: number;
  readonly metric: number;
  readonly value: number;
  readonly unit: number;
  readonly capacity: number;
  readonly breach: number;
}

/**
 * Reads the header: the time, metric, value, unit, capacity and breach columns are found
 * whatever their case, while metric names (the columns of a wide file) keep theirs, so
 * `CPU_Load` is the metric a capacity for `CPU_Load` names. At most MAX_COLUMNS columns.
 */
export function readHeader(file: string, cells: readonly string[], line: number): CsvLayout {
  if (cells.length > MAX_COLUMNS) {
    throw new DataError(
      file,
      `the header has ${formatCount(cells.length)} columns; at most ${formatCount(MAX_COLUMNS)} (a time column and ${formatCount(MAX_METRICS_PER_FILE)} metrics); split the file`,
      line,
    );
  }
  const folded = cells.map((c) => c.toLowerCase());
  const time = folded.findIndex((h) => TIME_COLUMNS.includes(h));
  if (time < 0)
    throw new DataError(
      file,
      (l10n) => l10n.t('no time column in the header (name one of: {0})', TIME_COLUMNS.join(', ')),
      line,
      1,
    );
  const find = (name: string): number => folded.indexOf(name);
  const layout = {
    columns: cells,
    time,
    metric: find('metric'),
    value: find('value'),
    unit: find('unit'),
    capacity: find('capacity'),
    breach: find('breach'),
  };
  let shape: CsvLayout['shape'] = 'wide';
  if (layout.metric >= 0 && layout.value >= 0) shape = 'long';
  else if (cells.length === 2 && layout.value >= 0) shape = 'two';
  else if (cells.length < 2)
    throw new DataError(
      file,
      (l10n) => l10n.t('the header has only a time column; add a value column or one column per metric'),
      line,
    );
  else if (layout.metric >= 0)
    throw new DataError(
      file,
      'a "metric" column needs a "value" column beside it (long format: timestamp,metric,value)',
      line,
    );
  const seen = new Set<string>();
  for (let c = 0; c < cells.length; c++) {
    const cell = cells[c] as string;
    if (seen.has(cell)) throw new DataError(file, `column ${quoteText(cell)} appears twice in the header`, line, c + 1);
    seen.add(cell);
    if (shape === 'wide' && c !== time) {
      const problem = nameProblem(cell, 'metric name');
      if (problem) throw new DataError(file, `column ${c + 1}: ${problem}`, line, c + 1);
    }
  }
  return { shape, ...layout };
}
