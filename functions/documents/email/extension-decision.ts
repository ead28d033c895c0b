import { type Assignment, slotOf } from '#core/assignment/model.ts';
import type { Directive } from '#core/directive.ts';
import { AUTOMATED, addressedTo, masthead, OPENING_CHANGES_NOTHING, PERSONAL_LINK, when } from './blocks.ts';
import type { EmailContent } from './content.ts';
import { build } from './render.tsx';
import { deadlineEn, deadlineVi, directiveRef } from './wording.ts';

/** The answer to an extension request, granted or refused, to the agency that asked. */
export function extensionDecisionEmail({
  directive,
  assignment,
  link,
  taskCode,
  granted,
  deadline,
  reason,
}: {
  directive: Directive;
  assignment: Assignment;
  link: string;
  /** The report slot: the task code, or `code#YYYY-MM-DD` for a period. */
  taskCode: string;
  granted: boolean;
  /** The deadline in force after the decision. */
  deadline?: string;
  reason?: string;
}): EmailContent {
  const code = slotOf(assignment, taskCode)?.taskCode ?? taskCode;
  return build({
    subject: granted
      ? `Đồng ý gia hạn nhiệm vụ ${code} — ${directive.number}${deadline ? ` (hạn mới ${deadlineVi(deadline)})` : ''}`
      : `Không đồng ý gia hạn nhiệm vụ ${code} — ${directive.number}`,
    blocks: [
      masthead(directive),
      addressedTo({ strong: assignment.recipientName }),
      {
        kind: 'p',
        content: granted
          ? [
              `${directive.issuer} đồng ý đề nghị gia hạn báo cáo nhiệm vụ ${code} theo `,
              ...directiveRef(directive, false),
              '. Hạn mới: ',
              { strong: deadline ? deadlineVi(deadline) : '' },
              '.',
            ]
          : [
              `${directive.issuer} không đồng ý đề nghị gia hạn báo cáo nhiệm vụ ${code} theo `,
              ...directiveRef(directive, false),
              deadline ? '. Hạn báo cáo giữ nguyên: ' : '.',
              ...(deadline ? [{ strong: deadlineVi(deadline) }, '.'] : []),
            ],
      },
      ...when(Boolean(reason), { kind: 'p', content: [`Lý do: ${reason ?? ''}`] }),
      { kind: 'action', label: 'Mở công văn và gửi báo cáo', href: link, hints: [OPENING_CHANGES_NOTHING] },
      PERSONAL_LINK(assignment),
      AUTOMATED,
    ],
    english: granted
      ? `Your request to extend task ${code} of directive ${directive.number} is granted${deadline ? `; new deadline ${deadlineEn(deadline)}` : ''}.`
      : `Your request to extend task ${code} of directive ${directive.number} is refused${deadline ? `; the deadline stays ${deadlineEn(deadline)}` : ''}.`,
    page: link,
  });
}
