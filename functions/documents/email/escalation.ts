import type { Checkpoint } from '#core/assignment/checkpoints.ts';
import type { Assignment } from '#core/assignment/model.ts';
import type { Directive, Leader } from '#core/directive.ts';
import { aboutSubject } from '#core/subject.ts';
import { AUTOMATED, addressedTo, masthead } from './blocks.ts';
import type { EmailContent } from './content.ts';
import { build } from './render.tsx';
import { comrade, deadlineEn, deadlineVi, directiveRef, issuedOn, obligationOf } from './wording.ts';

export type EscalateCheckpoint = Extract<Checkpoint, { kind: 'ESCALATE' }>;

/**
 * The escalation after a missed deadline, to leadership: who is late, on what, since when, and how to reach them.
 * It never carries the agency's link.
 */
export function escalationEmail({
  directive,
  assignment,
  checkpoint,
  leaders,
}: {
  directive: Directive;
  assignment: Assignment;
  checkpoint: EscalateCheckpoint;
  leaders: Leader[];
}): EmailContent {
  const about = obligationOf(directive, assignment, checkpoint.obligation);
  const missed = about.deadline ?? checkpoint.at;
  const agency = assignment.recipientName;
  const what = about.ack
    ? 'Xác nhận đã nhận công văn'
    : `Báo cáo nhiệm vụ ${about.code}${about.task ? `: ${about.task.text}` : ''}`;
  const progress = about.ack
    ? assignment.deliveredAt
      ? `Công văn đã gửi đến đơn vị lúc ${deadlineVi(assignment.deliveredAt)}; đơn vị chưa xác nhận đã nhận.`
      : 'Đơn vị chưa xác nhận đã nhận.'
    : assignment.acknowledgedAt
      ? `Đơn vị đã xác nhận đã nhận công văn lúc ${deadlineVi(assignment.acknowledgedAt)}; chưa gửi báo cáo.`
      : 'Đơn vị chưa xác nhận đã nhận công văn và chưa gửi báo cáo.';
  const addressees = leaders.length > 0 ? leaders.map(comrade).join('; ') : `Lãnh đạo ${directive.issuer}`;

  return build({
    subject: about.ack
      ? `Quá hạn: ${agency} chưa xác nhận đã nhận công văn ${directive.number}`
      : `Quá hạn: ${agency} chưa báo cáo nhiệm vụ ${about.code} — ${directive.number}`,
    blocks: [
      masthead(directive),
      { kind: 'heading', text: `Cảnh báo cấp ${checkpoint.level}` },
      addressedTo(addressees),
      {
        kind: 'p',
        content: [
          { strong: agency },
          about.ack ? ' chưa xác nhận đã nhận ' : ` chưa gửi báo cáo nhiệm vụ ${about.code} theo `,
          ...directiveRef(directive),
          '; quá hạn từ ',
          { strong: deadlineVi(missed) },
          '.',
        ],
      },
      {
        kind: 'facts',
        rows: [
          { label: 'Đơn vị', value: [{ strong: agency }] },
          { label: 'Việc chưa thực hiện', value: [what] },
          { label: 'Hạn', value: [deadlineVi(missed)] },
          { label: 'Tình trạng', value: [`Quá hạn từ ${deadlineVi(missed)}. ${progress}`] },
          {
            label: 'Liên hệ đơn vị',
            value: [
              { href: `mailto:${assignment.recipientEmail}`, label: assignment.recipientEmail },
              ...(assignment.recipientPhone ? [`; điện thoại ${assignment.recipientPhone}`] : []),
              ...(assignment.recipientHead?.name || assignment.recipientHead?.email
                ? [
                    `; thủ trưởng đơn vị: ${[
                      assignment.recipientHead.name,
                      assignment.recipientHead.email,
                      assignment.recipientHead.phone,
                    ]
                      .filter(Boolean)
                      .join(', ')}`,
                  ]
                : []),
            ],
          },
          {
            label: 'Công văn',
            value: [
              `Số ${directive.number} ngày ${issuedOn(directive)} của ${directive.issuer} ${aboutSubject(directive.subject)}`,
            ],
          },
        ],
      },
      {
        kind: 'p',
        content: [
          'Kính báo cáo Lãnh đạo để chỉ đạo, đôn đốc đơn vị thực hiện. Cán bộ theo dõi có thể gia hạn hoặc gửi lại liên kết ',
          'cho đơn vị trên trang quản lý công văn.',
        ],
      },
      {
        kind: 'note',
        content: ['Thư này không kèm liên kết xác nhận, báo cáo của đơn vị: liên kết đó chỉ gửi riêng cho đơn vị.'],
      },
      AUTOMATED,
    ],
    english:
      `Level ${checkpoint.level} alert: ${agency} has not ` +
      (about.ack
        ? `acknowledged receipt of directive ${directive.number}`
        : `filed the report on task ${about.code} of directive ${directive.number}`) +
      `; overdue since ${deadlineEn(missed)}. Contact: ${assignment.recipientEmail}.`,
  });
}
