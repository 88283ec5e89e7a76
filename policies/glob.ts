/**
 * `*` and `?` globs over plain strings (Terraform addresses, rule ids), matched without regular
 * expressions: a pattern is split at its stars and the pieces are found left to right, so matching
 * takes time proportional to the subject times the pattern and no pattern can backtrack
 * exponentially (`**********a` against a long address is as fast as `*a`). Hand-written because the
 * glob libraries treat `/` as a path separator and compile to regular expressions.
 */

/** Longer patterns are refused: a waiver or rule selection never needs one. */
export const MAX_GLOB_LENGTH = 256;

export class GlobError extends Error {}

export type GlobMatcher = (subject: string) => boolean;

export function compileGlob(pattern: string): GlobMatcher {
  if (pattern.length > MAX_GLOB_LENGTH) throw new GlobError(`pattern of ${pattern.length} characters (at most ${MAX_GLOB_LENGTH})`);
  const pieces = pattern.split('*');
  if (pieces.length === 1) return (subject) => subject.length === pattern.length && piecesMatchAt(subject, pattern, 0);
  const head = pieces[0]!;
  const tail = pieces[pieces.length - 1]!;
  const middle = pieces.slice(1, -1).filter((piece) => piece !== '');
  return (subject) => {
    if (subject.length < head.length + tail.length) return false;
    if (!piecesMatchAt(subject, head, 0)) return false;
    const tailStart = subject.length - tail.length;
    if (!piecesMatchAt(subject, tail, tailStart)) return false;
    // Leftmost placement of each middle piece leaves the most room for the next: greedy is exact.
    let position = head.length;
    for (const piece of middle) {
      const found = findPiece(subject, piece, position, tailStart);
      if (found < 0) return false;
      position = found + piece.length;
    }
    return true;
  };
}

/** Whether `piece` (with `?` for any one character) matches `subject` at `start`. */
function piecesMatchAt(subject: string, piece: string, start: number): boolean {
  for (let index = 0; index < piece.length; index++) {
    const expected = piece.charCodeAt(index);
    if (expected !== QUESTION_MARK && expected !== subject.charCodeAt(start + index)) return false;
  }
  return true;
}

/** First position ≥ `from` where `piece` matches and ends by `end`, or -1. */
function findPiece(subject: string, piece: string, from: number, end: number): number {
  for (let start = from; start + piece.length <= end; start++) if (piecesMatchAt(subject, piece, start)) return start;
  return -1;
}

const QUESTION_MARK = '?'.charCodeAt(0);
