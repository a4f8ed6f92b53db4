import * as fs from 'node:fs';
import * as path from 'node:path';

export interface M4Series {
  readonly id: string;
  readonly train: Float64Array;
  readonly test: Float64Array;
}

export const M4_DIR = path.resolve(__dirname, '..', '..', '..', 'shared', 'data', 'm4-hourly');

function readWide(file: string): Map<string, Float64Array> {
  const out = new Map<string, Float64Array>();
  const lines = fs.readFileSync(file, 'utf8').split(/\r?\n/);
  for (const line of lines.slice(1)) {
    if (!line.trim()) continue;
    const cells = line.split(',').map((c) => c.replace(/^"|"$/g, ''));
    const id = cells[0] as string;
    const values = cells
      .slice(1)
      .filter((c) => c !== '')
      .map(Number);
    out.set(id, Float64Array.from(values));
  }
  return out;
}

/** The M4 Hourly subset, read from the shared data folder (never copied into the repo). */
export function loadM4Hourly(dir = process.env['M4_DIR'] ?? M4_DIR): M4Series[] {
  const train = readWide(path.join(dir, 'Hourly-train.csv'));
  const test = readWide(path.join(dir, 'Hourly-test.csv'));
  return [...train.entries()].map(([id, values]) => {
    const t = test.get(id);
    if (!t) throw new Error(`no test values for ${id}`);
    return { id, train: values, test: t };
  });
}
