import { tol } from './text.ts';

/** "Số: 126/STTTT-BCVT": the number of the letter, or the blank left for it ("Số:    /STTTT-BCVT"). */

const NUMBER_LINE = tol('^so\\s*(?::|(?=\\d))\\s*');
// "126/STTTT-BCVT", also with spaced dashes as copies leave them ("126 / STTTT - BCVT")
const NUMBER_VALUE = /^(\d*)\s*\/\s*([^\s,;]+(?:\s+[-–]\s*[^\s,;]+|[-–]\s+[^\s,;]+)*)|^(\d[^\s,;]*)/u;

export const opensNumber = (key: string): boolean => NUMBER_LINE.test(key);

export type NumberRead = {
  number?: string;
  /** The "Số:" passage when its number is blank: a letter pasted before it was registered. */
  numberBlank?: string;
  /** What follows the number on the same line (a flattened header puts the date there). */
  rest: string;
};

export const readNumber = (raw: string, key: string): NumberRead | undefined => {
  const opening = NUMBER_LINE.exec(key);
  if (!opening) return undefined;
  const value = raw.slice(opening[0].length);
  const m = NUMBER_VALUE.exec(value);
  if (!m) return { numberBlank: raw, rest: '' };
  const rest = value.slice(m[0].length).trim();
  if (m[3] !== undefined) return { number: m[3].replace(/[.;,]+$/, ''), rest };
  if (m[1] === '') return { numberBlank: raw.slice(0, opening[0].length + m[0].length).trim(), rest };
  return { number: `${m[1]}/${(m[2] as string).replace(/\s*[-–]\s*/g, '-').replace(/[.;,]+$/, '')}`, rest };
};
