import { SendTaskSuccessCommand } from '@aws-sdk/client-sfn';
import { z } from 'zod';
import { sfn } from '../shared/clients.ts';
import { planNext } from '../shared/domain/checkpoints.ts';
import { assignmentRef, stepHandler } from '../shared/step-handler.ts';
import { getAssignment, storeTaskToken } from '../shared/storage/assignments.ts';

const input = assignmentRef.extend({
  taskToken: z.string().min(1),
  plan: z.object({ version: z.number().int() }),
});

/**
 * Stores the token of the wait that begins now. If the item moved on since the plan was made (a click landed
 * while the execution was between two waits, and its SendTaskSuccess found no live token) the wait ends at
 * once with the plan for the item as it is.
 */
export const handler = stepHandler(input, async ({ directiveId, recipientId, taskToken, plan }) => {
  if (await storeTaskToken(directiveId, recipientId, taskToken, plan.version)) return { stored: true };
  const now = new Date().toISOString();
  const current = await getAssignment(directiveId, recipientId);
  await sfn.send(
    new SendTaskSuccessCommand({
      taskToken,
      output: JSON.stringify({ directiveId, recipientId, plan: planNext(current, now) }),
    }),
  );
  return { stored: false };
});
