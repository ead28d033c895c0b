import { linkFor } from '#adapters/links.ts';
import { sendEmail } from '#adapters/mail/mailer.ts';
import { count } from '#adapters/observability.ts';
import { type Applied, applyTransition } from '#adapters/store/assignments.ts';
import { getDirective } from '#adapters/store/directives.ts';
import { interrupt, WAKE_ERRORS } from '#adapters/workflow.ts';
import { type Assignment, slotOf } from '#core/assignment/model.ts';
import * as transitions from '#core/assignment/transitions.ts';
import type { Official } from '#core/official.ts';
import { extensionDecisionEmail } from '#documents/email/index.ts';

/** An official decides on an agency's extension request; a grant wakes the execution with the new deadline. */

const now = () => new Date().toISOString();

export const grantExtension = async (
  directiveId: string,
  recipientId: string,
  input: { taskCode: string; until: string },
  by: Official,
): Promise<Applied> => {
  const at = now();
  const result = await applyTransition(directiveId, recipientId, at, (a) =>
    transitions.grantExtension(a, at, { ...input, by: by.name }),
  );
  if (result.applied) {
    await interrupt(result.assignment, WAKE_ERRORS.rescheduled, `Deadline of ${input.taskCode} moved`);
    await tellDecision(result.assignment, input.taskCode, true);
  }
  return result;
};

/** The agency hears of the decision on its extension by email, with its link. */
const tellDecision = async (assignment: Assignment, taskCode: string, granted: boolean, reason?: string) => {
  const directive = await getDirective(assignment.directiveId);
  const deadline = slotOf(assignment, taskCode)?.deadline;
  await sendEmail({
    to: [assignment.recipientEmail],
    ...extensionDecisionEmail({
      directive,
      assignment,
      link: await linkFor(assignment, now()),
      taskCode,
      granted,
      ...(deadline ? { deadline } : {}),
      ...(reason ? { reason } : {}),
    }),
  });
  count('EmailsSent', 1, { kind: 'decision' });
};

/** Refuses the pending request of one slot, or all of them when none is named; each agency hears of it. */
export const refuseExtension = async (
  directiveId: string,
  recipientId: string,
  by: Official,
  reason?: string,
  taskCode?: string,
) => {
  const at = now();
  const result = await applyTransition(directiveId, recipientId, at, (a) =>
    transitions.refuseExtension(a, at, {
      by: by.name,
      ...(reason ? { reason } : {}),
      ...(taskCode ? { taskCode } : {}),
    }),
  );
  if (result.applied)
    for (const e of result.events)
      if (e.type === 'EXTENSION_REFUSED' && e.taskCode)
        await tellDecision(result.assignment, e.taskCode, false, reason);
  return result;
};
