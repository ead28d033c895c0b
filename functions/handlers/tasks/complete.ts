import { clearTaskToken } from '#adapters/store/task-tokens.ts';
import { assignmentRef } from '#contracts/workflow.ts';
import { stepHandler } from '../middleware/step-handler.ts';

/** The workflow of one assignment has ended: no wait is open, so no token may stay on the item. */
export const handler = stepHandler(assignmentRef, async ({ directiveId, recipientId }) => {
  await clearTaskToken(directiveId, recipientId);
  return { directiveId, recipientId, closed: true };
});
