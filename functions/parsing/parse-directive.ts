import { agencyName } from './casing.ts';
import { CONTACT_HEADING, CONTACT_SENTENCE, contactIn, isLeaderTitle, phonesIn } from './contacts.ts';
import {
  datesIn,
  deadlinesIn,
  firstPeriodOf,
  matchHeaderDate,
  partsToYmd,
  recurrenceIn,
  workingDaysIn,
  ymd,
} from './dates.ts';
import { copyOf, opensSigner, type SignerPiece, signerFrom, signerPieces } from './footer.ts';
import { nameKey, RecipientIndex, uniqueIds } from './recipients.ts';
import {
  BULLET,
  capitalizeFirst,
  fold,
  isAllCaps,
  type Line,
  prepare,
  startsLower,
  stripBullet,
  tol,
  trimEndPunct,
} from './text.ts';
import type {
  Contact,
  DraftCopy,
  DraftDirective,
  DraftLeader,
  DraftRecipient,
  DraftSigner,
  DraftTask,
  LegalBasisRef,
  ParseMeta,
  ParseResult,
  ParseWarning,
  PhoneNumber,
} from './types.ts';

// ---------------------------------------------------------------------------------------------------------------
// Patterns (folded keys; see text.ts)

const KINH_GUI = tol('^kinh\\s*gui\\s*:?\\s*');
const DIEN_LIST = tol(
  '^(?:chu tich|pho chu tich|thu tuong|bo truong|giam doc|uy ban nhan dan|ubnd)[^:]{0,90}\\sdien\\s*:\\s*',
);
const CAN_CU = tol('^can\\s*cu(?![a-z_])');
const NOI_NHAN = tol('^noi\\s*nhan\\s*:?\\s*');
const NUMBER_LINE = tol('^so\\s*(?::|(?=\\d))\\s*');
const SUBJECT = tol('^(?:v/v|ve\\s+viec)\\s*:?\\s*');
const URGENCY = tol('^(?:hoa toc(?: hen gio)?|thuong khan|khan|dien khan|khan cap)$');
const DOC_TYPE = tol('^(?:cong van|cong dien(?: khan)?|thong bao|ke hoach|chi thi|quyet dinh|huong dan)$');
const ORG_START = tol(
  '^(?:so|uy ban|ubnd|van phong|bo|phong|ban|trung tam|cuc|chi cuc|cong an|benh vien|truong|hoi dong|tinh uy|huyen uy|thanh uy|tong cuc|thanh tra)(?![a-z_])',
);
const NUMBERED = /^(\d{1,2}(?:\.\d{1,2}){1,3})\.?\)?\s+|^(\d{1,2})[.)]\s+/;
const ROMAN = /^(I{1,3}|IV|VI{0,3}|IX|X)\.\s+/;
const LETTER = /^([a-zđ])\)\s*|^([a-zđ])\.\s+(?=\p{Lu})/u;
const TERMINAL = /[.:;!?…]["”)]?$/u;

const ANNOUNCE = tol('(?:sau|nhu sau|cu the|sau day|noi dung|nhiem vu)\\s*:$');
const TAIL = tol(
  '^(?:(?:[^.,;:]{0,90}?\\s)?(?:cung\\s+)?(?:kinh\\s+)?(?:de nghi|yeu cau|tran trong de nghi|rat mong)\\s+(?:thu truong|lanh dao|giam doc|chu tich)?\\s*(?:cac|toan the|nhung)\\s+(?:co quan,?\\s+)?(?:don vi|dia phuong|co quan|so,|phong,|nganh)|(?:trong|qua) trinh (?:trien khai|thuc hien)|nhan duoc (?:cong van|van ban)|tren day la|moi (?:thong tin|vuong mac|chi tiet|kho khan))',
);
const CLOSING_MARK = /\.?\/\.\s*$/;
const REPORT_DEMAND = tol(
  '(?:bao cao (?:ket qua|tinh hinh|tien do|so lieu|danh sach|cu the|bang van ban)|gui (?:bao cao|ket qua|van ban|danh sach)|bao cao (?:ve|cho|gui) )',
  'g',
);
const CONDITIONAL = tol('(?<![a-z_])(?:neu|truong hop|khi co|khi xay ra|trong qua trinh)(?![a-z_])');
const NOT_A_DEMAND = tol('(?:so lieu|che do(?: thong tin)?|noi dung|mau|bieu mau|thong tin|\\(|khai)\\s*$');
const REPORT_WORD = tol('(?<![a-z_])bao cao(?![a-z_])', 'g');
const SENDS_BACK = tol(
  '(?<![a-z_])(?:cung cap|gui|nop)(?:\\s[^.;]{0,160}?)?\\s(?:ve|cho|toi|den|len)\\s+(?:so(?!\\s+(?:luong|lieu|dien|may|\\d))|uy ban|ubnd|van phong|phong|ban|trung tam|bo|chi cuc|cuc)(?![a-z_])',
);
/** The head of the issuing body (not a deputy): the second level of escalation. */
const HEAD_TITLE = tol(
  '^(?:giam doc|chu tich|chanh van phong|hieu truong|truong ban|cuc truong|chi cuc truong)(?![a-z_])',
);
const REQUEST_VERB = tol('(?<![a-z_])(?:de nghi|yeu cau|giao)\\s+');
const ARCHIVE_LINE = tol('^luu(?![a-z_])');
const ATTACHMENT = tol('^\\((?:co|gui|dinh|kem|xin gui|ghi chu)');
const ARTICLE_LEAD = tol(
  '(?:cong van|cong dien|van ban|ke hoach|chi thi|thong bao|quyet dinh)\\s+(?:hoa toc\\s+|khan\\s+)?so\\s+(\\d+\\s*/\\s*[^\\s,;]+)',
);

// ---------------------------------------------------------------------------------------------------------------
// Paragraph model

type Marker =
  | { kind: 'num'; code: string; level: number }
  | { kind: 'roman'; code: string }
  | { kind: 'letter'; code: string }
  | { kind: 'bullet' }
  | { kind: 'none' };

type Para = { raw: string; key: string; marker: Marker; body: string; at: number };

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

const hasMarker = (raw: string) => markerOf(raw).marker.kind !== 'none';

const para = (raw: string, at: number): Para => ({ raw, key: fold(raw), at, ...markerOf(raw) });

// ---------------------------------------------------------------------------------------------------------------
// Warnings

const FIELD_ORDER = [
  'text',
  'number',
  'issuer',
  'issuerParent',
  'place',
  'issuedOn',
  'subject',
  'addressees',
  'recipients',
  'legalBases',
  'body',
  'signer',
  'leadership',
  'copies',
  'tasks',
];

const fieldRank = (field: string) => {
  const [top, index] = field.split('.');
  const rank = FIELD_ORDER.indexOf(top ?? '');
  return [rank < 0 ? FIELD_ORDER.length : rank, index === undefined ? -1 : Number(index) || 0] as const;
};

const sortWarnings = (warnings: ParseWarning[]) =>
  warnings
    .map((w, i) => ({ w, i, r: fieldRank(w.field) }))
    .sort((a, b) => a.r[0] - b.r[0] || a.r[1] - b.r[1] || a.i - b.i)
    .map((x) => x.w);

export const MESSAGES = {
  empty: 'Chưa có nội dung công văn: hãy dán toàn văn công văn cần đọc.',
  broken:
    'Văn bản bị lỗi dấu tiếng Việt (chữ bị thay bằng ? hoặc �): các giá trị lấy từ văn bản được giữ nguyên, cần sửa lại.',
  article:
    'Văn bản là bài báo tường thuật công văn, không phải bản gốc: chỉ lấy được một phần, cần đối chiếu với công văn gốc.',
  number: 'Không tìm thấy số, ký hiệu công văn (dòng "Số: …").',
  numberBlank: 'Số công văn còn để trống: nhập số khi văn bản được đăng ký.',
  issuer: 'Không tìm thấy cơ quan ban hành.',
  issuerParentInferred: 'Cơ quan chủ quản được suy ra từ tên tỉnh trong bài viết: kiểm tra lại.',
  placeInferred: 'Địa danh được suy ra từ tên tỉnh trong bài viết: kiểm tra lại.',
  issuedOn: 'Không tìm thấy ngày ban hành (dòng "…, ngày … tháng … năm …").',
  issuedOnBlankDay: 'Ngày ban hành chưa ghi ngày: nhập ngày ký.',
  issuedOnInvalid: 'Ngày ban hành không hợp lệ.',
  issuedOnYear: (day: string, year: number, reason: string) =>
    `Bài viết chỉ ghi "${day}", không ghi năm: năm ${year} được suy ra từ nội dung (${reason}), cần kiểm tra lại.`,
  subject: 'Không tìm thấy trích yếu (dòng "V/v …").',
  subjectFromArticle: 'Trích yếu lấy từ câu "về việc …" trong bài viết: kiểm tra lại.',
  addresseesFromArticle: 'Nơi nhận lấy từ câu "gửi …" trong bài viết: kiểm tra lại cách tách các nhóm đơn vị.',
  recipients: 'Không tìm thấy phần "Kính gửi": chọn đơn vị nhận từ danh bạ.',
  recipientEmail: 'Chưa có email của đơn vị: chọn từ danh bạ.',
  signer: 'Không tìm thấy người ký.',
  signerName: 'Không tìm thấy họ tên người ký.',
  signerTitle: 'Không tìm thấy chức vụ người ký.',
  leadership: 'Không tìm thấy lãnh đạo nhận cảnh báo (dòng liên hệ có số điện thoại): nhập ít nhất một người.',
  leadershipFromSigner: 'Lãnh đạo nhận cảnh báo lấy từ người ký vì văn bản không có dòng liên hệ: kiểm tra lại.',
  leaderEmail: 'Chưa có email của lãnh đạo: nhập địa chỉ email.',
  copies: 'Không tìm thấy phần "Nơi nhận": thêm các nơi nhận để báo cáo, phối hợp nếu cần.',
  tasks: 'Không tìm thấy nhiệm vụ nào trong văn bản.',
  noDeadline: 'Không nhiệm vụ nào có thời hạn: nhập hạn báo cáo nếu cần.',
  duplicateCode: (code: string) => `Mã nhiệm vụ "${code}" trùng với một nhiệm vụ trước: đánh số lại.`,
  noAssignees: 'Chưa xác định được đơn vị thực hiện: chọn từ danh sách Kính gửi.',
  unknownAssignees: (names: string[]) =>
    `Không có trong danh sách Kính gửi: ${names.map((n) => `"${n}"`).join(', ')}; nhiệm vụ chỉ giao cho các đơn vị có trong danh sách.`,
  unknownOnlyAssignees: (names: string[]) =>
    `Đơn vị thực hiện ${names.map((n) => `"${n}"`).join(', ')} không có trong danh sách Kính gửi: chọn đơn vị thực hiện hoặc thêm vào Kính gửi.`,
  severalDeadlines: (phrases: string[]) =>
    `Nhiệm vụ có nhiều thời hạn (${phrases.join('; ')}): đã lấy thời hạn sớm nhất.`,
  deadlineYear: (phrase: string, year: number) =>
    `Thời hạn "${phrase}" không ghi năm: đã suy ra năm ${year} từ ngày ban hành.`,
  deadlineInvalid: (phrase: string) => `Thời hạn "${phrase}" không phải ngày hợp lệ: nhập lại.`,
  deadlineNoYear: (phrase: string) => `Thời hạn "${phrase}" không ghi năm và không có ngày ban hành để suy ra.`,
  firstPeriod: (date: string) =>
    `Báo cáo định kỳ: hạn kỳ đầu được suy ra là ngày ${date.split('-').reverse().join('/')}: kiểm tra lại.`,
  firstPeriodMissing: 'Báo cáo định kỳ: cần hạn của kỳ đầu tiên.',
  recurrenceUntil: 'Báo cáo định kỳ không ghi ngày kết thúc: nhập ngày báo cáo cuối cùng.',
  recurrenceUnsupported:
    'Báo cáo hằng tháng hoặc hằng quý chưa được hỗ trợ: chọn hằng ngày, hằng tuần, hoặc nhập từng hạn.',
  bothDeadlines: 'Nhiệm vụ vừa có hạn theo ngày vừa có số ngày làm việc: chỉ giữ một trong hai.',
  workingDays: (n: number) =>
    `Thời hạn tính theo ngày làm việc (${n} ngày): hạn cụ thể được tính theo lịch làm việc khi ban hành.`,
  deadlineWithoutReport: 'Nhiệm vụ có thời hạn nhưng không thấy yêu cầu báo cáo: kiểm tra lại.',
} as const;

// ---------------------------------------------------------------------------------------------------------------

type Acc = {
  warnings: ParseWarning[];
  unparsed: { at: number; text: string }[];
  meta: ParseMeta;
};

const warn = (acc: Acc, field: string, message: string, passage?: string) => {
  acc.warnings.push(passage === undefined ? { field, message } : { field, message, passage });
};

// ---------------------------------------------------------------------------------------------------------------
// Header

type Header = {
  orgLines: string[];
  number?: string;
  numberBlank?: string;
  place?: string;
  issuedOn?: string;
  dateProblem?: { message: string; passage: string };
  subject?: string;
  extras: { at: number; text: string }[];
};

const NUMBER_VALUE = /^(\d*)\s*\/\s*([^\s,;]+)|^(\d[^\s,;]*)/u;

const isStructural = (line: Line) =>
  KINH_GUI.test(line.key) ||
  CAN_CU.test(line.key) ||
  NOI_NHAN.test(line.key) ||
  (DIEN_LIST.test(line.key) && isAllCaps(line.raw.split(':')[0] ?? ''));

/** Reads "Số: …", the date line and "V/v …" out of one header fragment; returns what is left. */
const headerFragment = (header: Header, raw: string): string => {
  let rest = raw.trim();
  for (let guard = 0; guard < 4 && rest !== ''; guard++) {
    const key = fold(rest);
    const num = NUMBER_LINE.exec(key);
    if (num && header.number === undefined && header.numberBlank === undefined) {
      const value = rest.slice(num[0].length);
      const m = NUMBER_VALUE.exec(value);
      if (m) {
        if (m[3] !== undefined) header.number = m[3].replace(/[.;,]+$/, '');
        else if (m[1] === '') header.numberBlank = rest.slice(0, num[0].length + m[0].length).trim();
        else header.number = `${m[1]}/${(m[2] as string).replace(/[.;,]+$/, '')}`;
        rest = value.slice(m[0].length).trim();
      } else {
        header.numberBlank = rest;
        rest = '';
      }
      continue;
    }
    const date = matchHeaderDate(key, rest);
    if (date && header.issuedOn === undefined && header.dateProblem === undefined) {
      if (date.place) header.place = date.place;
      const passage = rest.slice(0, date.end).trim();
      if (date.date) header.issuedOn = date.date;
      else if (date.day === undefined) header.dateProblem = { message: MESSAGES.issuedOnBlankDay, passage };
      else header.dateProblem = { message: MESSAGES.issuedOnInvalid, passage };
      rest = rest.slice(date.end).trim();
      continue;
    }
    const subject = SUBJECT.exec(key);
    if (subject && header.subject === undefined) {
      header.subject = `V/v ${rest.slice(subject[0].length).trim()}`;
      return '';
    }
    break;
  }
  return rest;
};

const readHeader = (lines: Line[], acc: Acc): { header: Header; end: number } => {
  const header: Header = { orgLines: [], extras: [] };
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] as Line;
    if (isStructural(line) || hasMarker(line.raw) || opensSigner(line.raw)) break;
    if (URGENCY.test(line.key) && isAllCaps(line.raw)) {
      acc.meta.urgency = line.raw;
      i++;
      continue;
    }
    if (DOC_TYPE.test(line.key) && isAllCaps(line.raw)) {
      acc.meta.documentType = line.raw;
      i++;
      continue;
    }
    if (line.raw.length > 160 && !SUBJECT.test(line.key)) break;
    const hadSubject = header.subject !== undefined;
    const left = headerFragment(header, line.raw);
    if (left !== line.raw.trim()) {
      if (left !== '') header.extras.push({ at: i, text: left });
      i++;
      // a subject wrapped over several lines
      if (!hadSubject && header.subject !== undefined) {
        while (i < lines.length) {
          const next = lines[i] as Line;
          if (isStructural(next) || hasMarker(next.raw) || isAllCaps(next.raw)) break;
          if (matchHeaderDate(next.key, next.raw) || NUMBER_LINE.test(next.key)) break;
          if (!startsLower(next.raw) && (next.gap || TERMINAL.test(header.subject))) break;
          header.subject = `${header.subject} ${next.raw}`;
          i++;
        }
      }
      continue;
    }
    const noneYet = header.number === undefined && header.issuedOn === undefined && header.subject === undefined;
    if (isAllCaps(line.raw) && line.raw.length <= 120 && noneYet) {
      header.orgLines.push(line.raw);
      i++;
      continue;
    }
    if (noneYet && ORG_START.test(line.key) && line.raw.length <= 100 && !TERMINAL.test(line.raw)) {
      header.orgLines.push(line.raw);
      i++;
      continue;
    }
    if (line.raw.length > 160 || TERMINAL.test(line.raw)) break;
    header.extras.push({ at: i, text: line.raw });
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

// ---------------------------------------------------------------------------------------------------------------
// Body scan: addressees, legal bases, copies, signer and content paragraphs

type Scan = {
  addressees: string[];
  legalBases: string[];
  copies: DraftCopy[];
  /** A "Nơi nhận" heading was met (its list may hold only "Như trên"). */
  copiesSeen: boolean;
  signerPieces: SignerPiece[];
  paras: Para[];
};

const splitItems = (raw: string): string[] =>
  raw
    .split(/;\s*/)
    .map((s) => trimEndPunct(stripBullet(s.trim())))
    .filter((s) => s !== '');

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

const scanBody = (lines: Line[], start: number, blankSeparated: boolean): Scan => {
  const scan: Scan = { addressees: [], legalBases: [], copies: [], copiesSeen: false, signerPieces: [], paras: [] };
  let last: 'para' | 'other' = 'other';
  let signerDone = false;
  let i = start;

  const addCopy = (raw: string) => {
    for (const item of raw.split(/;\s*(?=\S)/)) {
      const copy = copyOf(item);
      if (copy && copy !== 'same-as-above') scan.copies.push(copy);
    }
  };

  const readSigner = (first: number): number => {
    let j = first;
    let pieces: SignerPiece[] = [];
    while (j < lines.length && j < first + 8) {
      const p = signerPieces((lines[j] as Line).raw, pieces.length > 0);
      if (!p) break;
      pieces = pieces.concat(p);
      j++;
      if (p.some((x) => x.kind === 'name')) break;
    }
    scan.signerPieces.push(...pieces);
    signerDone = pieces.some((x) => x.kind === 'name');
    return j;
  };

  while (i < lines.length) {
    const line = lines[i] as Line;

    if (KINH_GUI.test(line.key) || (DIEN_LIST.test(line.key) && isAllCaps(line.raw.split(':')[0] ?? ''))) {
      const m = (KINH_GUI.exec(line.key) ?? DIEN_LIST.exec(line.key)) as RegExpExecArray;
      const rest = line.raw.slice(m[0].length).trim();
      const items = rest === '' ? [] : splitItems(rest);
      let prev = rest;
      i++;
      while (i < lines.length && !/\.$/.test(prev)) {
        const next = lines[i] as Line;
        if (isStructural(next) || NUMBERED.test(next.raw) || opensSigner(next.raw)) break;
        const bullet = BULLET.test(next.raw);
        if (!bullet && startsLower(next.raw) && items.length > 0 && !/[;]$/.test(prev)) {
          items[items.length - 1] = trimEndPunct(`${items[items.length - 1]} ${next.raw}`);
          prev = next.raw;
          i++;
          continue;
        }
        const listy = bullet || /[;,]$/.test(prev) || (items.length === 0 && prev === '');
        if (!listy || next.raw.length > 250) break;
        items.push(...splitItems(next.raw));
        prev = next.raw;
        i++;
      }
      scan.addressees.push(...items);
      last = 'other';
      continue;
    }

    if (CAN_CU.test(line.key)) {
      let text = line.raw;
      i++;
      while (i < lines.length) {
        const next = lines[i] as Line;
        if (isStructural(next) || hasMarker(next.raw)) break;
        const soft = !next.gap && blankSeparated && !TERMINAL.test(text);
        if (!(startsLower(next.raw) || soft)) break;
        text = `${text} ${next.raw}`;
        i++;
      }
      scan.legalBases.push(text);
      last = 'other';
      continue;
    }

    if (NOI_NHAN.test(line.key)) {
      const m = NOI_NHAN.exec(line.key) as RegExpExecArray;
      scan.copiesSeen = true;
      const first = trailingSigner(line.raw.slice(m[0].length).trim());
      scan.signerPieces.push(...first.pieces);
      if (first.item !== '') addCopy(first.item);
      let prev = first.item;
      i++;
      while (i < lines.length) {
        const next = lines[i] as Line;
        if (isStructural(next) || NUMBERED.test(next.raw)) break;
        const bullet = BULLET.test(next.raw);
        const copyish = bullet || ARCHIVE_LINE.test(next.key) || /[;,]$/.test(prev) || /;$/.test(next.raw);
        if (!copyish || next.raw.length > 250) break;
        if (!bullet && opensSigner(next.raw)) break;
        const split = trailingSigner(next.raw);
        scan.signerPieces.push(...split.pieces);
        if (split.item !== '') addCopy(split.item);
        prev = split.item;
        i++;
      }
      last = 'other';
      continue;
    }

    if (!signerDone && !BULLET.test(line.raw) && !NUMBERED.test(line.raw) && opensSigner(line.raw)) {
      i = readSigner(i);
      last = 'other';
      continue;
    }
    if (!signerDone && scan.signerPieces.length > 0) {
      // the name under a signer block that a "Nơi nhận" list interrupted
      const pieces = signerPieces(line.raw, true);
      if (pieces?.every((p) => p.kind === 'name' || p.kind === 'placeholder')) {
        scan.signerPieces.push(...pieces);
        signerDone = pieces.some((p) => p.kind === 'name');
        i++;
        continue;
      }
    }

    // content paragraphs
    const prev = scan.paras[scan.paras.length - 1];
    if (last === 'para' && prev && !hasMarker(line.raw) && !isAllCaps(prev.raw) && !isAllCaps(line.raw)) {
      const lower = startsLower(line.raw);
      const soft = !line.gap && blankSeparated && !TERMINAL.test(prev.raw);
      if (lower || soft) {
        scan.paras[scan.paras.length - 1] = para(`${prev.raw} ${line.raw}`, prev.at);
        i++;
        continue;
      }
    }
    scan.paras.push(para(line.raw, i));
    last = 'para';
    i++;
  }
  return scan;
};

// ---------------------------------------------------------------------------------------------------------------
// Legal bases

const DOC_REF = tol(
  '(cong van|cong dien|quyet dinh|nghi dinh|nghi quyet|chi thi|thong tu lien tich|thong tu|thong bao|ke hoach|huong dan|van ban|phap lenh|luat)(?![a-z_])',
  'g',
);
const LAW = tol('^(?:luat|phap lenh)$');
const REF_NUMBER = /^\s*(?:số|Số|s[ố?\ufffd])?\s*(\d+(?:\s*\/\s*[0-9A-Za-z\p{L}&.?\ufffd-]+)+)/u;

const refsOf = (text: string, basis: number): LegalBasisRef[] => {
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
    const after = /^\s+của\s+(.+?)(?=\s+(?:về|quy định|hướng dẫn|ban hành|sửa đổi)\s|[;,.]\s|[;,.]?$)/u.exec(
      text.slice(end, limit),
    );
    if (after?.[1] && after[1].length <= 120) ref.issuer = after[1].trim();
    refs.push(ref);
  });
  return refs;
};

// ---------------------------------------------------------------------------------------------------------------
// Content: body, tasks, contacts, closing

type Node = { code: string; level: number; head: Para; content: Para[]; children: Node[] };

/** An item of an unnumbered layout; `group` are the recipients it (or the paragraph before) names. */
type Item = { code: string; head: string; content: string[]; group?: string[]; unmatched?: string[] };

const isContactHeading = (p: Para) => CONTACT_HEADING.test(p.key);

/**
 * The item asks for something back: a report ("báo cáo …", also "khi xảy ra … báo cáo": a duty once it applies),
 * or something provided or sent to an agency ("cung cấp … về Sở", "gửi … về Văn phòng"). "Số liệu báo cáo",
 * "chế độ báo cáo", "Báo cáo số 12/BC-…" and "(báo cáo)" are not demands.
 */
const reportRequired = (key: string): boolean => {
  if (SENDS_BACK.test(key)) return true;
  for (const m of key.matchAll(REPORT_WORD)) {
    const before = key.slice(0, m.index);
    if (NOT_A_DEMAND.test(before)) continue;
    if (/^b[a_]o c[a_]o s[o_]\s+\d/.test(key.slice(m.index))) continue;
    return true;
  }
  return false;
};

/** A paragraph after the items that asks every unit for something by a date or a report ("Đề nghị các đơn vị …"). */
const generalDemand = (p: Para): boolean => {
  const key = p.key;
  const deadlines = deadlinesIn(key, p.raw, undefined);
  if (deadlines.found.length > 0 || deadlines.problems.length > 0) return true;
  if (workingDaysIn(key) !== undefined) return true;
  for (const m of key.matchAll(REPORT_DEMAND)) {
    const before = key.slice(0, m.index);
    const sentence = before.slice(Math.max(before.lastIndexOf('. '), before.lastIndexOf('; ')) + 1);
    if (!CONDITIONAL.test(sentence)) return true;
  }
  return false;
};

type HeadNames = {
  ids: string[];
  unmatched: string[];
  /** The head names its units (even if none is among the recipients): it decides the assignees. */
  named: boolean;
};

/** The text before a colon, or a short heading, read as a list of units; else the units a sentence starts with. */
const assigneesOfHead = (head: string, index: RecipientIndex): HeadNames => {
  const colon = head.indexOf(':');
  const lead = colon > 0 && colon <= 200 ? head.slice(0, colon) : head.length <= 200 ? trimEndPunct(head) : '';
  if (lead !== '') {
    const named = index.named(lead);
    if (named.pure) return { ids: named.ids, unmatched: named.unmatched, named: true };
  }
  const ids = index.leading(head);
  return { ids, unmatched: [], named: ids.length > 0 };
};

const ARTICLE_DATE = tol(
  '^(?:(?:sang|chieu|toi|trua|dem)\\s+)?(?:ngay\\s+)?(\\d{1,2})\\s*[-/.]\\s*(\\d{1,2})(?:\\s*[-/.]\\s*(\\d{4}))?\\s*,\\s*',
);
const ARTICLE_VERB = tol(
  '\\s(?:(?:da|vua|moi)\\s+)?(?:co|ban hanh|ky ban hanh|phat hanh|gui)\\s+(?:cong van|cong dien|van ban|ke hoach|chi thi|thong bao|quyet dinh)',
);
const ARTICLE_TO = tol('\\s+gui\\s+');
const ARTICLE_ABOUT = tol('\\s+ve\\s+viec\\s+');
const TET = tol('tet(?: nguyen dan)?[^.]{0,40}?(?:nam\\s+)?(\\d{4})|xuan\\s+[a-z_ ]{0,20}(\\d{4})');
const PROVINCE = /\s+(tỉnh|thành phố|huyện)\s+(.+)$/u;

type Article = {
  number?: string;
  issuer?: string;
  issuerParent?: string;
  place?: string;
  issuedOn?: string;
  subject?: string;
  addressees: string[];
};

const readArticleLead = (p: Para, fullKey: string, acc: Acc): Article => {
  const out: Article = { addressees: [] };
  const numberMatch = ARTICLE_LEAD.exec(p.key);
  if (numberMatch?.[1]) {
    const idx = numberMatch.index + numberMatch[0].length - numberMatch[1].length;
    out.number = p.raw
      .slice(idx, idx + numberMatch[1].length)
      .replace(/\s*\/\s*/g, '/')
      .replace(/[.]+$/, '');
  }
  const dateMatch = ARTICLE_DATE.exec(p.key);
  const from = dateMatch ? dateMatch[0].length : 0;
  const verb = ARTICLE_VERB.exec(p.key.slice(from));
  if (verb) {
    let issuer = p.raw.slice(from, from + verb.index).trim();
    issuer = issuer.replace(/\s*\([^()]*\)/g, '').trim();
    const province = PROVINCE.exec(issuer);
    if (province?.[2] && province.index > 0) {
      const name = issuer.slice(0, province.index).trim();
      const unit = province[1] as string;
      const place = province[2].trim();
      if (/^(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân)$/u.test(name)) out.issuer = issuer;
      else {
        out.issuer = capitalizeFirst(name);
        out.issuerParent = `UBND ${unit} ${place}`;
        warn(acc, 'issuerParent', MESSAGES.issuerParentInferred, issuer);
      }
      out.place = place;
      warn(acc, 'place', MESSAGES.placeInferred, issuer);
    } else if (issuer !== '') out.issuer = capitalizeFirst(issuer);
  }
  if (dateMatch) {
    const day = Number(dateMatch[1]);
    const month = Number(dateMatch[2]);
    const written = p.raw.slice(0, dateMatch[0].length).replace(/[,\s]+$/, '');
    if (dateMatch[3]) {
      const date = ymd(Number(dateMatch[3]), month, day);
      if (date) out.issuedOn = date;
      else warn(acc, 'issuedOn', MESSAGES.issuedOnInvalid, written);
    } else {
      const years = [...fullKey.matchAll(/(?<!\d)(?:19|20)\d{2}(?!\d)/g)].map((m) => Number(m[0]));
      if (years.length > 0) {
        const max = Math.max(...years);
        const tet = TET.exec(fullKey);
        const tetYear = tet ? Number(tet[1] ?? tet[2]) : undefined;
        const before = tetYear === max && month >= 9;
        const year = before ? max - 1 : max;
        const date = ymd(year, month, day);
        const reason = before
          ? `công văn về Tết năm ${max} nên ban hành cuối năm ${max - 1}`
          : `năm ${max} được nhắc trong bài`;
        if (date) {
          out.issuedOn = date;
          warn(acc, 'issuedOn', MESSAGES.issuedOnYear(written, year, reason), written);
        } else warn(acc, 'issuedOn', MESSAGES.issuedOnInvalid, written);
      } else warn(acc, 'issuedOn', MESSAGES.issuedOn, written);
    }
  }
  const to = numberMatch ? ARTICLE_TO.exec(p.key.slice(numberMatch.index)) : null;
  const about = ARTICLE_ABOUT.exec(p.key);
  if (to && numberMatch) {
    const toStart = numberMatch.index + to.index + to[0].length;
    const toEnd = about && about.index > toStart ? about.index : p.raw.length;
    out.addressees = splitItems(p.raw.slice(toStart, toEnd)).map((s) => capitalizeFirst(s));
    if (out.addressees.length) warn(acc, 'addressees', MESSAGES.addresseesFromArticle, p.raw.slice(toStart, toEnd));
  }
  if (about) {
    const subject = p.raw
      .slice(about.index + about[0].length)
      .replace(/[.\s]+$/, '')
      .trim();
    if (subject) {
      out.subject = `V/v ${subject}`;
      warn(acc, 'subject', MESSAGES.subjectFromArticle);
    }
  }
  return out;
};

const BYLINE = /^\p{Lu}[\p{L}.]*(?:\s+\p{Lu}[\p{L}.]*){0,4}$/u;

// ---------------------------------------------------------------------------------------------------------------

/** The draft with its keys in the order of the create body, for readable fixtures and responses. */
const ordered = (d: DraftDirective): DraftDirective => {
  const { number, issuer, issuerParent, place, issuedOn, subject, signer } = d;
  return {
    ...(number === undefined ? {} : { number }),
    ...(issuer === undefined ? {} : { issuer }),
    ...(issuerParent === undefined ? {} : { issuerParent }),
    ...(place === undefined ? {} : { place }),
    ...(issuedOn === undefined ? {} : { issuedOn }),
    ...(subject === undefined ? {} : { subject }),
    addressees: d.addressees,
    legalBases: d.legalBases,
    body: d.body,
    ...(signer === undefined ? {} : { signer }),
    leadership: d.leadership,
    recipients: d.recipients,
    copies: d.copies,
    tasks: d.tasks.map((t) => ({
      code: t.code,
      text: t.text,
      assignees: t.assignees,
      ...(t.deadline === undefined ? {} : { deadline: t.deadline }),
      ...(t.deadlineWorkingDays === undefined ? {} : { deadlineWorkingDays: t.deadlineWorkingDays }),
      ...(t.recurrence === undefined ? {} : { recurrence: t.recurrence }),
      reportRequired: t.reportRequired,
    })),
  };
};

export const parseDirective = (text: string): ParseResult => {
  const prep = prepare(text);
  const acc: Acc = {
    warnings: [],
    unparsed: [],
    meta: { source: 'document', brokenDiacritics: prep.broken, closing: [] },
  };
  const draft: DraftDirective = {
    addressees: [],
    legalBases: [],
    body: '',
    leadership: [],
    recipients: [],
    copies: [],
    tasks: [],
  };
  if (prep.lines.length === 0) {
    acc.meta.source = 'empty';
    warn(acc, 'text', MESSAGES.empty);
    return {
      draft,
      warnings: acc.warnings,
      unparsed: [],
      legalBasisRefs: [],
      contacts: [],
      phones: [],
      meta: acc.meta,
    };
  }
  if (prep.broken) warn(acc, 'text', MESSAGES.broken);

  const phones: PhoneNumber[] = [];
  for (const line of prep.lines)
    for (const p of phonesIn(line.raw)) if (!phones.some((q) => q.number === p.number)) phones.push(p);

  // Header
  const { header, end } = readHeader(prep.lines, acc);
  const scan = scanBody(prep.lines, end, prep.blankSeparated);
  const fullKey = prep.lines.map((l) => l.key).join('\n');

  // A news article reporting a directive: no "Số:" line, no "Kính gửi", a sentence "… công văn số …".
  let paras = scan.paras;
  let article: Article | undefined;
  if (header.number === undefined && scan.addressees.length === 0) {
    const lead = paras.findIndex((p) => ARTICLE_LEAD.test(p.key));
    if (lead >= 0 && lead <= 2) {
      acc.meta.source = 'article';
      warn(acc, 'text', MESSAGES.article);
      const leadPara = paras[lead] as Para;
      article = readArticleLead(leadPara, fullKey, acc);
      const headline = header.extras.shift() ?? (lead > 0 ? { text: (paras[0] as Para).raw, at: 0 } : undefined);
      if (headline) acc.meta.headline = headline.text;
      paras = paras.slice(lead + 1);
      const lastPara = paras[paras.length - 1];
      if (lastPara && BYLINE.test(lastPara.raw) && lastPara.raw.length <= 40 && lastPara.marker.kind === 'none') {
        acc.meta.byline = lastPara.raw;
        paras = paras.slice(0, -1);
      }
    }
  }
  for (const extra of header.extras) acc.unparsed.push(extra);

  // Header fields
  const { issuer, issuerParent } = issuerOf(header.orgLines);
  const number = header.number ?? article?.number;
  if (number) draft.number = number;
  else if (header.numberBlank) warn(acc, 'number', MESSAGES.numberBlank, header.numberBlank);
  else warn(acc, 'number', MESSAGES.number);
  const issuerValue = issuer ?? article?.issuer;
  if (issuerValue) draft.issuer = issuerValue;
  else warn(acc, 'issuer', MESSAGES.issuer);
  const parentValue = issuerParent ?? article?.issuerParent;
  if (parentValue) draft.issuerParent = parentValue;
  const placeValue = header.place ?? article?.place;
  if (placeValue) draft.place = placeValue;
  const issuedOn = header.issuedOn ?? article?.issuedOn;
  if (issuedOn) draft.issuedOn = issuedOn;
  else if (header.dateProblem) warn(acc, 'issuedOn', header.dateProblem.message, header.dateProblem.passage);
  else if (!acc.warnings.some((w) => w.field === 'issuedOn')) warn(acc, 'issuedOn', MESSAGES.issuedOn);
  const subject = header.subject ?? article?.subject;
  if (subject) draft.subject = subject;
  else warn(acc, 'subject', MESSAGES.subject);

  // Addressees and recipients
  draft.addressees = scan.addressees.length ? scan.addressees : (article?.addressees ?? []);
  const ids = uniqueIds(draft.addressees);
  draft.recipients = draft.addressees.map((name, k): DraftRecipient => ({ id: ids[k] as string, name, email: '' }));
  if (draft.recipients.length === 0) warn(acc, 'recipients', MESSAGES.recipients);
  draft.recipients.forEach((r, k) => {
    warn(acc, `recipients.${k}.email`, MESSAGES.recipientEmail, r.name);
  });
  const index = new RecipientIndex(draft.recipients);
  const everyone = draft.recipients.map((r) => r.id);

  // Legal bases
  draft.legalBases = scan.legalBases;
  const legalBasisRefs = scan.legalBases.flatMap((b, k) => refsOf(b, k));

  // Content
  const contacts: Contact[] = [];
  const bodyParts: Para[] = [];
  const items: Item[] = [];
  const numbered = paras.some((p) => p.marker.kind === 'num' || p.marker.kind === 'roman');
  let phase: 'intro' | 'items' | 'after' = 'intro';
  let contactMode = false;
  const roots: Node[] = [];
  const stack: Node[] = [];
  const tails: Para[] = [];
  let announced = false;
  let unnumberedGroup: string[] | undefined;
  let currentItem: Item | undefined;
  let romanPrefix = '';

  const closeItems = () => {
    if (phase === 'items') phase = 'after';
  };

  // the issuer's own sentences ("Sở Công Thương sẽ phối hợp …", "Sở TT&TT cũng yêu cầu …") close the items
  const issuerKey = issuerValue ? nameKey(issuerValue) : '';
  const byIssuer = (p: Para) => issuerKey !== '' && `${nameKey(p.raw)} `.startsWith(`${issuerKey} `);
  const isTail = (p: Para) =>
    p.marker.kind !== 'num' &&
    p.marker.kind !== 'roman' &&
    !/:$/.test(p.raw) &&
    (TAIL.test(p.key) || CLOSING_MARK.test(p.raw) || byIssuer(p));

  paras.forEach((p) => {
    // contact lines
    if (p.marker.kind !== 'num' && isContactHeading(p)) {
      contactMode = true;
      closeItems();
      if (phase === 'intro' && (numbered || announced)) phase = 'after';
      return;
    }
    const contact = p.marker.kind === 'num' ? undefined : contactIn(p.raw);
    if (contact && (contactMode || CONTACT_SENTENCE.test(p.key) || p.raw.length <= 200)) {
      contacts.push(contact);
      closeItems();
      return;
    }
    if (p.marker.kind !== 'num' && CONTACT_SENTENCE.test(p.key) && p.raw.length <= 300) {
      // "Trường hợp khẩn cấp, liên hệ Văn phòng …, điện thoại: 0236.3822.123." names no person
      const phone = phonesIn(p.raw)[0];
      if (phone) {
        contacts.push({ phone: phone.number, text: stripBullet(p.raw) });
        closeItems();
        return;
      }
    }
    contactMode = false;
    if (ATTACHMENT.test(p.key) && /\)[.;]?$/.test(p.raw)) {
      acc.unparsed.push({ at: p.at, text: p.raw });
      return;
    }
    const intro = phase === 'intro' && !numbered && !announced;
    if ((phase === 'items' && isTail(p)) || (intro && (TAIL.test(p.key) || CLOSING_MARK.test(p.raw)))) {
      tails.push(p);
      closeItems();
      if (phase === 'intro') phase = 'after';
      return;
    }
    if (phase === 'after') {
      if (isTail(p)) tails.push(p);
      else acc.unparsed.push({ at: p.at, text: p.raw });
      return;
    }
    if (numbered) {
      if (p.marker.kind === 'roman') {
        phase = 'items';
        romanPrefix = `${p.marker.code}.`;
        const node: Node = { code: p.marker.code, level: 0, head: p, content: [], children: [] };
        roots.push(node);
        stack.length = 0;
        stack.push(node);
        return;
      }
      if (p.marker.kind === 'num') {
        phase = 'items';
        const node: Node = {
          code: romanPrefix + p.marker.code,
          level: p.marker.level,
          head: p,
          content: [],
          children: [],
        };
        while (stack.length && (stack[stack.length - 1] as Node).level >= node.level) stack.pop();
        const parent = stack[stack.length - 1];
        if (parent) parent.children.push(node);
        else roots.push(node);
        stack.push(node);
        return;
      }
      const current = stack[stack.length - 1];
      if (phase === 'items' && current) current.content.push(p);
      else bodyParts.push(p);
      return;
    }
    // unnumbered layouts
    if (!announced && phase === 'intro') {
      bodyParts.push(p);
      if (/:$/.test(p.raw) && ANNOUNCE.test(p.key)) {
        announced = true;
        phase = 'items';
      }
      return;
    }
    // "a)" or "-" under an item that ends with ":" (and the "b)" after an "a)") belong to that item
    const opened = currentItem && /:$/.test(currentItem.content[currentItem.content.length - 1] ?? currentItem.head);
    const sub = p.marker.kind === 'letter' || p.marker.kind === 'bullet';
    if (currentItem && sub && (opened || (p.marker.kind === 'letter' && currentItem.content.length > 0))) {
      currentItem.content.push(p.raw);
      return;
    }
    const names = assigneesOfHead(p.body, index);
    if (names.named) unnumberedGroup = names.ids;
    currentItem = {
      code: String(items.length + 1),
      head: p.body,
      content: [],
      group: names.named ? names.ids : unnumberedGroup,
      ...(names.unmatched.length ? { unmatched: names.unmatched } : {}),
    };
    items.push(currentItem);
  });

  // Tasks: from the numbered tree, then from the items of an unnumbered layout
  type Pending = DraftTask & { unmatched?: string[] };
  const tasks: Pending[] = [];
  const taskOf = (node: Node, group: string[] | undefined, unmatchedFromGroup: string[]): Pending => {
    const own = assigneesOfHead(node.head.body, index);
    const text = [node.head.body, ...node.content.map((c) => c.raw)].filter((s) => s !== '').join('\n');
    const unmatched = [...unmatchedFromGroup, ...own.unmatched];
    return {
      code: node.code,
      text,
      assignees: own.named ? own.ids : (group ?? everyone),
      reportRequired: false,
      ...(unmatched.length ? { unmatched } : {}),
    };
  };
  /** A section with numbered sub-items is a heading: the units it names are its sub-items' assignees. */
  const emit = (node: Node, group: string[] | undefined, unmatched: string[]) => {
    if (node.children.length === 0) {
      if (node.level > 0 || node.content.length > 0) tasks.push(taskOf(node, group, unmatched));
      return;
    }
    if (node.content.length > 0) tasks.push(taskOf(node, group, unmatched));
    const heading = node.level === 0 ? undefined : assigneesOfHead(node.head.body, index);
    for (const child of node.children)
      emit(child, heading?.named ? heading.ids : group, heading?.named ? heading.unmatched : unmatched);
  };
  for (const root of roots) emit(root, undefined, []);
  for (const item of items)
    tasks.push({
      code: item.code,
      text: [item.head, ...item.content].join('\n'),
      assignees: item.group ?? everyone,
      reportRequired: false,
      ...(item.unmatched ? { unmatched: item.unmatched } : {}),
    });

  // Tails: a general demand ("báo cáo kết quả … trước ngày …") is a task; the rest is closing. A letter without
  // items is one request: its request paragraphs are its tasks (and stay in its body).
  const singleRequest = !numbered && !announced;
  const requestTask = (p: Para) => {
    const top = tasks.reduce((max, t) => Math.max(max, Number.parseInt(t.code, 10) || 0), 0);
    const verb = REQUEST_VERB.exec(p.key);
    const own = verb ? index.leading(p.raw.slice(verb.index + verb[0].length)) : [];
    tasks.push({ code: String(top + 1), text: p.raw, assignees: own.length ? own : everyone, reportRequired: false });
  };
  for (const tail of tails) {
    if (generalDemand(tail)) {
      requestTask(tail);
      if (singleRequest) bodyParts.push(tail);
    } else acc.meta.closing.push(tail.raw);
  }
  if (singleRequest && tasks.length === 0) {
    for (const p of bodyParts) if (REQUEST_VERB.test(p.key)) requestTask(p);
    if (tasks.length === 0)
      for (const tail of tails)
        if (REQUEST_VERB.test(tail.key)) {
          requestTask(tail);
          bodyParts.push(tail);
          acc.meta.closing = acc.meta.closing.filter((c) => c !== tail.raw);
        }
  }

  // Task details
  tasks.forEach((t, k) => {
    const key = fold(t.text);
    const { found, problems } = deadlinesIn(key, t.text, issuedOn);
    for (const pr of problems)
      warn(
        acc,
        `tasks.${k}.deadline`,
        pr.reason === 'invalid' ? MESSAGES.deadlineInvalid(pr.phrase) : MESSAGES.deadlineNoYear(pr.phrase),
        pr.phrase,
      );
    if (found.length > 0) {
      const sorted = [...found].sort((a, b) => a.instant.localeCompare(b.instant));
      const first = sorted[0] as (typeof sorted)[number];
      t.deadline = first.instant;
      if (new Set(found.map((f) => f.instant)).size > 1)
        warn(acc, `tasks.${k}.deadline`, MESSAGES.severalDeadlines(found.map((f) => f.phrase)));
      if (first.yearInferred)
        warn(acc, `tasks.${k}.deadline`, MESSAGES.deadlineYear(first.phrase, first.yearInferred), first.phrase);
    }
    const days = workingDaysIn(key);
    if (days !== undefined) {
      t.deadlineWorkingDays = days;
      warn(acc, `tasks.${k}.deadline`, MESSAGES.workingDays(days));
    }
    const recurrence = recurrenceIn(key, issuedOn);
    if (recurrence) {
      t.recurrence = recurrence;
      if (recurrence.every === 'P1M' || recurrence.every === 'P3M')
        warn(acc, `tasks.${k}.recurrence`, MESSAGES.recurrenceUnsupported);
      else {
        if (!t.deadline) {
          const first = firstPeriodOf(recurrence, key, issuedOn);
          if (first) {
            t.deadline = first.instant;
            warn(acc, `tasks.${k}.deadline`, MESSAGES.firstPeriod(first.date));
          } else warn(acc, `tasks.${k}.deadline`, MESSAGES.firstPeriodMissing);
        }
        if (!recurrence.until) warn(acc, `tasks.${k}.recurrence`, MESSAGES.recurrenceUntil);
      }
    }
    if (t.deadline && t.deadlineWorkingDays) warn(acc, `tasks.${k}.deadlineWorkingDays`, MESSAGES.bothDeadlines);
    t.reportRequired = reportRequired(key) || recurrence !== undefined;
    if (t.deadline && !t.reportRequired) warn(acc, `tasks.${k}.reportRequired`, MESSAGES.deadlineWithoutReport);
    if (t.unmatched?.length)
      warn(
        acc,
        `tasks.${k}.assignees`,
        t.assignees.length ? MESSAGES.unknownAssignees(t.unmatched) : MESSAGES.unknownOnlyAssignees(t.unmatched),
      );
    else if (t.assignees.length === 0) warn(acc, `tasks.${k}.assignees`, MESSAGES.noAssignees);
  });
  const seenCodes = new Set<string>();
  tasks.forEach((t, k) => {
    if (seenCodes.has(t.code)) warn(acc, `tasks.${k}.code`, MESSAGES.duplicateCode(t.code));
    seenCodes.add(t.code);
  });
  draft.tasks = tasks;
  if (tasks.length === 0) warn(acc, 'tasks', MESSAGES.tasks);
  else if (!tasks.some((t) => t.deadline || t.deadlineWorkingDays || t.recurrence))
    warn(acc, 'tasks', MESSAGES.noDeadline);

  draft.body = bodyParts.map((p) => p.raw).join('\n');

  // Copies and signer
  draft.copies = scan.copies;
  if (!scan.copiesSeen) warn(acc, 'copies', MESSAGES.copies);
  const signer = signerFrom(scan.signerPieces);
  if (signer.name || signer.title) {
    const full: DraftSigner = { name: signer.name ?? '', title: signer.title ?? '' };
    if (signer.onBehalfOf) full.onBehalfOf = signer.onBehalfOf;
    draft.signer = full;
    if (!signer.name) warn(acc, 'signer.name', MESSAGES.signerName);
    if (!signer.title) warn(acc, 'signer.title', MESSAGES.signerTitle);
  } else warn(acc, 'signer', MESSAGES.signer);

  // Leadership: leaders among the contacts, or the signer
  const signerKey = draft.signer?.name ? fold(draft.signer.name) : undefined;
  const leaders: DraftLeader[] = contacts
    .filter((c) => c.name && isLeaderTitle(c.title))
    .map((c) => {
      const role =
        fold(c.name as string) === signerKey
          ? 'SIGNER'
          : HEAD_TITLE.test(fold(c.title as string))
            ? 'DIRECTOR'
            : undefined;
      return {
        name: c.name as string,
        title: c.title as string,
        email: c.email ?? '',
        ...(c.phone ? { phone: c.phone } : {}),
        ...(role ? { role } : {}),
      };
    });
  if (leaders.length === 0 && draft.signer?.name && draft.signer.title) {
    leaders.push({ name: draft.signer.name, title: draft.signer.title, email: '', role: 'SIGNER' });
    warn(acc, 'leadership.0', MESSAGES.leadershipFromSigner);
  }
  draft.leadership = leaders;
  if (leaders.length === 0) warn(acc, 'leadership', MESSAGES.leadership);
  leaders.forEach((l, k) => {
    if (l.email === '') warn(acc, `leadership.${k}.email`, MESSAGES.leaderEmail, l.name);
  });

  const unparsed = acc.unparsed.sort((a, b) => a.at - b.at).map((u) => u.text);
  return {
    draft: ordered(draft), // also drops the working field `unmatched` of the tasks
    warnings: sortWarnings(acc.warnings),
    unparsed,
    legalBasisRefs,
    contacts,
    phones,
    meta: acc.meta,
  };
};
