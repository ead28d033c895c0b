import { formatCalendarDate, formatDate } from '#core/calendar/time.ts';
import { subjectLine } from '#core/subject.ts';
import { AUTOMATED, addressedTo } from './blocks.ts';
import type { EmailContent } from './content.ts';
import { build } from './render.tsx';

/** The name the inbox emails go out under: they speak for no single office, since they list every office's work. */
const SYSTEM = 'Hệ thống theo dõi công văn chỉ đạo';

const INBOX_LINK_NOTE =
  'Đường dẫn dành riêng cho địa chỉ email này, có hiệu lực 30 ngày: ai có đường dẫn đều xem được danh sách và mở trang của từng công văn, vì vậy vui lòng không chuyển tiếp thư này.';

/** The answer to "send me my inbox": the signed link to every assignment of this address. */
export function inboxLinkEmail({ email, link }: { email: string; link: string }): EmailContent {
  return build({
    subject: 'Đường dẫn tới danh sách công văn cần xử lý của đơn vị',
    blocks: [
      { kind: 'masthead', lines: [SYSTEM.toLocaleUpperCase('vi')] },
      addressedTo({ strong: email }),
      {
        kind: 'p',
        content: [
          'Đơn vị (hoặc ai đó) vừa yêu cầu đường dẫn tới danh sách các công văn chỉ đạo gửi tới địa chỉ này, từ mọi cơ quan ban hành.',
        ],
      },
      {
        kind: 'action',
        label: 'Xem danh sách công văn',
        href: link,
        hints: ['Danh sách gồm các công văn đang cần xử lý (hạn gần nhất trước) và các công văn đã xong.'],
      },
      { kind: 'note', content: [INBOX_LINK_NOTE] },
      { kind: 'note', content: ['Nếu không phải đơn vị yêu cầu, có thể bỏ qua thư này.'] },
      AUTOMATED,
    ],
    english: `The link to every directive addressed to ${email}, from every issuing office, valid for 30 days, is below.`,
    page: link,
  });
}

/** One open assignment as the weekly email lists it. */
export type WeeklyLine = {
  number: string;
  subject: string;
  issuer: string;
  /** The nearest deadline still open, and what is owed by it: the acknowledgement, or a task's report. */
  deadline: string | undefined;
  owed: { acknowledgement: true } | { taskCode: string } | undefined;
  overdue: boolean;
};

const owedWords = (owed: WeeklyLine['owed']) =>
  owed === undefined ? '' : 'taskCode' in owed ? `báo cáo nhiệm vụ ${owed.taskCode}, ` : 'xác nhận đã nhận, ';

/** Monday's email (or the week's first working day's): what this address still owes, nearest deadline first. */
export function weeklyInboxEmail({
  email,
  date,
  lines,
  link,
}: {
  email: string;
  /** The local date it is sent on, YYYY-MM-DD. */
  date: string;
  lines: WeeklyLine[];
  link: string;
}): EmailContent {
  const day = formatCalendarDate(date);
  const overdue = lines.filter((l) => l.overdue).length;
  return build({
    subject: `Công văn cần xử lý tuần này (${day}): ${lines.length} công văn${overdue ? `, ${overdue} quá hạn` : ''}`,
    blocks: [
      { kind: 'masthead', lines: [SYSTEM.toLocaleUpperCase('vi')] },
      addressedTo({ strong: email }),
      { kind: 'p', content: [`Các công văn chỉ đạo đơn vị đang cần xử lý, tính đến ngày ${day}, hạn gần nhất trước:`] },
      {
        kind: 'list',
        items: lines.map((l) => [
          { strong: l.number },
          ` (${l.issuer}) — ${subjectLine(l.subject)}: `,
          l.deadline
            ? `${owedWords(l.owed)}hạn ${formatDate(l.deadline)}${l.overdue ? ' (đã quá hạn)' : ''}`
            : 'không có hạn',
        ]),
      },
      {
        kind: 'action',
        label: 'Mở danh sách công văn',
        href: link,
        hints: ['Từ danh sách, mở trang của từng công văn để xác nhận và báo cáo.'],
      },
      { kind: 'note', content: [INBOX_LINK_NOTE] },
      AUTOMATED,
    ],
    english: `${lines.length} directive(s) still open for ${email} this week (${day})${overdue ? `, ${overdue} overdue` : ''}; the list is linked below.`,
    page: link,
  });
}
