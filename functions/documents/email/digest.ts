import { formatCalendarDate } from '#core/calendar/time.ts';
import type { Leader } from '#core/directive.ts';
import { AUTOMATED, addressedTo, masthead } from './blocks.ts';
import type { EmailContent } from './content.ts';
import { build } from './render.tsx';
import { comrade, deadlineVi } from './wording.ts';

export type DigestLine = {
  number: string;
  recipientName: string;
  recipientEmail: string;
  /** "Xác nhận đã nhận" or "Báo cáo nhiệm vụ 1.3". */
  what: string;
  deadline: string;
  daysLate: number;
};

const COUNT_LABELS = [
  ['inProgressOnTime', 'Đang thực hiện, trong hạn'],
  ['inProgressOverdue', 'Đang thực hiện, quá hạn'],
  ['completedOnTime', 'Hoàn thành đúng hạn'],
  ['completedLate', 'Hoàn thành quá hạn'],
] as const;

/** The morning summary for one leader of one issuing office: the four counts, and who is late on what. */
export function digestEmail({
  issuer,
  issuerParent,
  date,
  leader,
  counts,
  overdue,
}: {
  issuer: string;
  /** The body above the issuer in the letterhead, with its province ("UBND tỉnh Gia Lai"), when known. */
  issuerParent?: string | undefined;
  /** The local date of the digest, YYYY-MM-DD. */
  date: string;
  leader: Leader;
  counts: Record<string, number>;
  overdue: DigestLine[];
}): EmailContent {
  const day = formatCalendarDate(date);
  const agencies = new Set(overdue.map((o) => o.recipientName)).size;
  return build({
    subject: `Tổng hợp ngày ${day}: ${overdue.length} việc quá hạn của ${agencies} đơn vị — ${issuer}`,
    blocks: [
      masthead({ issuer, issuerParent }),
      { kind: 'heading', text: `Tình hình thực hiện công văn chỉ đạo, ngày ${day}` },
      addressedTo(comrade(leader)),
      {
        kind: 'facts',
        rows: COUNT_LABELS.map(([key, label]) => ({ label, value: [{ strong: String(counts[key] ?? 0) }] })),
      },
      { kind: 'heading', text: 'Việc quá hạn' },
      {
        kind: 'list',
        items: overdue.map((o) => [
          { strong: o.recipientName },
          ` — ${o.what}, công văn ${o.number}: hạn ${deadlineVi(o.deadline)}, quá ${o.daysLate} ngày. Liên hệ: `,
          { href: `mailto:${o.recipientEmail}`, label: o.recipientEmail },
        ]),
      },
      AUTOMATED,
    ],
    english: `Daily summary for ${issuer} on ${day}: ${overdue.length} overdue item(s) at ${agencies} agencies.`,
  });
}
