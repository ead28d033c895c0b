import { planNext } from '../shared/domain/checkpoints.ts';
import { deliver, failDelivery } from '../shared/domain/transitions.ts';
import { invitationEmail } from '../shared/email/templates.tsx';
import { DeliveryFailed } from '../shared/errors.ts';
import { linkFor } from '../shared/links.ts';
import { isPermanentRejection, sendEmail } from '../shared/mailer.ts';
import { assignmentRef, stepHandler } from '../shared/step-handler.ts';
import { applyTransition, getAssignment } from '../shared/storage/assignments.ts';
import { getDirectiveText } from '../shared/storage/directives.ts';

/**
 * Emails the invitation, then records DELIVERED. Sending first means a crash in between sends it again
 * rather than never; a retry after the write sends nothing.
 */
export const handler = stepHandler(assignmentRef, async ({ directiveId, recipientId }) => {
  const now = new Date().toISOString();
  let assignment = await getAssignment(directiveId, recipientId);
  const delivering = deliver(assignment, now);
  if (delivering.ok) {
    const directive = await getDirectiveText(directiveId);
    const link = await linkFor(delivering.next, now);
    try {
      await sendEmail({
        to: [assignment.recipientEmail],
        ...invitationEmail({ directive, assignment: delivering.next, link }),
      });
    } catch (error) {
      if (!isPermanentRejection(error)) throw error;
      await applyTransition(directiveId, recipientId, now, (a) => failDelivery(a, now, (error as Error).message));
      throw new DeliveryFailed(`${recipientId}: ${(error as Error).message}`);
    }
    assignment = (await applyTransition(directiveId, recipientId, now, (a) => deliver(a, now), assignment)).assignment;
  }
  return { directiveId, recipientId, plan: planNext(assignment, now) };
});
