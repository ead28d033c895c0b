import { matchHeaderDate } from './dates.ts';
import { opensNumber } from './number.ts';
import { hasMarker, TERMINAL } from './paragraphs.ts';
import { opensSection } from './section-openers.ts';
import { isAllCaps, type Line, startsLower, tol } from './text.ts';

/** "V/v …" or "Về việc …": the subject (trích yếu), always given back as "V/v …", joined when it wraps. */

const SUBJECT = tol('^(?:v/v|ve\\s+viec)\\s*:?\\s*');

export const opensSubject = (key: string): boolean => SUBJECT.test(key);

export const subjectIn = (raw: string, key: string): string | undefined => {
  const opening = SUBJECT.exec(key);
  return opening ? `V/v ${raw.slice(opening[0].length).trim()}` : undefined;
};

/**
 * The lines a subject wrapped onto, from `start`: they continue it until another header field, a section, a capital
 * line, or a line that starts a new sentence (after a blank line or a full stop).
 */
export const continueSubject = (lines: Line[], start: number, subject: string): { subject: string; next: number } => {
  let whole = subject;
  let next = start;
  while (next < lines.length) {
    const line = lines[next] as Line;
    if (opensSection(line) || hasMarker(line.raw) || isAllCaps(line.raw)) break;
    if (matchHeaderDate(line.key, line.raw) || opensNumber(line.key)) break;
    if (!startsLower(line.raw) && (line.gap || TERMINAL.test(whole))) break;
    whole = `${whole} ${line.raw}`;
    next++;
  }
  return { subject: whole, next };
};
