import type { NoticeChannel, NoticeKind } from '#core/assignment/model.ts';
import type { NoticeSubject } from '#core/assignment/notices.ts';
import { ddmmyyyy } from '#core/calendar/hanoi-time.ts';
import { formatted } from '#core/calendar/time.ts';
import { withoutDiacritics } from '#core/text.ts';

/**
 * The words of the short notices on a phone (SMS, Zalo): what they say is only enough to make somebody open the
 * email or the page; the email stays the record. Vietnamese only: an agency's phone is in Vietnam.
 *
 * An SMS is written without diacritics: Vietnamese letters are not in the GSM 7-bit alphabet, and one of them makes
 * the whole message UCS-2, where a segment holds 70 characters instead of 160 (and carriers in Vietnam bill per
 * segment). The text is fitted to one segment by cutting the free parts (the task, the agency's name).
 */

/**
 * Zalo ZNS templates are approved by Zalo beforehand, each with its parameters; the ids Zalo gave them are
 * configuration (ZALO_TEMPLATE_IDS), one per kind.
 */
export type ZaloTemplateIds = Record<NoticeKind, string>;

/** One SMS segment in GSM 7-bit. */
export const SMS_SEGMENT = 160;

/** Kept here for the notices' callers; the one copy lives in core. */
export { withoutDiacritics };

/** The GSM 03.38 basic set; the extension set's characters take two septets each. */
const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM_EXTENDED = '^{}\\[~]|€';
const TYPOGRAPHY: Record<string, string> = {
  '–': '-',
  '—': '-',
  '‘': "'",
  '’': "'",
  '“': '"',
  '”': '"',
  '…': '...',
  '\u00a0': ' ',
  '\t': ' ',
};

/** The text in the GSM 7-bit alphabet: no diacritics, typography made plain, anything else dropped. */
export const toGsm7 = (text: string) =>
  [...withoutDiacritics(text)]
    .map((c) => TYPOGRAPHY[c] ?? c)
    .join('')
    .split('')
    .filter((c) => GSM_BASIC.includes(c) || GSM_EXTENDED.includes(c))
    .join('')
    .replace(/ {2,}/g, ' ')
    .trim();

/** Septets: what a segment's 160 count. */
export const gsm7Length = (text: string) => [...text].reduce((n, c) => n + (GSM_EXTENDED.includes(c) ? 2 : 1), 0);

/** What a notice says, beyond its subject. */
export type NoticeFacts = {
  number: string;
  agency: string;
  /** The task's text, when the notice is about a report. */
  taskText?: string | undefined;
  /** `https://…/l/{code}`. */
  link: string;
};

const dateOf = (iso: string | undefined) => (iso ? formatted(iso, ddmmyyyy) : '');

/** The free part cut to `max` characters, with an ellipsis. */
const cut = (text: string, max: number) =>
  text.length <= max ? text : max <= 3 ? '' : `${text.slice(0, max - 3).trimEnd()}...`;

/** The words of each kind, in Vietnamese with its diacritics; `task` and `agency` are the parts that may be cut. */
const sentence = (subject: NoticeSubject, facts: NoticeFacts, task: string, agency: string) => {
  const due = subject.deadline ? `, hạn ${dateOf(subject.deadline)}` : '';
  switch (subject.kind) {
    case 'invitation':
      return `Công văn ${facts.number}: ${task}${due}. Xem và xác nhận: ${facts.link}`;
    case 'reminder':
      return `Nhắc hạn công văn ${facts.number}: ${task}${due}. ${facts.link}`;
    case 'escalation':
      return `Quá hạn công văn ${facts.number}: ${agency} chưa ${task}${due}. ${facts.link}`;
  }
};

const taskWords = (subject: NoticeSubject, facts: NoticeFacts) =>
  subject.taskCode
    ? `${subject.kind === 'escalation' ? 'báo cáo ' : ''}nhiệm vụ ${subject.taskCode}${facts.taskText ? ` (${facts.taskText.replace(/\s+/g, ' ').trim()})` : ''}`
    : subject.kind === 'invitation'
      ? 'đề nghị xác nhận đã nhận'
      : 'xác nhận đã nhận';

/**
 * The notice's text for a channel: for SMS in GSM 7-bit within one segment (the task, then the agency's name, cut
 * as much as it takes; the number, the deadline and the link are never cut); for Zalo with its diacritics, as the
 * record of what the template's parameters say.
 */
export const noticeText = (channel: NoticeChannel, subject: NoticeSubject, facts: NoticeFacts) => {
  const task = taskWords(subject, facts);
  if (channel === 'zalo') return sentence(subject, facts, task, facts.agency);
  const sms = (t: string, a: string) => toGsm7(sentence(subject, facts, t, a));
  let [t, a] = [task, facts.agency];
  for (let round = 0; round < 400 && gsm7Length(sms(t, a)) > SMS_SEGMENT; round++) {
    const over = gsm7Length(sms(t, a)) - SMS_SEGMENT;
    if (t.length > 12) t = cut(t, Math.max(12, t.length - over));
    else if (a.length > 12) a = cut(a, Math.max(12, a.length - over));
    else break;
  }
  return sms(t, a);
};

/** The ZNS template of a kind and its parameters (names as the approved templates declare them). */
export const zaloTemplate = (subject: NoticeSubject, facts: NoticeFacts, ids: ZaloTemplateIds) => ({
  id: ids[subject.kind],
  data: {
    so_cong_van: facts.number,
    don_vi: cut(facts.agency, 100),
    nhiem_vu: cut(taskWords(subject, facts), 100),
    han: dateOf(subject.deadline),
    lien_ket: facts.link,
  },
});
