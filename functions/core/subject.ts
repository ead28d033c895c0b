/**
 * A directive's subject (trích yếu) as letters write it. The subject is stored as the official typed it, with or
 * without "V/v" ("V/v báo cáo…", "Báo cáo…", "Về việc báo cáo…"), so that nothing typed is lost and a directive
 * stored before this module reads the same; every place that shows it renders it through here instead:
 * "V/v {matter}" on the subject line of a letter, email or list, and "về việc {matter}" inside a sentence
 * ("…của Sở Thông tin và Truyền thông về việc báo cáo tình hình…"). In both the matter starts in lower case,
 * as Decree 30/2020 writes it, unless it starts with a proper noun or an acronym ("UBND", "COVID-19",
 * "Sở Y tế", "Tết Nguyên đán").
 */

/** "V/v", "v/v", "V/V", "V.v", "Về việc", "về việc", with the punctuation people type after them. */
const LEAD = /^\s*(?:v\s*[/.]\s*v\.?|về\s+việc)(?=[\s:.,\-–—]|$)[\s:.,\-–—]*/iu;

/**
 * Words that start a proper name even when the next word is in lower case: the bodies and the feast a subject may
 * open with. Compared with the start of the matter, so "Ủy ban nhân dân tỉnh…" keeps its capital.
 */
const PROPER_STARTS = [
  'Ủy ban',
  'Uỷ ban',
  'Chính phủ',
  'Quốc hội',
  'Thủ tướng',
  'Chủ tịch',
  'Đảng',
  'Nhà nước',
  'Nhân dân',
  'Mặt trận',
  'Hội đồng nhân dân',
  'Tỉnh ủy',
  'Tỉnh uỷ',
  'Thành ủy',
  'Thành uỷ',
  'Huyện ủy',
  'Huyện uỷ',
  'Tết',
  'Việt Nam',
];

const isUpper = (ch: string) => ch !== ch.toLocaleLowerCase('vi') && ch === ch.toLocaleUpperCase('vi');
const startsUpper = (word: string | undefined) => Boolean(word?.[0] && isUpper(word[0]));

/**
 * Whether the first word keeps its capital: an acronym or a code (a second capital or a digit: "UBND",
 * "COVID-19", "Covid-19", "TP.HCM"), a name of two capitalised words ("Sở Y tế", "Bộ Chỉ huy", "Gia Lai"), or one
 * of the proper starts above.
 */
const keepsCapital = (matter: string) => {
  const [first, second] = matter.split(' ');
  if (!first || !startsUpper(first)) return true;
  if ([...first.slice(1)].some(isUpper) || /\d/.test(first)) return true;
  if (startsUpper(second)) return true;
  return PROPER_STARTS.some((p) => matter === p || (matter.startsWith(p) && /[\s,;:.]/u.test(matter.charAt(p.length))));
};

/** The matter of a subject: without "V/v"/"Về việc", whitespace collapsed, no closing punctuation, its first letter as a sentence wants it. */
export const subjectMatter = (subject: string) => {
  let rest = subject.normalize('NFC').replace(/\s+/gu, ' ').trim();
  // "V/v Về việc …" happens when a form adds one and the official typed the other: strip both.
  for (let i = 0; i < 2 && LEAD.test(rest); i++) rest = rest.replace(LEAD, '');
  rest = rest.replace(/[\s.;:,]+$/u, '');
  if (keepsCapital(rest)) return rest;
  return `${rest.charAt(0).toLocaleLowerCase('vi')}${rest.slice(1)}`;
};

/** "V/v báo cáo tình hình…": the subject line of a letter and what lists show. */
export const subjectLine = (subject: string) => {
  const matter = subjectMatter(subject);
  return matter ? `V/v ${matter}` : '';
};

/** "về việc báo cáo tình hình…": the subject inside a sentence; empty when there is no matter. */
export const aboutSubject = (subject: string) => {
  const matter = subjectMatter(subject);
  return matter ? `về việc ${matter}` : '';
};
