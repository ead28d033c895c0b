import type * as z from 'zod/mini';
import { linkFor } from '#adapters/links.ts';
import { isPermanentRejection, sendEmail } from '#adapters/mail/mailer.ts';
import { count } from '#adapters/observability.ts';
import { applyTransition, type StoredAssignment } from '#adapters/store/assignments.ts';
import { getDirectiveText } from '#adapters/store/directives.ts';
import type { assignmentRef } from '#contracts/workflow.ts';
import { PLAN_GONE, planNext } from '#core/assignment/checkpoints.ts';
import { invitationSubject, withNotices } from '#core/assignment/notices.ts';
import { deliver, failDelivery } from '#core/assignment/transitions.ts';
import { DeliveryFailed } from '#core/errors.ts';
import { invitationEmail } from '#documents/email/index.ts';
import { invitationFiles } from './directive-files.ts';
import { findAssignment } from './find-assignment.ts';
import { phoneNotices } from './notify-phone.ts';

/**
 * Emails the invitation of an assignment still ISSUED, then records DELIVERED. Sending first means a crash in
 * between sends it again rather than never; a retry after the write sends nothing. A permanent refusal by SES
 * closes the assignment as DELIVERY_FAILED and raises DeliveryFailed for the state machine.
 */
export const deliverIfIssued = async (assignment: StoredAssignment, now: string): Promise<StoredAssignment> => {
  const delivering = deliver(assignment, now);
  if (!delivering.ok) return assignment;
  const { directiveId, recipientId } = assignment;
  const directive = await getDirectiveText(directiveId);
  const link = await linkFor(delivering.next, now);
  try {
    await sendEmail({
      to: [assignment.recipientEmail],
      ...(await invitationEmail({
        directive,
        assignment: delivering.next,
        link,
        files: await invitationFiles(directive, link, true),
      })),
    });
  } catch (error) {
    if (!isPermanentRejection(error)) throw error;
    count('DeliveryFailures');
    await applyTransition(directiveId, recipientId, now, (a) => failDelivery(a, now, (error as Error).message));
    throw new DeliveryFailed(`${recipientId}: ${(error as Error).message}`);
  }
  count('EmailsSent', 1, { kind: 'invitation' });
  // The phone notice goes after the email and is recorded with DELIVERED; at night it waits on the item.
  const notices = await phoneNotices(directive, delivering.next, invitationSubject(delivering.next), now);
  return (
    await applyTransition(
      directiveId,
      recipientId,
      now,
      (a) => withNotices(deliver(a, now), { kind: 'invitation', ...notices }),
      assignment,
    )
  ).assignment;
};

/** The first step of an assignment's execution: the invitation, then the plan of the first wait. */
export const deliverStep = async ({ directiveId, recipientId }: z.infer<typeof assignmentRef>) => {
  const now = new Date().toISOString();
  const found = await findAssignment(directiveId, recipientId);
  if (!found) return { directiveId, recipientId, plan: PLAN_GONE };
  const assignment = await deliverIfIssued(found, now);
  return { directiveId, recipientId, plan: planNext(assignment, now) };
};
