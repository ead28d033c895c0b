import pMap from 'p-map';
import { linkFor } from '#adapters/links.ts';
import { sendEmail } from '#adapters/mail/mailer.ts';
import { count } from '#adapters/observability.ts';
import { type Applied, allAssignmentsOf, applyTransition } from '#adapters/store/assignments.ts';
import { bodyHash, getDirective, markDirectiveCancelled, storeDirective } from '#adapters/store/directives.ts';
import { interrupt, startFanout, WAKE_ERRORS } from '#adapters/workflow.ts';
import { type Assignment, isOpen, slotOf } from '#core/assignment/model.ts';
import * as transitions from '#core/assignment/transitions.ts';
import { type DirectiveInput, issueProblems } from '#core/directive.ts';
import { ValidationError } from '#core/errors.ts';
import type { Official } from '#core/official.ts';
import { extensionDecisionEmail, invitationEmail } from '#documents/email/index.ts';

/**
 * What an official can do, whether through the API or the web app. Each action is one transition of the
 * stored item, then a wake-up of the waiting execution: the item is the truth, the wake-up only saves time.
 */

const now = () => new Date().toISOString();

/** Stores and issues; the same key returns the same directive and starts nothing twice. */
export const issueDirective = async (input: DirectiveInput, idempotencyKey: string | undefined) => {
  const at = now();
  const problems = issueProblems(input, at);
  if (problems.length > 0) throw new ValidationError(problems);
  // Without a key, the number identifies the directive; a deliberate duplicate number is told apart by its body.
  const key =
    idempotencyKey?.trim() ||
    `directive:${input.issuer}|${input.number}${input.allowDuplicateNumber ? `|${bodyHash(input)}` : ''}`;
  const stored = await storeDirective(input, key, at);
  await startFanout(stored.directive.id);
  return stored;
};

export const cancelAssignment = async (directiveId: string, recipientId: string, by: Official, reason?: string) => {
  const at = now();
  const result = await applyTransition(directiveId, recipientId, at, (a) => transitions.cancel(a, at, by.name, reason));
  if (result.applied) await interrupt(result.assignment, WAKE_ERRORS.cancelled, reason ?? 'Withdrawn by an official');
  return result;
};

/** Withdraws the directive for every recipient still open; the rest keep their outcome. */
export const cancelDirective = async (directiveId: string, by: Official, reason?: string) => {
  await markDirectiveCancelled(directiveId, now(), by.name);
  const open = (await allAssignmentsOf(directiveId)).filter((a) => isOpen(a.status));
  await pMap(open, (a) => cancelAssignment(directiveId, a.recipientId, by, reason), { concurrency: 16 });
  return open.length;
};

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

/** A new link (the old one stops working) in a new invitation email. */
export const resendLink = async (directiveId: string, recipientId: string, by: Official) => {
  const at = now();
  const result = await applyTransition(directiveId, recipientId, at, (a) => transitions.resendLink(a, at, by.name));
  if (result.applied) {
    const directive = await getDirective(directiveId);
    const link = await linkFor(result.assignment, at);
    await sendEmail({
      to: [result.assignment.recipientEmail],
      ...invitationEmail({ directive, assignment: result.assignment, link }),
    });
    count('EmailsSent', 1, { kind: 'resend' });
  }
  return result;
};
