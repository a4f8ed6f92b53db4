import * as z from '../base/zod';

/** The most model ids kept from one `/models` answer (a real list is tens to a few hundred). */
export const MAX_MODELS = 500;
/** The longest model id kept; longer ones are not a model name anyone types. */
const MAX_ID_CHARS = 200;

const modelListSchema = z.object({ data: z.array(z.unknown()) });

/** What an endpoint's `GET /models` lists, as far as it is kept. */
export interface ModelList {
  /** The ids kept, sorted, at most `MAX_MODELS`. */
  readonly models: string[];
  /** Usable ids the answer held beyond the cap (not kept, not shown); 0 when it held no more. */
  readonly omitted: number;
}

/**
 * The model ids of an OpenAI-compatible `GET /models` answer (`{"data": [{"id": …}, …]}`),
 * sorted, without duplicates, empty ids, control characters or absurd lengths, at most
 * `MAX_MODELS`, with how many more the answer held. The answer comes from the network:
 * anything else in it is ignored, and an answer of another shape gives no ids (the person
 * then types the model).
 */
export function readModelList(body: unknown): ModelList {
  const parsed = modelListSchema.safeParse(body);
  if (!parsed.success) return { models: [], omitted: 0 };
  const ids = new Set<string>();
  let omitted = 0;
  for (const item of parsed.data.data) {
    const id = usableId(item);
    if (id === undefined || ids.has(id)) continue;
    if (ids.size < MAX_MODELS) ids.add(id);
    else omitted++; // (a repeated id beyond the cap may be counted twice: the count only says that some were left out)
  }
  return { models: [...ids].sort((a, b) => a.localeCompare(b)), omitted };
}

/** The model ids of a `/models` answer (see `readModelList`), without the count of those left out. */
export function parseModelList(body: unknown): string[] {
  return readModelList(body).models;
}

/**
 * Whether a `/models` answer lists `model`, looking at every entry (not only the ones kept
 * for showing), so a long list cannot hide it. Undefined when the answer says nothing:
 * another shape, or an empty list (some OpenAI-compatible servers list nothing and serve
 * any name). A name without a tag matches its `:latest` (Ollama lists `llama3.1:latest`
 * and serves it as `llama3.1`).
 */
export function listsModel(
  body: unknown,
  model: string,
): { readonly listed: boolean; readonly count: number } | undefined {
  const parsed = modelListSchema.safeParse(body);
  if (!parsed.success) return undefined;
  const wanted = model.trim();
  const tagged = wanted.includes(':') ? undefined : `${wanted}:latest`;
  let count = 0;
  for (const item of parsed.data.data) {
    const id = usableId(item);
    if (id === undefined) continue;
    if (id === wanted || id === tagged) return { listed: true, count: count + 1 };
    count++;
  }
  return count === 0 ? undefined : { listed: false, count };
}

function usableId(item: unknown): string | undefined {
  if (typeof item !== 'object' || item === null) return undefined;
  const raw = (item as { id?: unknown }).id;
  if (typeof raw !== 'string') return undefined;
  const id = raw.trim();
  // eslint-disable-next-line no-control-regex -- a model id with control characters is not shown
  if (id === '' || id.length > MAX_ID_CHARS || /[\u0000-\u001f\u007f-\u009f]/.test(id)) return undefined;
  return id;
}
