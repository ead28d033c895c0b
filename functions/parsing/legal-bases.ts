import { datesIn, partsToYmd } from './dates.ts';
import { hasMarker, TERMINAL } from './paragraphs.ts';
import { opensSection } from './section-openers.ts';
import { capitalizeFirst, fold, type Line, startsLower, tol } from './text.ts';
import type { LegalBasisRef } from './types.ts';

/** "Căn cứ …": the legal bases as written, and the documents each one cites (type, number, date, issuer). */

/**
 * Reads one "Căn cứ …" paragraph from its first line, with the lines that continue it: a line starting in
 * lowercase, or (when blank lines separate paragraphs) a line with no blank line before and no full stop above.
 */
export const readLegalBasis = (
  lines: Line[],
  start: number,
  blankSeparated: boolean,
): { text: string; next: number } => {
  let text = (lines[start] as Line).raw;
  let next = start + 1;
  while (next < lines.length) {
    const line = lines[next] as Line;
    if (opensSection(line) || hasMarker(line.raw)) break;
    const soft = !line.gap && blankSeparated && !TERMINAL.test(text);
    if (!(startsLower(line.raw) || soft)) break;
    text = `${text} ${line.raw}`;
    next++;
  }
  return { text, next };
};

const DOC_REF = tol(
  '(cong van|cong dien|quyet dinh|nghi dinh|nghi quyet|chi thi|thong tu lien tich|thong tu|thong bao|ke hoach|huong dan|van ban|phap lenh|luat)(?![a-z_])',
  'g',
);
/** A law is cited by its name and date ("Luật Viễn thông ngày 23/11/2009"), other documents by their number. */
const LAW = tol('^(?:luat|phap lenh)$');
const REF_NUMBER = /^\s*(?:số|Số|s[ố?\ufffd])?\s*(\d+(?:\s*\/\s*[0-9A-Za-z\p{L}&.?\ufffd-]+)+)/u;
const REF_ISSUER = /^\s+của\s+(.+?)(?=\s+(?:về|quy định|hướng dẫn|ban hành|sửa đổi)\s|[;,.]\s|[;,.]?$)/u;

/** The documents one legal basis cites; `basis` is its index in `draft.legalBases`. */
const citationsIn = (text: string, basis: number): LegalBasisRef[] => {
  const key = fold(text);
  const refs: LegalBasisRef[] = [];
  const dates = datesIn(key);
  const matches = [...key.matchAll(DOC_REF)];
  matches.forEach((m, k) => {
    const start = m.index;
    const typeEnd = start + m[0].length;
    const limit = matches[k + 1]?.index ?? text.length;
    const documentType = capitalizeFirst(text.slice(start, typeEnd));
    const num = REF_NUMBER.exec(text.slice(typeEnd, limit));
    const isLaw = LAW.test(m[0]);
    const date = dates.find(
      (d) => d.index >= typeEnd && d.index < Math.min(limit, typeEnd + (num ? num[0].length + 12 : 160)),
    );
    if (!num && !(isLaw && date)) return;
    const numberText = num?.[1]?.replace(/\s*\/\s*/g, '/').replace(/[.]+$/, '');
    let end = num ? typeEnd + num[0].length : typeEnd;
    if (date) end = Math.max(end, date.end);
    const ref: LegalBasisRef = {
      basis,
      text: text.slice(start, end).trim(),
      documentType,
      ...(numberText ? { documentNumber: numberText } : {}),
    };
    const ymdDate = date ? partsToYmd(date.parts) : undefined;
    if (ymdDate) ref.date = ymdDate;
    const after = REF_ISSUER.exec(text.slice(end, limit));
    if (after?.[1] && after[1].length <= 120) ref.issuer = after[1].trim();
    refs.push(ref);
  });
  return refs;
};

export const legalBasisRefsOf = (legalBases: string[]): LegalBasisRef[] =>
  legalBases.flatMap((text, basis) => citationsIn(text, basis));
