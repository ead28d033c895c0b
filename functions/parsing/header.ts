import { agencyName } from './casing.ts';
import { matchHeaderDate } from './dates.ts';
import { type Findings, warn } from './findings.ts';
import { MESSAGES } from './messages.ts';
import { readNumber } from './number.ts';
import { hasMarker, TERMINAL } from './paragraphs.ts';
import { opensSection } from './section-openers.ts';
import { opensSigner } from './signer.ts';
import { AUTHORITY, capsSubject, continueSubject, opensSubject, subjectIn } from './subject.ts';
import { fold, isAllCaps, type Line, tol } from './text.ts';
import type { DraftDirective } from './types.ts';

/**
 * The header block: the issuing body and its parent (the caps lines), "Số: …", the place and date, "V/v …",
 * urgency ("HỎA TỐC") and a title line ("CÔNG ĐIỆN"). A flattened two-column header puts several of these on one
 * line, so each line is read as fragments.
 */

export type Header = {
  orgLines: string[];
  number?: string;
  numberBlank?: string;
  place?: string;
  issuedOn?: string;
  dateProblem?: { message: string; passage: string };
  subject?: string;
  /** The caps line naming the authority under the title ("ỦY BAN NHÂN DÂN TỈNH QUẢNG TRỊ"). */
  authority?: { at: number; text: string };
  /** Header lines no field took: a news article's headline, else part of the full text. */
  extras: { at: number; text: string }[];
};

const URGENCY = tol('^(?:hoa toc(?: hen gio)?|thuong khan|khan|dien khan|khan cap)$');
const DOC_TYPE = tol('^(?:cong van|cong dien(?: khan)?|thong bao|ke hoach|chi thi|quyet dinh|huong dan)$');
const REPORTED = tol(
  '(?:cong van|cong dien|chi thi|ke hoach|quyet dinh|thong bao|van ban)\\s+(?:hoa toc\\s+)?so\\s+\\d',
);
/** The second caps line of an issuer ("TỈNH GIA LAI", "SỞ Y TẾ" under "UBND TỈNH …", "VÀ TRUYỀN THÔNG"). */
const ORG_CONTINUED = tol(
  '^(?:tinh|huyen|thanh pho|thi xa|quan|xa|phuong|thi tran|va|cong ty|tap doan|vien|hoc vien|dai hoc|dang|doan|kho bac|ngan hang|toa an|bao hiem|quan khu|bo chi huy|dai|chi nhanh|hiep hoi|lien doan|[a-z_]+\\s*&)(?![a-z_])',
);
const ORG_START = tol(
  '^(?:so|uy ban|ubnd|van phong|bo|phong|ban|trung tam|cuc|chi cuc|cong an|benh vien|truong|hoi dong|tinh uy|huyen uy|thanh uy|tong cuc|thanh tra)(?![a-z_])',
);

/** The place and date line; what follows it on the same line, or undefined when the fragment is not one. */
const takeDate = (header: Header, raw: string, key: string): string | undefined => {
  const date = matchHeaderDate(key, raw);
  if (!date) return undefined;
  if (date.place) header.place = date.place;
  const passage = raw.slice(0, date.end).trim();
  if (date.date) header.issuedOn = date.date;
  else if (date.day === undefined) header.dateProblem = { message: MESSAGES.issuedOnBlankDay, passage };
  else header.dateProblem = { message: MESSAGES.issuedOnInvalid, passage };
  return raw.slice(date.end).trim();
};

/** Reads "Số: …", the date line and "V/v …" out of one header line, each once; returns what is left. */
const headerFragment = (header: Header, raw: string): string => {
  let rest = raw.trim();
  for (let guard = 0; guard < 4 && rest !== ''; guard++) {
    const key = fold(rest);
    const number = header.number === undefined && header.numberBlank === undefined ? readNumber(rest, key) : undefined;
    if (number) {
      if (number.number !== undefined) header.number = number.number;
      if (number.numberBlank !== undefined) header.numberBlank = number.numberBlank;
      rest = number.rest;
      continue;
    }
    const afterDate = header.issuedOn === undefined && header.dateProblem === undefined;
    const left = afterDate ? takeDate(header, rest, key) : undefined;
    if (left !== undefined) {
      rest = left;
      continue;
    }
    const subject = header.subject === undefined ? subjectIn(rest, key) : undefined;
    if (subject !== undefined) {
      header.subject = subject;
      return '';
    }
    break;
  }
  return rest;
};

/** "HỎA TỐC" or "CÔNG ĐIỆN" on a line of their own go to `meta`. */
const takeTitleLine = (line: Line, findings: Findings): boolean => {
  if (!isAllCaps(line.raw)) return false;
  if (URGENCY.test(line.key)) findings.meta.urgency = line.raw;
  else if (DOC_TYPE.test(line.key)) findings.meta.documentType = line.raw;
  else return false;
  return true;
};

/** A line naming the issuer or its parent: only before the number, the date and the subject. */
const isOrgLine = (line: Line, header: Header): boolean => {
  const noneYet = header.number === undefined && header.issuedOn === undefined && header.subject === undefined;
  if (!noneYet) return false;
  if (isAllCaps(line.raw) && line.raw.length <= 120) return ORG_START.test(line.key) || ORG_CONTINUED.test(line.key);
  return ORG_START.test(line.key) && line.raw.length <= 100 && !TERMINAL.test(line.raw);
};

/** Reads the header block from the first line; `end` is the first line of the body. */
export const readHeader = (lines: Line[], findings: Findings): { header: Header; end: number } => {
  const header: Header = { orgLines: [], extras: [] };
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] as Line;
    if (opensSection(line) || hasMarker(line.raw) || opensSigner(line.raw)) break;
    if (takeTitleLine(line, findings)) {
      i++;
      continue;
    }
    if (line.raw.length > 160 && !opensSubject(line.key)) break;
    // a sentence reporting a letter ("Ngày 16/4/2020 UBND tỉnh ban hành Chỉ thị số 11/…") is a news lead, not header
    if (line.raw.length > 80 && !isAllCaps(line.raw) && !opensSubject(line.key) && REPORTED.test(line.key)) break;
    const hadSubject = header.subject !== undefined;
    const left = headerFragment(header, line.raw);
    if (left !== line.raw.trim()) {
      if (left !== '') header.extras.push({ at: i, text: left });
      i++;
      if (!hadSubject && header.subject !== undefined) {
        const wrapped = continueSubject(lines, i, header.subject);
        header.subject = wrapped.subject;
        i = wrapped.next;
      }
      continue;
    }
    const titled = findings.meta.documentType !== undefined || header.issuedOn !== undefined;
    const caps = header.subject === undefined && titled ? capsSubject(lines, i) : undefined;
    if (caps) {
      header.subject = caps.subject;
      i = caps.next;
      continue;
    }
    if (titled && header.authority === undefined && AUTHORITY.test(line.key) && isAllCaps(line.raw)) {
      header.authority = { at: i, text: line.raw };
      i++;
      continue;
    }
    if (isOrgLine(line, header)) header.orgLines.push(line.raw);
    else if (line.raw.length > 160 || TERMINAL.test(line.raw)) break;
    else header.extras.push({ at: i, text: line.raw });
    i++;
  }
  return { header, end: i };
};

const ADMIN_FIRST = tol('^(?:tinh|huyen|thanh pho|thi xa|quan|xa|phuong|thi tran)(?![a-z_])');
const BODY_ONLY = tol('^(?:uy ban nhan dan|ubnd|hoi dong nhan dan|hdnd)$');

/** The caps lines of the header as [parent, issuer]: "ỦY BAN NHÂN DÂN" + "TỈNH QUẢNG NAM" is one name. */
const issuerOf = (orgLines: string[]): { issuer?: string; issuerParent?: string } => {
  const merged: string[] = [];
  for (const line of orgLines) {
    const prev = merged[merged.length - 1];
    const key = fold(line);
    if (
      prev !== undefined &&
      ((ADMIN_FIRST.test(key) && BODY_ONLY.test(fold(prev))) || /(?:\s(?:VÀ|và)|[,-])$/u.test(prev))
    )
      merged[merged.length - 1] = `${prev} ${line}`;
    else merged.push(line);
  }
  const issuer = merged[merged.length - 1];
  const parent = merged[merged.length - 2];
  return {
    ...(issuer ? { issuer: agencyName(issuer) } : {}),
    ...(parent ? { issuerParent: agencyName(parent) } : {}),
  };
};

/** A bare "ỦY BAN NHÂN DÂN" completed by the authority line under the title ("… ỦY BAN NHÂN DÂN TỈNH QUẢNG TRỊ"). */
const fuller = (orgLines: string[], authority: string | undefined): string[] => {
  const last = orgLines[orgLines.length - 1];
  if (!authority || !last || !BODY_ONLY.test(fold(last))) return orgLines;
  const at = fold(authority).indexOf(fold(last));
  if (at < 0 || at + last.length >= authority.length) return orgLines;
  return [...orgLines.slice(0, -1), authority.slice(at)];
};

/** What a news article's lead sentence gives in place of a header. */
export type HeaderFallback = Pick<
  DraftDirective,
  'number' | 'issuer' | 'issuerParent' | 'place' | 'issuedOn' | 'subject'
>;

/** The scalar fields of the draft from the header, else from a news article's lead; what is missing is warned about. */
export const fillHeaderFields = (
  draft: DraftDirective,
  header: Header,
  article: HeaderFallback | undefined,
  findings: Findings,
) => {
  const { issuer, issuerParent } = issuerOf(fuller(header.orgLines, header.authority?.text));
  const number = header.number ?? article?.number;
  if (number) draft.number = number;
  else if (header.numberBlank) warn(findings, 'number', MESSAGES.numberBlank, header.numberBlank);
  else warn(findings, 'number', MESSAGES.number);
  const issuerValue = issuer ?? article?.issuer;
  if (issuerValue) draft.issuer = issuerValue;
  else warn(findings, 'issuer', MESSAGES.issuer);
  const parentValue = issuerParent ?? article?.issuerParent;
  if (parentValue) draft.issuerParent = parentValue;
  const placeValue = header.place ?? article?.place;
  if (placeValue) draft.place = placeValue;
  const issuedOn = header.issuedOn ?? article?.issuedOn;
  if (issuedOn) draft.issuedOn = issuedOn;
  else if (header.dateProblem) warn(findings, 'issuedOn', header.dateProblem.message, header.dateProblem.passage);
  else if (!findings.warnings.some((w) => w.field === 'issuedOn')) warn(findings, 'issuedOn', MESSAGES.issuedOn);
  const subject = header.subject ?? article?.subject;
  if (subject) draft.subject = subject;
  else warn(findings, 'subject', MESSAGES.subject);
};
