/**
 * Whether `text` matches `pattern`, where `*` stands for any run of characters (none
 * included) and every other character for itself. Greedy and without backtracking: the
 * literal pieces between stars must appear in order, the first at the start and the last
 * at the end, and taking each middle piece at its leftmost place is always right. So the
 * work is a few substring searches, however many stars there are (no RegExp is built
 * from the pattern). Case-sensitive: fold both sides first for a case-insensitive match.
 */
export function globMatch(pattern: string, text: string): boolean {
  const pieces = pattern.split('*');
  if (pieces.length === 1) return pattern === text;
  const head = pieces[0] as string;
  const tail = pieces[pieces.length - 1] as string;
  if (head.length + tail.length > text.length || !text.startsWith(head) || !text.endsWith(tail)) return false;
  const end = text.length - tail.length;
  let at = head.length;
  for (let i = 1; i < pieces.length - 1; i++) {
    const piece = pieces[i] as string;
    if (piece === '') continue;
    const found = text.indexOf(piece, at);
    if (found < 0 || found + piece.length > end) return false;
    at = found + piece.length;
  }
  return true;
}
