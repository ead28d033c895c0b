import { deliverIfIssued, findAssignment } from '#app/deliver.ts';
import { PLAN_GONE, planNext } from '#core/assignment/checkpoints.ts';
import { assignmentRef, stepHandler } from '../middleware/step-handler.ts';

/** The first step of an assignment's execution: the invitation, then the plan of the first wait. */
export const handler = stepHandler(assignmentRef, async ({ directiveId, recipientId }) => {
  const now = new Date().toISOString();
  const found = await findAssignment(directiveId, recipientId);
  if (!found) return { directiveId, recipientId, plan: PLAN_GONE };
  const assignment = await deliverIfIssued(found, now);
  return { directiveId, recipientId, plan: planNext(assignment, now) };
});
