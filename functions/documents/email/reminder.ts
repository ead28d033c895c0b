import type { Checkpoint } from '#core/assignment/checkpoints.ts';
import type { Assignment } from '#core/assignment/model.ts';
import type { Directive } from '#core/directive.ts';
import {
  AUTOMATED,
  addressedTo,
  type Block,
  type Inline,
  masthead,
  OPENING_CHANGES_NOTHING,
  PERSONAL_LINK,
} from './blocks.ts';
import type { EmailContent } from './content.ts';
import { build } from './render.tsx';
import { deadlineEn, deadlineVi, directiveRef, durationVi, obligationOf } from './wording.ts';

export type RemindCheckpoint = Extract<Checkpoint, { kind: 'REMIND' }>;

/** A reminder before a deadline, to the agency that still owes the acknowledgement or a report. */
export function reminderEmail({
  directive,
  assignment,
  link,
  checkpoint,
}: {
  directive: Directive;
  assignment: Assignment;
  link: string;
  checkpoint: RemindCheckpoint;
}): EmailContent {
  const about = obligationOf(directive, assignment, checkpoint.obligation);
  const due = about.deadline ? ` (hạn ${deadlineVi(about.deadline)})` : '';
  const left = durationVi(checkpoint.before);
  const deadlineRow = about.deadline
    ? [{ label: 'Hạn', value: [{ strong: deadlineVi(about.deadline) }, left ? ` (còn khoảng ${left})` : ''] }]
    : [];
  const common = (intro: Inline[]): Block[] => [
    masthead(directive),
    addressedTo({ strong: assignment.recipientName }),
    { kind: 'p', content: intro },
  ];
  const tail: Block[] = [
    { kind: 'note', content: ['Nếu đơn vị đã thực hiện, xin cảm ơn và vui lòng bỏ qua thư này.'] },
    PERSONAL_LINK(assignment),
    AUTOMATED,
  ];

  if (about.ack) {
    return build({
      subject: `Nhắc hạn: xác nhận đã nhận công văn ${directive.number}${due}`,
      blocks: [
        ...common([`${directive.issuer} đề nghị đơn vị xác nhận đã nhận `, ...directiveRef(directive, false), '.']),
        { kind: 'facts', rows: [{ label: 'Việc cần làm', value: ['Xác nhận đã nhận công văn'] }, ...deadlineRow] },
        {
          kind: 'action',
          label: 'Mở công văn và xác nhận đã nhận',
          href: link,
          hints: [OPENING_CHANGES_NOTHING],
        },
        ...tail,
      ],
      english:
        `Reminder: please acknowledge receipt of directive ${directive.number}` +
        `${about.deadline ? ` by ${deadlineEn(about.deadline)}` : ''}, on the page below.`,
      page: link,
    });
  }

  return build({
    subject: `Nhắc hạn: báo cáo nhiệm vụ ${about.code} — ${directive.number}${due}`,
    blocks: [
      ...common([
        `${directive.issuer} đề nghị đơn vị gửi báo cáo nhiệm vụ `,
        { strong: about.code },
        ' theo ',
        ...directiveRef(directive, false),
        '.',
      ]),
      {
        kind: 'facts',
        rows: [
          { label: 'Nhiệm vụ', value: [about.task ? `${about.code}. ${about.task.text}` : about.code] },
          ...deadlineRow,
        ],
      },
      {
        kind: 'action',
        label: 'Mở công văn và gửi báo cáo',
        href: link,
        hints: ['Nếu cần thêm thời gian, đơn vị có thể xin gia hạn ngay trên trang này.', OPENING_CHANGES_NOTHING],
      },
      ...tail,
    ],
    english:
      `Reminder: the report on task ${about.code} of directive ${directive.number} is due` +
      `${about.deadline ? ` at ${deadlineEn(about.deadline)}` : ''}; file it, or ask for an extension, on the page below.`,
    page: link,
  });
}
