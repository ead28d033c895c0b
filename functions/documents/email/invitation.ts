import { ACK, type Assignment } from '#core/assignment/model.ts';
import { byInstant } from '#core/calendar/time.ts';
import { type Directive, tasksOf } from '#core/directive.ts';
import { subjectLine } from '#core/subject.ts';
import {
  AUTOMATED,
  addressedTo,
  type Block,
  type Inline,
  masthead,
  OPENING_CHANGES_NOTHING,
  PERSONAL_LINK,
  signature,
  when,
} from './blocks.ts';
import { deadlinesCalendar } from './calendar.ts';
import type { EmailAttachment, EmailContent } from './content.ts';
import { build } from './render.tsx';
import { deadlineEn, deadlineVi, directiveRef, issuedOn, slugOf, taskLine } from './wording.ts';

/** A file of the directive as an email names it: attached when `content` is given, otherwise by its link. */
export type EmailedFile = { name: string; contentType: string; href: string; content?: Buffer };
export type InvitationFiles = { original?: EmailedFile; annexes: EmailedFile[] };

/** The original and annexes: which is attached, and where to download each. */
const filesBlocks = (files: InvitationFiles): Block[] => {
  const { original, annexes } = files;
  const lines: Inline[][] = [
    ...(original
      ? [
          [
            'Bản gốc công văn: ',
            { href: original.href, label: original.name },
            original.content ? ' (đính kèm thư này)' : ' (tải về theo liên kết)',
          ],
        ]
      : []),
    ...annexes.map((a, i): Inline[] => [`Phụ lục ${i + 1}: `, { href: a.href, label: a.name }]),
  ];
  return lines.length > 0
    ? [
        { kind: 'p', content: ['Tệp của công văn:'] },
        { kind: 'list', items: lines },
      ]
    : [];
};

/**
 * The invitation: the directive, the agency's tasks and deadlines, its personal link, the deadlines as an
 * iCalendar attachment, and the directive's original (attached when small enough) and annexes (linked).
 */
export async function invitationEmail({
  directive,
  assignment,
  link,
  files = { annexes: [] },
}: {
  directive: Directive;
  assignment: Assignment;
  link: string;
  files?: InvitationFiles;
}): Promise<EmailContent> {
  const tasks = tasksOf(directive.tasks, assignment);
  const deadlines = [
    ...(assignment.ackDeadline
      ? [{ key: ACK, label: 'Hạn xác nhận đã nhận công văn', at: assignment.ackDeadline }]
      : []),
    ...Object.entries(assignment.reports)
      .filter(([, slot]) => slot.deadline !== undefined)
      .map(([key, slot]) => ({ key, label: `Hạn báo cáo nhiệm vụ ${slot.taskCode}`, at: slot.deadline as string }))
      .sort((x, y) => byInstant(x.at, y.at) || x.key.localeCompare(y.key)),
  ];
  const filename = `han-xu-ly-${slugOf(directive.number)}.ics`;
  const original = files.original?.content
    ? [{ filename: files.original.name, contentType: files.original.contentType, content: files.original.content }]
    : [];
  const attachments: EmailAttachment[] =
    deadlines.length > 0
      ? [
          {
            filename,
            contentType: 'text/calendar; charset=utf-8; method=PUBLISH',
            content: await deadlinesCalendar({
              uid: `${assignment.directiveId}-${assignment.recipientId}`,
              title: directive.number,
              description: [
                `${directive.issuer}: Công văn số ${directive.number} ngày ${issuedOn(directive)} ${subjectLine(directive.subject)}`,
                `Mở công văn, xác nhận đã nhận và gửi báo cáo: ${link}`,
              ].join('\n'),
              url: link,
              deadlines,
            }),
          },
        ]
      : [];

  const ackRule =
    'Theo Nghị định số 30/2020/NĐ-CP của Chính phủ về công tác văn thư, cơ quan nhận văn bản thông báo cho cơ quan gửi về việc đã nhận văn bản ngay trong ngày.';
  const blocks: Block[] = [
    masthead(directive),
    addressedTo({ strong: assignment.recipientName }),
    { kind: 'p', content: [`${directive.issuer} gửi đơn vị `, ...directiveRef(directive, false), '.'] },
    tasks.length > 0
      ? { kind: 'p', content: ['Nhiệm vụ giao cho đơn vị:'] }
      : { kind: 'p', content: ['Công văn không giao nhiệm vụ cần báo cáo riêng cho đơn vị.'] },
    ...when(tasks.length > 0, { kind: 'list', items: tasks.map((t) => taskLine(t, assignment)) }),
    {
      kind: 'p',
      content: assignment.ackDeadline
        ? [
            'Đề nghị đơn vị xác nhận đã nhận công văn trước ',
            { strong: deadlineVi(assignment.ackDeadline) },
            `. ${ackRule}`,
          ]
        : [`Đề nghị đơn vị xác nhận đã nhận công văn ngay trong ngày. ${ackRule}`],
    },
    {
      kind: 'action',
      label: 'Mở công văn, xác nhận đã nhận và gửi báo cáo',
      href: link,
      hints: [
        'Trang này hiển thị toàn văn công văn và có các nút để xác nhận đã nhận, gửi báo cáo và xin gia hạn.',
        OPENING_CHANGES_NOTHING,
      ],
    },
    ...filesBlocks(files),
    ...when(attachments.length > 0, {
      kind: 'note',
      content: [`Tệp lịch đính kèm (${filename}) ghi các hạn trên; mở tệp để thêm vào lịch.`],
    }),
    signature(directive),
    PERSONAL_LINK(assignment),
    AUTOMATED,
  ];
  const ackEn = assignment.ackDeadline ? ` by ${deadlineEn(assignment.ackDeadline)}` : ' today';
  return build({
    subject: `[${directive.number}] ${subjectLine(directive.subject)}`,
    blocks,
    english:
      `${directive.issuer} has sent you directive ${directive.number} of ${issuedOn(directive)}. ` +
      `Please acknowledge receipt${ackEn}, as Decree 30/2020/ND-CP expects a same-day receipt notice, and file the ` +
      'reports it asks for, on the page below; opening the page changes nothing. The link is yours alone: do not ' +
      'forward it.',
    page: link,
    attachments: [...original, ...attachments],
  });
}
