import { fold, tol, trimEndPunct } from './text.ts';

/**
 * Who a sentence asks to act, when no "Kính gửi" says it: "Chủ tịch UBND tỉnh yêu cầu giám đốc các sở, ban, ngành
 * và chủ tịch UBND các huyện … khẩn trương rà soát …", "Giao Giám đốc: Sở A, Sở B, Đài C phối hợp …", "Giám đốc các
 * Sở: Y tế, Tài chính; Chủ tịch UBND … chịu trách nhiệm thi hành Quyết định này". The units run from the verb to
 * the first action word; they are split at ";" and before a new unit ("…, UBND các huyện", "… và chủ tịch …"),
 * never inside a category list ("các sở, ban, ngành"); "các Sở: A, B" names one Sở per item.
 */

const UNIT =
  '(?:cac|toan the|quy|thu truong|chu tich|pho chu tich|giam doc|hieu truong|nguoi dung dau|lanh dao|ubnd|uy ban|hdnd|ubmttq|so|ban|phong|cuc|chi cuc|bo|trung tam|cong an|bo chi huy|van phong|chanh van phong|doanh nghiep|tong cong ty|cong ty|tap doan|dai|benh vien|mat tran|kho bac|ngan hang|don vi|dia phuong|thanh vien|nha mang|hoi)';
const UNIT_START = tol(`^${UNIT}(?![a-z_])`);
const TITLE = tol(
  '^(?:thu truong|chu tich|pho chu tich|giam doc|hieu truong|nguoi dung dau|lanh dao|chanh van phong)\\s+',
);
// "giao" as in "Giao Sở …", not "Giáo dục", "giao thông", "giao dịch"
const REQUEST = tol(
  '(?<![a-z_])(?:yeu cau|de nghi|giao(?!\\s+(?:duc|thong|dich|luu|vien|nhan|ban|hang|khoan|ket|tiep|thoa|quyen|dat)))\\s+(?!cua\\s|nay\\s|tai\\s|\\d)',
);
const EXECUTION = tol('\\s(?:chiu trach nhiem thi hanh|can cu quyet dinh thi hanh|thi hanh quyet dinh)');
const ACTION = tol(
  '\\s(?:khan truong|trien khai|thuc hien|tiep tuc|nghiem tuc|bao cao|tam ngung|ngung|tang cuong|ra soat|to chuc|chu dong|kiem tra|cap nhat|xu ly|(?<!ban )chi dao|phoi hop|quyet liet|theo doi|bo tri|thong ke|hoan thanh|dam bao|bao dam|cho hoc sinh|chiu trach nhiem|can cu|quan tam|tap trung|nghien cuu|xay dung|huong dan|tuyen truyen|khan cap|nam bat|rut kinh nghiem)(?![a-z_])|\\s*[“":.(]',
);
const ORG_IN = tol('(?:ubnd|uy ban nhan dan|so|cuc|bo|van phong|ban|tong cuc)\\s');

/** "các Sở: Giao thông vận tải, Y tế" → the type word "Sở", "Giao thông vận tải, Y tế". */
const ENUMERATION =
  /^(?:(?:Giám đốc|Thủ trưởng|Lãnh đạo)\s+)?(?:các\s+)?(Sở|Phòng|Ban|Bộ|Cục|Chi cục|Trung tâm)\s*:\s*/iu;

export type Requested = {
  units: string[];
  /** The body that asks, as the sentence names it ("UBND tỉnh", "Sở TT&TT Hà Nội"). */
  requester?: string;
};

/** Whether a segment opens a unit of its own: a unit word and more ("Sở Y tế"; "các cơ quan …", not "các cấp"). */
const opensUnit = (segment: string): boolean => {
  const key = fold(segment).trim();
  const unit = UNIT_START.exec(key);
  if (!unit) return false;
  const more = key
    .slice(unit[0].length)
    .split(/[^a-z0-9_&]+/)
    .filter(Boolean).length;
  return more >= (unit[0] === 'cac' ? 2 : 1);
};

/** Splits a run of units at ";" and before each new unit, keeping category lists ("các sở, ban, ngành") whole. */
export const splitUnits = (run: string): string[] => {
  const out: string[] = [];
  for (const part of run.split(/\s*;\s*/)) {
    let current = '';
    for (const piece of part.split(/(,\s+|\s+và\s+)/u)) {
      if (/^(?:,\s+|\s+và\s+)$/u.test(piece)) {
        current += piece;
        continue;
      }
      const nextComma = piece.split(',')[0] ?? piece;
      const startsUnit = opensUnit(nextComma);
      const joiner = current.match(/(,\s+|\s+và\s+)$/u)?.[0];
      if (joiner && startsUnit) {
        out.push(current.slice(0, -joiner.length));
        current = piece;
      } else current += piece;
    }
    if (current.trim() !== '') out.push(current);
  }
  return out.map((u) => trimEndPunct(u.trim())).filter((u) => u !== '');
};

/** "Giám đốc các Sở: Y tế, Tài chính" → "Sở Y tế", "Sở Tài chính"; "Giám đốc: Sở A, Sở B" → "Sở A", "Sở B". */
export const expandEnumeration = (unit: string): string[] => {
  const m = ENUMERATION.exec(unit);
  if (m) {
    const type = (m[1] as string).charAt(0).toUpperCase() + (m[1] as string).slice(1).toLowerCase();
    const items = unit
      .slice(m[0].length)
      .split(/\s*,\s*/)
      .reduce<string[]>((acc, item) => {
        const prev = acc[acc.length - 1];
        // "Văn hóa, Thể thao và Du lịch" is one field
        if (prev !== undefined && /^văn hóa$/iu.test(prev) && /^thể thao/iu.test(item))
          acc[acc.length - 1] = `${prev}, ${item}`;
        else acc.push(item);
        return acc;
      }, []);
    return items.filter((i) => i !== '').map((i) => (UNIT_START.test(fold(i)) ? i : `${type} ${i}`));
  }
  const colon = /^(?:Giám đốc|Thủ trưởng|Lãnh đạo|Chủ tịch)\s*:\s*/iu.exec(unit);
  return colon ? splitUnits(unit.slice(colon[0].length)) : [unit];
};

export const unitsOf = (run: string): string[] => {
  const units = splitUnits(run).flatMap(expandEnumeration);
  return units.every((u) => UNIT_START.test(fold(u)) || TITLE.test(fold(u))) ? units : [];
};

/** The body named before the verb ("Lãnh đạo Sở TT&TT Hà Nội cũng", "Chủ tịch UBND tỉnh"), without titles and names. */
const requesterOf = (before: string): string | undefined => {
  const clause = before.split(/[.;]\s+|,\s+(?=\p{Lu})/u).pop() ?? '';
  const at = ORG_IN.exec(fold(clause));
  if (!at) return undefined;
  const org = clause
    .slice(at.index)
    .replace(/\s+(?:đã|vừa|cũng|mới|có|ký|ban hành)(?:\s.*)?$/u, '')
    .replace(/(\p{Ll})\s+(?:\p{Lu}\p{Ll}*\s*){2,4}$/u, '$1')
    .replace(/\s*\([^()]*\)/gu, '')
    .trim();
  return org === '' ? undefined : org;
};

export const requestedIn = (raw: string): Requested | undefined => {
  const key = fold(raw);
  const verb = REQUEST.exec(key);
  // "Trước đó, … Phó Thủ tướng đã yêu cầu …": what was asked before, background to the letter
  if (
    verb &&
    (/(?:^|[.;]\s*)(?:truoc do|truoc day|thoi gian qua)(?![a-z_])/.test(key) ||
      /\sda\s+$/.test(key.slice(0, verb.index)))
  )
    return undefined;
  if (verb) {
    const from = verb.index + verb[0].length;
    // "các Sở: A, B, C …": the colon opens the list instead of ending it
    const colon = /^[^:.;]{0,40}:\s*/u.exec(raw.slice(from));
    const listFrom = colon ? from + colon[0].length : from;
    const end = ACTION.exec(key.slice(listFrom));
    const run = raw.slice(from, end ? listFrom + end.index : Math.min(raw.length, from + 250));
    const units = unitsOf(run.trim());
    if (units.length === 0) return undefined;
    const requester = requesterOf(raw.slice(0, verb.index));
    return requester ? { units, requester } : { units };
  }
  const execution = EXECUTION.exec(key);
  if (!execution) return leadUnits(raw, key);
  const run = raw.slice(0, execution.index).replace(/^Điều\s+\d+\.?\s*/u, '');
  const units = unitsOf(run);
  return units.length ? { units } : undefined;
};

/**
 * "Ban Chỉ huy …, Thủ trưởng các sở …, Chủ tịch UBND … tập trung thực hiện một số công việc sau:": the units that
 * open a paragraph announcing what they must do.
 */
const leadUnits = (raw: string, key: string): Requested | undefined => {
  if (!/:\s*$/.test(raw) || !UNIT_START.test(key)) return undefined;
  const end = ACTION.exec(key);
  if (!end || end.index === 0) return undefined;
  const units = unitsOf(raw.slice(0, end.index));
  return units.length ? { units } : undefined;
};

/** The units every request in the paragraphs names, once each, in order. */
export const requestedUnitsIn = (raws: string[]): { units: string[]; requester?: string } => {
  const units: string[] = [];
  const seen = new Set<string>();
  let requester: string | undefined;
  for (const raw of raws) {
    const r = requestedIn(raw);
    if (!r) continue;
    requester ??= r.requester;
    for (const u of r.units) {
      const k = fold(u);
      if (seen.has(k)) continue;
      // "các doanh nghiệp" and, later, "các doanh nghiệp trên địa bàn" are one group: the longer name stays
      const shorter = units.findIndex((x) => k.startsWith(`${fold(x)} `));
      if (shorter >= 0) units[shorter] = u;
      else if (!units.some((x) => fold(x).startsWith(`${k} `))) units.push(u);
      seen.add(k);
    }
  }
  return requester ? { units, requester } : { units };
};
