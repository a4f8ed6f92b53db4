import { MAX_JSON_BLOCKS, MAX_JSON_DEPTH } from './answerLimits';
import { scanBrackets } from './bracketScan';
import { lenientJson } from './lenientJson';
import { toPlainText } from './plainText';

/** One JSON block of an answer, parsed. */
export interface JsonBlock {
  readonly value: unknown;
  /** Where it is in the answer. */
  readonly start: number;
  readonly end: number;
}

export interface ExtractedJson {
  /** The blocks that parsed, in the order they appear in the answer (at most MAX_JSON_BLOCKS). */
  readonly blocks: readonly JsonBlock[];
  /** The answer's text around them, markdown fences removed. */
  readonly prose: string;
}

/**
 * Finds the JSON in what a model said: the whole answer, blocks in ```json fences, or
 * {…} / […] blocks in prose, several of them if it held several (a draft, then a
 * correction). Each block is parsed as it is, then leniently (comments, trailing commas,
 * single quotes, NaN; see lenientJson). Linear in the answer's length for any input: the
 * outermost blocks are found in one pass, and only the MAX_JSON_BLOCKS largest are parsed,
 * each at most twice. A block nested deeper than MAX_JSON_DEPTH is not parsed.
 */
export function extractJsonBlocks(text: string): ExtractedJson | { error: string } {
  return singleBlock(text) ?? extractJsonBlocksByScan(text);
}

/**
 * What most answers are: JSON alone, or one fenced block with prose around it that holds
 * no bracket. Then the scan would find exactly that block, so it is parsed without
 * scanning it character by character first (a 1 MB answer spent half its time there).
 * Anything else, or anything that does not parse, is left to the scan: same result.
 * Exported for the test that pins which answers take this path.
 */
export function singleBlock(text: string): ExtractedJson | undefined {
  let from = 0;
  let to = text.length;
  const fence = text.indexOf('```');
  if (fence >= 0) {
    const open = text.indexOf('\n', fence);
    // Stryker disable next-line ConditionalExpression,EqualityOperator,UnaryOperator: with no line break after the fence (open is never 0), what is left between from and to is a fence, never a block
    const close = open < 0 ? -1 : text.indexOf('```', open);
    // Stryker disable next-line ConditionalExpression,EqualityOperator: close is past open, and a fence found after it is past it too; without a closing fence nothing between from and to parses
    if (close < 0 || text.indexOf('```', close + 3) >= 0) return undefined;
    from = open + 1;
    to = close;
  }
  // Stryker disable next-line ConditionalExpression,EqualityOperator: text[to] is a fence or the end, never a space, so from stops at to anyway
  while (from < to && isSpace(text.charCodeAt(from))) from++;
  // Stryker disable next-line ConditionalExpression,EqualityOperator: below from, to only passes spaces and stops at the fence's info word: text[from] is then no bracket
  while (to > from && isSpace(text.charCodeAt(to - 1))) to--;
  const first = text[from];
  const last = text[to - 1];
  // Stryker disable next-line LogicalOperator: a JSON text that starts with { ends with } (and [ with ]), so one end decides
  if (!((first === '{' && last === '}') || (first === '[' && last === ']'))) return undefined;
  if (BRACKET.test(text.slice(0, from)) || BRACKET.test(text.slice(to))) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text.slice(from, to));
  } catch {
    return undefined;
  }
  if (deeperThan(value, MAX_JSON_DEPTH)) return undefined;
  const blocks = [{ value, start: from, end: to }];
  return { blocks, prose: proseAround(text, blocks) };
}

const BRACKET = /[[\]{}]/;
const isSpace = (c: number): boolean => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

/**
 * Whether parsed JSON nests its arrays and objects deeper than `limit` (as brackets count
 * it). Walks it without allocating (a 1 MB answer holds tens of thousands of objects); the
 * recursion stops one level past the limit.
 */
function deeperThan(value: unknown, limit: number, depth = 1): boolean {
  if (depth > limit) return true;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const child: unknown = value[i];
      if (typeof child === 'object' && child !== null && deeperThan(child, limit, depth + 1)) return true;
    }
  } else {
    const o = value as Record<string, unknown>;
    for (const k in o) {
      const child = o[k];
      if (typeof child === 'object' && child !== null && deeperThan(child, limit, depth + 1)) return true;
    }
  }
  return false;
}

/** extractJsonBlocks for any text: the outermost blocks found by one scan (exported for the test that holds the two equal). */
export function extractJsonBlocksByScan(text: string): ExtractedJson | { error: string } {
  const scan = scanBrackets(text, MAX_JSON_BLOCKS);
  if (scan.blocks.length === 0) {
    return {
      error: scan.unbalanced
        ? 'the JSON in the answer could not be parsed (it is cut off, or its brackets do not balance)'
        : 'no JSON object or array was found in the answer',
    };
  }
  const blocks: JsonBlock[] = [];
  let deepest = 0;
  let lastError = '';
  for (const block of scan.blocks) {
    if (block.depth > MAX_JSON_DEPTH) {
      deepest = Math.max(deepest, block.depth);
      continue;
    }
    const json = text.slice(block.start, block.end);
    try {
      blocks.push({ value: JSON.parse(json), start: block.start, end: block.end });
    } catch {
      try {
        blocks.push({ value: JSON.parse(lenientJson(json)), start: block.start, end: block.end });
      } catch (err) {
        lastError = (err as Error).message;
      }
    }
  }
  if (blocks.length === 0) {
    const reasons: string[] = [];
    if (deepest > 0)
      reasons.push(
        `the JSON in the answer is nested ${deepest.toLocaleString('en')} levels deep, more than the ${MAX_JSON_DEPTH} accepted`,
      );
    if (lastError !== '') reasons.push(`the JSON in the answer could not be parsed (${toPlainText(lastError, 120)})`);
    return { error: reasons.join('; ') };
  }
  return { blocks, prose: proseAround(text, blocks) };
}

/**
 * The JSON of an answer and the prose around it: the last block that parsed (see
 * extractJsonBlocks), or why none could be parsed.
 */
export function extractJson(text: string): { value: unknown; prose: string } | { error: string } {
  const found = extractJsonBlocks(text);
  if ('error' in found) return found;
  const last = found.blocks[found.blocks.length - 1] as JsonBlock;
  return { value: last.value, prose: found.prose };
}

function proseAround(text: string, blocks: readonly JsonBlock[]): string {
  const parts: string[] = [];
  let from = 0;
  for (const b of blocks) {
    parts.push(text.slice(from, b.start));
    from = b.end;
  }
  parts.push(text.slice(from));
  return parts
    .join(' ')
    .replace(/```[\w+-]*/g, ' ')
    .trim();
}
