import { SendTaskSuccessCommand } from '@aws-sdk/client-sfn';
import { z } from 'zod';
import { sfn } from '#adapters/clients/sfn.ts';
import { storeTaskToken } from '#adapters/store/assignments.ts';
import { findAssignment } from '#app/deliver.ts';
import { PLAN_GONE, planNext } from '#core/assignment/checkpoints.ts';
import { assignmentRef, stepHandler } from '../middleware/step-handler.ts';

const input = assignmentRef.extend({
  taskToken: z.string().min(1),
  plan: z.object({ version: z.number().int(), timeoutSeconds: z.number().positive(), done: z.boolean().optional() }),
});

/**
 * Stores the token of the wait that begins now. If the item moved on since the plan was made (a click landed
 * while the execution was between two waits, and its SendTaskSuccess found no live token), or there is
 * nothing left to wait for, the wait ends at once with the plan for the item as it is.
 */
export const handler = stepHandler(input, async ({ directiveId, recipientId, taskToken, plan }) => {
  const now = new Date().toISOString();
  const wakeAt = Date.parse(now) + plan.timeoutSeconds * 1000;
  if (!plan.done && (await storeTaskToken(directiveId, recipientId, taskToken, plan.version, wakeAt)))
    return { stored: true };
  const current = await findAssignment(directiveId, recipientId);
  const next = current ? planNext(current, now) : PLAN_GONE;
  await sfn.send(
    new SendTaskSuccessCommand({ taskToken, output: JSON.stringify({ directiveId, recipientId, plan: next }) }),
  );
  return { stored: false };
});
