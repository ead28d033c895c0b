import type { Assignment } from '#core/assignment/model.ts';
import type { Directive } from '#core/directive.ts';
import { letterheadLines, letterheadOf } from '#core/letterhead.ts';
import type { EmailAttachment } from './content.ts';

/**
 * The emails: the invitation, reminders and extension decisions go to a recipient agency and carry its personal
 * link; the escalation and the digest go to leadership and never do. Each is described once as a list of blocks,
 * and the text and HTML parts are both rendered from that list (render.tsx), so they always say the same thing.
 * HTML is rendered by preact, which escapes every value.
 *
 * This file holds the block vocabulary and the blocks several emails share.
 */

export type Inline = string | { strong: string } | { href: string; label: string };

export type Block =
  | { kind: 'masthead'; lines: string[] }
  | { kind: 'heading'; text: string }
  | { kind: 'p'; content: Inline[] }
  | { kind: 'list'; items: Inline[][] }
  | { kind: 'facts'; rows: { label: string; value: Inline[] }[] }
  | { kind: 'action'; label: string; href: string; hints: string[] }
  | { kind: 'signature'; lines: string[] }
  | { kind: 'note'; content: Inline[] };

/**
 * An email in Vietnamese, with its English version beside it, never inside it: the Vietnamese text and HTML parts
 * carry no English paragraph (an agency's clerk files the email as it is), and the English reader gets a second
 * MIME part of its own (render.tsx) and, where the email leads to a page, a link to that page in English.
 */
export type Email = {
  subject: string;
  blocks: Block[];
  /** The English version, in a part of its own. */
  english: string;
  /** The page the email leads to: the Vietnamese parts link to it in English (`?lang=en`), so does the English part. */
  page?: string;
  attachments?: EmailAttachment[];
};

/**
 * The letterhead: the parent body (cơ quan chủ quản, with its province) above the issuing body, in capitals, as the
 * letter itself prints them ("UBND TỈNH GIA LAI" / "SỞ THÔNG TIN VÀ TRUYỀN THÔNG").
 */
export const masthead = (issuer: { issuer: string; issuerParent?: string | undefined }): Block => ({
  kind: 'masthead',
  lines: letterheadLines(letterheadOf(issuer)),
});

/** "Kính gửi: …": whom the email is addressed to. */
export const addressedTo = (...to: Inline[]): Block => ({ kind: 'p', content: ['Kính gửi: ', ...to] });

export const PERSONAL_LINK = (a: Assignment): Block => ({
  kind: 'note',
  content: [
    `Liên kết trên dành riêng cho ${a.recipientName}: ai có liên kết đều có thể xác nhận và báo cáo thay đơn vị, `,
    'vì vậy vui lòng không chuyển tiếp thư này.',
  ],
});

export const AUTOMATED: Block = {
  kind: 'note',
  content: ['Thư được gửi tự động từ hệ thống theo dõi công văn chỉ đạo; vui lòng không trả lời thư này.'],
};

export const OPENING_CHANGES_NOTHING =
  'Mở trang không làm thay đổi gì: hệ thống chỉ ghi nhận khi đơn vị bấm nút trên trang.';

export const when = (condition: boolean, ...blocks: Block[]): Block[] => (condition ? blocks : []);

/** The signature block as the letter prints it: the authority and the title in capitals, then the name. */
export const signature = (d: Directive): Block => ({
  kind: 'signature',
  lines: [
    ...[d.signer.onBehalfOf, d.signer.title]
      .filter((l): l is string => Boolean(l))
      .map((l) => l.toLocaleUpperCase('vi')),
    d.signer.name,
  ],
});
