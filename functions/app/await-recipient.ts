import { SendTaskSuccessCommand } from '@aws-sdk/client-sfn';
import type * as z from 'zod/mini';
import { sfn } from '#adapters/clients/sfn.ts';
import { storeTaskToken } from '#adapters/store/task-tokens.ts';
import type { awaitInput } from '#contracts/workflow.ts';
import { PLAN_GONE, planNext } from '#core/assignment/checkpoints.ts';
import { findAssignment } from './find-assignment.ts';

/**
 * Stores the token of the wait that begins now. If the item moved on since the plan was made (a click landed
 * while the execution was between two waits, and its SendTaskSuccess found no live token), or there is
 * nothing left to wait for, the wait ends at once with the plan for the item as it is.
 */
export const awaitRecipient = async ({ directiveId, recipientId, taskToken, plan }: z.infer<typeof awaitInput>) => {
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
};
