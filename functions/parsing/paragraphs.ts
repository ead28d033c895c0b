import { BULLET, fold, isAllCaps, type Line, startsLower, stripBullet } from './text.ts';

/**
 * Paragraphs: the lines that no section opener took, joined back where a soft wrap or a page break cut them, each
 * with the marker it starts with ("1.1.", "II.", "a)", "-"). The marker decides whether a paragraph is a task, a
 * section heading or part of the text above it.
 */

export type Marker =
  | { kind: 'num'; code: string; level: number }
  | { kind: 'roman'; code: string }
  | { kind: 'letter'; code: string }
  | { kind: 'bullet' }
  | { kind: 'none' };

/** `at` is the index of its first line, to put unparsed passages back in text order. */
export type Para = { raw: string; key: string; marker: Marker; body: string; at: number };

const NUMBERED = /^(\d{1,2}(?:\.\d{1,2}){1,3})\.?\)?\s+|^(\d{1,2})[.)]\s+/;
const ROMAN = /^(I{1,3}|IV|VI{0,3}|IX|X)\.\s+/;
/** "a)" always; "a." only when a capital follows, as the text of an item does. */
const LETTER = /^([a-zđ])\)\s*|^([a-zđ])\.\s+(?=\p{Lu})/u;
/** A line that ends a sentence: the next line starts a new paragraph even without a blank line. */
export const TERMINAL = /[.:;!?…]["”)]?$/u;

export const isNumbered = (raw: string): boolean => NUMBERED.test(raw);

const markerOf = (raw: string): { marker: Marker; body: string } => {
  const n = NUMBERED.exec(raw);
  if (n) {
    const code = (n[1] ?? n[2]) as string;
    return { marker: { kind: 'num', code, level: code.split('.').length }, body: raw.slice(n[0].length) };
  }
  const r = ROMAN.exec(raw);
  if (r?.[1]) return { marker: { kind: 'roman', code: r[1] }, body: raw.slice(r[0].length) };
  const l = LETTER.exec(raw);
  if (l) return { marker: { kind: 'letter', code: (l[1] ?? l[2]) as string }, body: raw.slice(l[0].length) };
  if (BULLET.test(raw)) return { marker: { kind: 'bullet' }, body: stripBullet(raw) };
  return { marker: { kind: 'none' }, body: raw };
};

export const hasMarker = (raw: string): boolean => markerOf(raw).marker.kind !== 'none';

export const para = (raw: string, at: number): Para => ({ raw, key: fold(raw), at, ...markerOf(raw) });

/**
 * Adds a line to the paragraphs, joining it to the previous one when it continues it: it starts in lowercase, or
 * (in a text whose paragraphs are separated by blank lines) it follows with no blank line and no full stop.
 * `afterParagraph` is false right after a section block, whose last line is never continued.
 */
export const addLine = (paras: Para[], line: Line, at: number, afterParagraph: boolean, blankSeparated: boolean) => {
  const prev = paras[paras.length - 1];
  if (afterParagraph && prev && !hasMarker(line.raw) && !isAllCaps(prev.raw) && !isAllCaps(line.raw)) {
    const lower = startsLower(line.raw);
    const soft = !line.gap && blankSeparated && !TERMINAL.test(prev.raw);
    if (lower || soft) {
      paras[paras.length - 1] = para(`${prev.raw} ${line.raw}`, prev.at);
      return;
    }
  }
  paras.push(para(line.raw, at));
};
