import type { Assignment } from '#core/assignment/model.ts';
import type { Directive } from '#core/directive.ts';
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
  | { kind: 'masthead'; text: string }
  | { kind: 'heading'; text: string }
  | { kind: 'p'; content: Inline[] }
  | { kind: 'list'; items: Inline[][] }
  | { kind: 'facts'; rows: { label: string; value: Inline[] }[] }
  | { kind: 'action'; label: string; href: string; hints: string[] }
  | { kind: 'signature'; lines: string[] }
  | { kind: 'note'; content: Inline[] };

export type Email = { subject: string; blocks: Block[]; english: string; attachments?: EmailAttachment[] };

/** The issuing office's name above everything else: the letterhead. */
export const masthead = (issuer: string): Block => ({ kind: 'masthead', text: issuer });

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

export const signature = (d: Directive): Block => ({
  kind: 'signature',
  lines: [d.signer.onBehalfOf, d.signer.title, d.signer.name].filter((l): l is string => Boolean(l)),
});
