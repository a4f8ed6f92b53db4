import * as z from 'zod';

/** The most model ids kept from one `/models` answer (a real list is tens to a few hundred). */
export const MAX_MODELS = 500;
/** The longest model id kept; longer ones are not a model name anyone types. */
const MAX_ID_CHARS = 200;

const modelListSchema = z.object({ data: z.array(z.unknown()) });
const modelSchema = z.object({ id: z.string() });

/**
 * The model ids of an OpenAI-compatible `GET /models` answer (`{"data": [{"id": …}, …]}`),
 * sorted, without duplicates, empty ids, control characters or absurd lengths, at most
 * `MAX_MODELS`. The answer comes from the network: anything else in it is ignored, and an
 * answer of another shape gives no ids (the person then types the model).
 */
export function parseModelList(body: unknown): string[] {
  const parsed = modelListSchema.safeParse(body);
  if (!parsed.success) return [];
  const ids = new Set<string>();
  for (const item of parsed.data.data) {
    const model = modelSchema.safeParse(item);
    if (!model.success) continue;
    const id = model.data.id.trim();
    // eslint-disable-next-line no-control-regex -- a model id with control characters is not shown
    if (id === '' || id.length > MAX_ID_CHARS || /[\u0000-\u001f\u007f-\u009f]/.test(id)) continue;
    ids.add(id);
    if (ids.size >= MAX_MODELS) break;
  }
  return [...ids].sort((a, b) => a.localeCompare(b));
}
