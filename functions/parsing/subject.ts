import { matchHeaderDate } from './dates.ts';
import { opensNumber } from './number.ts';
import { hasMarker, TERMINAL } from './paragraphs.ts';
import { opensSection } from './section-openers.ts';
import { fold, isAllCaps, type Line, startsLower, tol } from './text.ts';

/** "V/v …" or "Về việc …": the subject (trích yếu), always given back as "V/v …", joined when it wraps. */

// "V/v …", "Về việc …", and "Về: …" (the colon is what tells it from a sentence that starts with "Về")
const SUBJECT = tol('^(?:v/v|ve\\s+viec|ve(?=\\s*:))\\s*:?\\s*');

export const opensSubject = (key: string): boolean => SUBJECT.test(key);

/** A caps line that names the issuing authority under a title ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH …"), not a subject. */
export const AUTHORITY = tol(
  '^(?:chu tich|bo truong|giam doc|tong giam doc|uy ban|ubnd|hoi dong|so\\s|bo\\s|ban chi (?:dao|huy)|van phong|tinh uy|thu tuong)',
);
const CAPS_ABOUT = tol('^(?:ve\\s+viec|ve|v/v)(?:\\s*:?\\s+|$)');

/**
 * A caps subject under a title line ("CHỈ THỊ" / "VỀ TĂNG CƯỜNG CÔNG" / "TÁC PHÒNG, CHỐNG …"), or right below the
 * date in a table layout: the caps lines up to the authority line or the body. Undefined when `start` opens none.
 */
export const capsSubject = (lines: Line[], start: number): { subject: string; next: number } | undefined => {
  const words: string[] = [];
  let next = start;
  while (next < lines.length) {
    const line = lines[next] as Line;
    if (!isAllCaps(line.raw) || AUTHORITY.test(line.key) || opensSection(line) || opensNumber(line.key)) break;
    if (matchHeaderDate(line.key, line.raw) || line.raw.length > 200) break;
    words.push(line.raw);
    next++;
  }
  if (words.length === 0) return undefined;
  const joined = words.join(' ');
  const about = CAPS_ABOUT.exec(fold(joined));
  const text = (about ? joined.slice(about[0].length) : joined).trim();
  return text === '' ? undefined : { subject: `V/v ${text}`, next };
};

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
    if (opensSection(line) || hasMarker(line.raw)) break;
    // a caps subject goes on in caps, up to the authority line; a mixed-case one stops at a caps line
    if (isAllCaps(line.raw) !== isAllCaps(whole.slice(4)) || AUTHORITY.test(line.key)) break;
    if (matchHeaderDate(line.key, line.raw) || opensNumber(line.key)) break;
    if (!startsLower(line.raw) && (line.gap || TERMINAL.test(whole))) break;
    whole = `${whole} ${line.raw}`;
    next++;
  }
  return { subject: whole, next };
};
