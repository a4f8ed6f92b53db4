import * as fs from 'node:fs';
import * as path from 'node:path';
import { type KeyValueStore } from './keyValueStore';

/**
 * A JSON file as a key-value store, for the CLI. Every update rewrites the file
 * through a temporary file and a rename, so a crash never leaves half a file.
 * A file that is not a JSON object is moved aside (`<file>.corrupt-<time>`) and
 * reported through `recovered`, and the store starts empty.
 */
export class FileStore implements KeyValueStore {
  private data: Record<string, unknown> = {};
  readonly recovered: string | undefined;

  constructor(private readonly file: string, now: () => Date = () => new Date()) {
    let text: string | undefined;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    if (text === undefined) return;
    try {
      const parsed: unknown = JSON.parse(text);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not a JSON object');
      this.data = parsed as Record<string, unknown>;
    } catch (err) {
      const aside = `${file}.corrupt-${now().toISOString().replace(/[:.]/g, '-')}`;
      fs.renameSync(file, aside);
      this.recovered = `state file ${file} was unreadable (${(err as Error).message}); moved it to ${aside}`;
    }
  }

  get(key: string): unknown {
    const value = this.data[key];
    return value === undefined ? undefined : structuredClone(value);
  }

  async update(key: string, value: unknown): Promise<void> {
    const next = Object.fromEntries(Object.entries(this.data).filter(([k]) => k !== key));
    if (value !== undefined) next[key] = structuredClone(value);
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    await fs.promises.writeFile(tmp, JSON.stringify(next, null, 2) + '\n', 'utf8');
    await fs.promises.rename(tmp, this.file);
    this.data = next;
  }

  keys(): readonly string[] {
    return Object.keys(this.data);
  }
}
