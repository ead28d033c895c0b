import { foldWords, isAllCaps, tolerantEquals } from './text.ts';

/**
 * The casing rule for ALL-CAPS header lines, signer titles and names (see README.md):
 *
 * - Only case changes, never letters: a broken letter stays broken.
 * - Acronyms stay as written (UBND, HĐND, TT&TT, THPT, any token with `&` or a digit, or without a vowel).
 * - An agency name follows the Vietnamese rule for names of agencies: the type word is capitalised ("Sở", "Ủy ban
 *   nhân dân", "Bộ Chỉ huy Quân sự"), then the first word of each field ("Thông tin và Truyền thông", "Lao động -
 *   Thương binh và Xã hội"); the administrative unit is lowercase ("tỉnh", "huyện", "thành phố") and the place name
 *   after it is title-cased ("Gia Lai", "Krông Pa").
 * - A title capitalises its known pattern ("Phó Giám đốc", "Chánh Văn phòng", "Phó Chủ tịch"), then any agency
 *   name after it as above ("Giám đốc Sở", "Trưởng phòng Nghiệp vụ Y").
 * - A name is title-cased word by word ("LÊ THỊ THU HƯƠNG" → "Lê Thị Thu Hương").
 * - Text that is not ALL-CAPS is kept as written.
 */

type Pattern = { words: string[]; caps: boolean[] };

const pattern = (canonical: string): Pattern => {
  const tokens = canonical.split(' ');
  return {
    words: tokens.map((t) => foldWords(t)),
    caps: tokens.map((t) => /^\p{Lu}/u.test(t)),
  };
};

/** Agency type words; a field (capitalised first word) may follow them. Longest first. */
const TYPES = [
  'Bộ Chỉ huy Bộ đội Biên phòng',
  'Bộ Chỉ huy Quân sự',
  'Ban Chỉ huy Quân sự',
  'Ủy ban nhân dân',
  'Uỷ ban nhân dân',
  'Hội đồng nhân dân',
  'Kho bạc Nhà nước',
  'Bảo hiểm xã hội',
  'Liên đoàn Lao động',
  'Ban Chỉ đạo',
  'Ban Quản lý',
  'Văn phòng',
  'Trung tâm',
  'Chi cục',
  'Tổng cục',
  'Bệnh viện',
  'Công an',
  'Công ty',
  'Chi nhánh',
  'Thanh tra',
  'Tỉnh ủy',
  'Huyện ủy',
  'Thành ủy',
  'Ủy ban',
  'Cục',
  'Sở',
  'Phòng',
  'Ban',
  'Bộ',
  'Trường',
  'Đài',
  'Báo',
  'Viện',
  'Hội',
  'Đoàn',
].map(pattern);

/** Fields whose official spelling differs from the rule. */
const FIELDS = ['Công Thương'].map(pattern);

/** Titles of the person who signs or is named in a contact line. Longest first. */
const TITLES = [
  'Phó Chánh Văn phòng',
  'Chánh Văn phòng',
  'Phó Tổng Giám đốc',
  'Tổng Giám đốc',
  'Phó Giám đốc',
  'Giám đốc',
  'Phó Chủ tịch',
  'Chủ tịch',
  'Phó Trưởng phòng',
  'Trưởng phòng',
  'Phó Trưởng ban',
  'Trưởng ban',
  'Phó Chánh Thanh tra',
  'Chánh Thanh tra',
  'Phó Chi cục trưởng',
  'Chi cục trưởng',
  'Phó Cục trưởng',
  'Cục trưởng',
  'Phó Hiệu trưởng',
  'Hiệu trưởng',
  'Phó Bí thư',
  'Bí thư',
  'Thủ trưởng',
].map(pattern);

/** Administrative units, compared with their diacritics ("quận" is not "quân", "xã hội" is not a commune). */
const ADMIN = ['tỉnh', 'huyện', 'thành phố', 'thị xã', 'quận', 'xã', 'phường', 'thị trấn'].map((a) => a.split(' '));

const ACRONYMS = new Set(['ubnd', 'ubmttq', 'hdnd', 'tp', 'tx', 'vp', 'ttyt', 'cdc', 'vnpt', 'ca', 'cp', 'sxkd']);

const lower = (t: string) => t.toLowerCase();
const title = (t: string) => {
  const l = t.toLowerCase();
  // a broken first letter ("?Y BAN") stands for the capital itself
  if (/^[?\ufffd]/.test(l)) return l;
  const i = l.search(/\p{L}/u);
  return i < 0 ? l : l.slice(0, i) + l.charAt(i).toUpperCase() + l.slice(i + 1);
};

const isAcronym = (token: string): boolean => {
  const k = foldWords(token);
  if (k === '') return false;
  if (ACRONYMS.has(k) || /[&0-9]/.test(k)) return true;
  return k.length >= 2 && !/[aeiouy_]/.test(k);
};

const matchAt = (keys: string[], at: number, words: string[]): boolean =>
  words.every((w, j) => {
    const k = keys[at + j];
    return k !== undefined && tolerantEquals(k, w);
  });

const firstMatch = (keys: string[], at: number, patterns: Pattern[]): Pattern | undefined =>
  patterns.find((p) => matchAt(keys, at, p.words));

const sameWord = (token: string, word: string): boolean => {
  const t = foldWords(token) === '' ? token : token.replace(/[,.;:]+$/, '');
  if (/[?\ufffd]/.test(t)) return tolerantEquals(foldWords(t), foldWords(word));
  return t.toLowerCase() === word;
};

const adminAt = (tokens: string[], at: number): string[] | undefined => {
  const found = ADMIN.find((a) =>
    a.every((w, j) => tokens[at + j] !== undefined && sameWord(tokens[at + j] as string, w)),
  );
  if (found?.length === 1 && found[0] === 'xã' && foldWords(tokens[at + 1] ?? '') === 'hoi') return undefined;
  return found;
};

/** Applies a pattern's capitals to the tokens as written. */
const applyPattern = (tokens: string[], at: number, p: Pattern): string[] =>
  p.words.map((_, j) => {
    const t = tokens[at + j] as string;
    return isAcronym(t) && !p.caps[j] ? lower(t) : p.caps[j] ? title(t) : lower(t);
  });

const caseTokens = (tokens: string[]): string[] => {
  const keys = tokens.map((t) => foldWords(t));
  const out: string[] = [];
  let capNext = true;
  let placeName = false;
  let i = 0;
  while (i < tokens.length) {
    const t = tokens[i] as string;
    const k = keys[i] as string;
    if (placeName) {
      out.push(isAcronym(t) ? t : title(t));
      i++;
      continue;
    }
    const type = firstMatch(keys, i, TYPES);
    const admin = adminAt(tokens, i);
    if (admin && !(type && type.words.length > admin.length) && (i > 0 || tokens.length > admin.length)) {
      admin.forEach((_, j) => {
        const word = tokens[i + j] as string;
        out.push(i === 0 && j === 0 ? title(word) : lower(word));
      });
      i += admin.length;
      placeName = true;
      continue;
    }
    if (type && (i === 0 || capNext || type.words.length > 1)) {
      out.push(...applyPattern(tokens, i, type));
      i += type.words.length;
      capNext = true;
      continue;
    }
    const field = capNext ? firstMatch(keys, i, FIELDS) : undefined;
    if (field) {
      out.push(...applyPattern(tokens, i, field));
      i += field.words.length;
      capNext = false;
      continue;
    }
    if (isAcronym(t)) {
      out.push(t);
      capNext = true;
    } else if (k === '' || tolerantEquals(k, 'va')) {
      out.push(lower(t));
      capNext = true;
    } else {
      const single = k.length === 1 && /\p{Lu}/u.test(t);
      out.push(single ? t : capNext ? title(t) : lower(t));
      capNext = /[,&-]$/.test(t);
    }
    i++;
  }
  return out;
};

/** "UBND TỈNH GIA LAI" → "UBND tỉnh Gia Lai"; "SỞ THÔNG TIN VÀ TRUYỀN THÔNG" → "Sở Thông tin và Truyền thông". */
export const agencyName = (raw: string): string => {
  const s = raw.trim();
  if (!isAllCaps(s)) return s;
  return caseTokens(s.split(' ')).join(' ');
};

/** "PHÓ GIÁM ĐỐC" → "Phó Giám đốc"; "TRƯỞNG PHÒNG NGHIỆP VỤ Y" → "Trưởng phòng Nghiệp vụ Y". */
export const officialTitle = (raw: string): string => {
  const s = raw.trim();
  if (!isAllCaps(s)) return s;
  const tokens = s.split(' ');
  const keys = tokens.map((t) => foldWords(t));
  const known = firstMatch(keys, 0, TITLES);
  if (!known) return caseTokens(tokens).join(' ');
  const head = applyPattern(tokens, 0, known);
  const rest = tokens.slice(known.words.length);
  return [...head, ...(rest.length ? caseTokens(rest) : [])].join(' ');
};

/** Whether the text starts with a known title ("Phó Giám đốc Sở", "CHỦ TỊCH"). */
export const startsWithTitle = (text: string): boolean => {
  const keys = text.split(' ').map((t) => foldWords(t));
  return firstMatch(keys, 0, TITLES) !== undefined;
};

/** "LÊ THỊ THU HƯƠNG" → "Lê Thị Thu Hương"; mixed case is kept. */
export const personName = (raw: string): string => {
  const s = raw.trim();
  if (!isAllCaps(s)) return s;
  return s
    .split(' ')
    .map((t) => title(t))
    .join(' ');
};
