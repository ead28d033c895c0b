import { localDateOf } from '../calendar/time.ts';
import { type Directive, type DirectiveInput, periodsOf, tasksOf } from '../directive.ts';
import type { Assignment, ReportSlot } from './model.ts';

/** The assignment a recipient starts with: its report slots and the follow-up rules of the directive. */
export const initialAssignment = (
  directive: Directive,
  recipient: DirectiveInput['recipients'][number],
): Assignment => {
  const reports: Record<string, ReportSlot> = {};
  const tasks = tasksOf(directive.tasks, { recipientId: recipient.id });
  for (const task of tasks) {
    if (!task.reportRequired) continue;
    if (task.recurrence && task.deadline) {
      for (const deadline of periodsOf(task.deadline, task.recurrence)) {
        const period = localDateOf(deadline) ?? deadline;
        reports[`${task.code}#${period}`] = { taskCode: task.code, period, deadline };
      }
    } else reports[task.code] = { taskCode: task.code, ...(task.deadline ? { deadline: task.deadline } : {}) };
  }
  return {
    directiveId: directive.id,
    recipientId: recipient.id,
    recipientName: recipient.name,
    recipientEmail: recipient.email,
    taskCodes: tasks.map((t) => t.code),
    ...(recipient.phone ? { recipientPhone: recipient.phone } : {}),
    ...(recipient.head ? { recipientHead: recipient.head } : {}),
    ...(recipient.noSms ? { noSms: true } : {}),
    ...(recipient.noZalo ? { noZalo: true } : {}),
    number: directive.number,
    issuer: directive.issuer,
    status: 'ISSUED',
    version: 1,
    createdAt: directive.createdAt,
    policy: {
      acknowledgeWithin: directive.acknowledgeWithin,
      remindBefore: directive.remindBefore,
      remindOnTheDay: directive.remindOnTheDay,
      escalateAfterWorkingDays: directive.escalateAfterWorkingDays,
    },
    reports,
    escalationLevel: 0,
    linkVersion: 1,
    history: [{ at: directive.createdAt, type: 'ISSUED', by: directive.issuer }],
  };
};
