import { isNumbered } from './paragraphs.ts';
import { opensSection } from './section-openers.ts';
import { opensSigner, type SignerPiece, signerPieces } from './signer.ts';
import { BULLET, fold, isAllCaps, type Line, stripBullet, tol } from './text.ts';
import type { CopyPurpose, DraftCopy } from './types.ts';

/**
 * "Nơi nhận": the copies, each with the purpose it is sent for. A flattened two-column layout glues the signer
 * block to the end of these lines, so reading them also returns the signer pieces found there.
 */

const SAME_AS_ABOVE = tol('^nhu tren\\b');
const ARCHIVE = tol('^luu\\b');
const REPORT = tol('bao cao|\\bb/c\\b|\\bbc\\b|chi dao');
const COORDINATE = tol('phoi hop|\\bp/h\\b|\\bph\\b');
const TRAILING_PURPOSE = tol(
  '\\s[-–:]\\s*((?:de\\s+)?(?:b/c|bao cao|p/h|phoi hop|biet|t/h|thuc hien|theo doi|chi dao)(?:\\s+\\S+){0,3})$',
);

const purposeOf = (key: string): CopyPurpose =>
  REPORT.test(key) ? 'REPORT' : COORDINATE.test(key) ? 'COORDINATE' : 'INFORM';

/** One "Nơi nhận" item; "Như trên" (the addressees again) gives `same-as-above`. */
export const copyOf = (rawItem: string): DraftCopy | 'same-as-above' | undefined => {
  const item = stripBullet(rawItem)
    .replace(/[\s;,]+$/u, '')
    .replace(/(?<!\/)\.+$/u, '')
    .trim();
  if (item === '') return undefined;
  const key = fold(item);
  if (SAME_AS_ABOVE.test(key)) return 'same-as-above';
  if (ARCHIVE.test(key)) return { name: item, purpose: 'ARCHIVE' };
  const paren = /\s*\(([^()]*)\)$/u.exec(item);
  if (paren?.[1] !== undefined && paren.index > 0) {
    const purpose = purposeOf(fold(paren[1]));
    return { name: item.slice(0, paren.index).trim(), purpose };
  }
  const trailing = TRAILING_PURPOSE.exec(key);
  if (trailing?.[1]) return { name: item.slice(0, trailing.index).trim(), purpose: purposeOf(trailing[1]) };
  return { name: item, purpose: 'INFORM' };
};

const ARCHIVE_LINE = tol('^luu(?![a-z_])');

/** A signer piece glued to the end of a "Nơi nhận" line by a flattened two-column layout. */
const trailingSigner = (raw: string): { item: string; pieces: SignerPiece[] } => {
  const key = fold(raw);
  const auth = tol('(?:^|\\s)(?:kt|tl|tm|tuq)\\.\\s').exec(key);
  if (auth) {
    const pieces = signerPieces(raw.slice(auth.index).trim(), false);
    if (pieces) return { item: raw.slice(0, auth.index).trim(), pieces };
  }
  const tokens = raw.split(' ');
  for (let k = 0; k < tokens.length; k++) {
    const tail = tokens.slice(k).join(' ');
    if (!isAllCaps(tail) && !/^[([]/.test(tail)) continue;
    const pieces = signerPieces(tail, false);
    if (pieces?.some((p) => p.kind !== 'name')) return { item: tokens.slice(0, k).join(' '), pieces };
  }
  return { item: raw, pieces: [] };
};

/** The copies of one line; "Như trên" is skipped, since the addressees are already the recipients. */
const copiesIn = (raw: string): DraftCopy[] =>
  raw.split(/;\s*(?=\S)/).flatMap((item) => {
    const copy = copyOf(item);
    return copy && copy !== 'same-as-above' ? [copy] : [];
  });

/**
 * Reads "Nơi nhận" from its opening line: the list goes on while its lines look like items (a bullet, "Lưu …", a
 * `;` or `,` at the end of the line before) and stops at another section, a numbered item or a signer block.
 */
export const readCopies = (
  lines: Line[],
  start: number,
  opening: RegExpExecArray,
): { copies: DraftCopy[]; signerPieces: SignerPiece[]; next: number } => {
  const copies: DraftCopy[] = [];
  const pieces: SignerPiece[] = [];
  const take = (raw: string) => {
    const split = trailingSigner(raw);
    pieces.push(...split.pieces);
    if (split.item !== '') copies.push(...copiesIn(split.item));
    return split.item;
  };
  let prev = take((lines[start] as Line).raw.slice(opening[0].length).trim());
  let next = start + 1;
  while (next < lines.length) {
    const line = lines[next] as Line;
    if (opensSection(line) || isNumbered(line.raw)) break;
    const bullet = BULLET.test(line.raw);
    const copyish = bullet || ARCHIVE_LINE.test(line.key) || /[;,]$/.test(prev) || /;$/.test(line.raw);
    if (!copyish || line.raw.length > 250) break;
    if (!bullet && opensSigner(line.raw)) break;
    prev = take(line.raw);
    next++;
  }
  return { copies, signerPieces: pieces, next };
};
