import { officialTitle, personName, startsWithTitle } from './casing.ts';
import type { Para } from './paragraphs.ts';
import { fold, stripBullet, tol } from './text.ts';
import type { Contact, PhoneNumber } from './types.ts';

/** Phone numbers, emails and contact lines ("- Giám đốc Sở: 0913.421.376 (Đ/c Nguyễn Ngọc Hùng);"). */

const PHONE = /(?<![\d/])(?:\+\s?84[\s.-]?|\(?0)\d{1,4}\)?(?:[\s.-]?\d){6,10}(?![\d/])/g;
/** The lookbehind keeps the scan linear on long runs of letters without an "@". */
const EMAIL = /(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g;

const normalisePhone = (raw: string): string | undefined => {
  let digits = raw.replace(/\D/g, '');
  if (raw.trim().startsWith('+')) digits = `0${digits.slice(2)}`;
  else if (digits.startsWith('84') && digits.length === 11) digits = `0${digits.slice(2)}`;
  return /^0\d{9,10}$/.test(digits) ? digits : undefined;
};

export const phonesIn = (raw: string): PhoneNumber[] => {
  const out: PhoneNumber[] = [];
  for (const m of raw.matchAll(PHONE)) {
    const number = normalisePhone(m[0]);
    if (number) out.push({ number, raw: m[0].trim() });
  }
  return out;
};

export const emailsIn = (raw: string): string[] =>
  [...(raw.includes('@') ? raw.matchAll(EMAIL) : [])].map((m) => m[0].replace(/\.+$/, '').toLowerCase());

const NAME_WORD = "[\\p{Lu}?\\ufffd][\\p{L}?\\ufffd'’]*";
const PERSON = new RegExp(
  `(?<!\\p{L})(?:[Đđ?\\ufffd]/[cC]|[Đđ?\\ufffd][ồo?\\ufffd]ng ch[íi?\\ufffd]|[Ôô?\\ufffd]ng|ÔNG|[Bb][à?\\ufffd]|BÀ)\\.?\\s+(${NAME_WORD}(?:\\s+${NAME_WORD}){1,5})`,
  'u',
);
const ROLE = tol('^(?:chuyen vien|can bo|ke toan|van thu|thu ky|nhan vien|giao vien)(?![a-z_])');
const LEADER_TITLE = tol(
  'giam doc|chu tich|chanh van phong|truong phong|truong ban|chanh thanh tra|hieu truong|cuc truong|thu truong|bi thu',
);

/** A line is a contact when it gives a phone or an email together with a person or a title. */
export const contactIn = (rawLine: string): Contact | undefined => {
  const raw = stripBullet(rawLine).trim();
  const phones = phonesIn(raw);
  const emails = emailsIn(raw);
  if (phones.length === 0 && emails.length === 0) return undefined;
  const person = PERSON.exec(raw);
  const name = person?.[1] ? personName(person[1].trim()) : undefined;
  let title: string | undefined;
  const beforeColon = raw.split(':')[0]?.trim() ?? '';
  if (beforeColon !== raw && startsWithTitle(beforeColon)) title = beforeColon;
  if (!title && person) {
    // "Đ/c Nguyễn Văn A, Phó Giám đốc Sở, điện thoại: …" or "… - Trưởng phòng Nghiệp vụ Y"
    const after = raw.slice((person.index ?? 0) + person[0].length).replace(/^[\s,–-]+/, '');
    const candidate = after.split(/[,;:(]|\s[-–]\s|\s(?:điện thoại|ĐT|SĐT|email|Email|số)\b/u)[0]?.trim() ?? '';
    if (candidate && (startsWithTitle(candidate) || ROLE.test(fold(candidate)))) title = candidate;
  }
  if (!name && !title) return undefined;
  return {
    ...(name ? { name } : {}),
    ...(title ? { title: officialTitle(title.replace(/[\s.;,]+$/, '')) } : {}),
    ...(phones[0] ? { phone: phones[0].number } : {}),
    ...(emails[0] ? { email: emails[0] } : {}),
    text: raw,
  };
};

export const isLeaderTitle = (title: string | undefined): boolean =>
  title !== undefined && LEADER_TITLE.test(fold(title));

/** A heading that announces contact lines ("… qua các số máy:", "Đầu mối liên hệ:"). */
const CONTACT_HEADING = tol('(?:so may|so dien thoai|dien thoai|lien he|dau moi)[^.]{0,80}:$');
/** A sentence that points to a contact ("Mọi chi tiết xin liên hệ …", "Đầu mối: …"). */
const CONTACT_SENTENCE = tol('lien he|dau moi|dien thoai|so may|email|\\bdt\\s*:');

/** A paragraph that announces contact lines; a numbered one is an item, whatever it says. */
export const opensContacts = (p: Para): boolean => p.marker.kind !== 'num' && CONTACT_HEADING.test(p.key);

/**
 * A paragraph as a contact: a contact line that is short, follows a contact heading or points to a contact; or a
 * sentence that points to one and gives a phone without naming anyone ("Trường hợp khẩn cấp, liên hệ Văn phòng …,
 * điện thoại: 0236.3822.123.").
 */
export const contactParagraph = (p: Para, afterHeading: boolean): Contact | undefined => {
  if (p.marker.kind === 'num') return undefined;
  const contact = contactIn(p.raw);
  if (contact && (afterHeading || CONTACT_SENTENCE.test(p.key) || p.raw.length <= 200)) return contact;
  if (!CONTACT_SENTENCE.test(p.key) || p.raw.length > 300) return undefined;
  const phone = phonesIn(p.raw)[0];
  return phone ? { phone: phone.number, text: stripBullet(p.raw) } : undefined;
};
