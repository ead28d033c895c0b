import type * as z from 'zod/mini';
import { applyTransition } from '#adapters/store/assignments.ts';
import { executionName, startAssignment } from '#adapters/workflow.ts';
import type { renewInput } from '#contracts/workflow.ts';
import { resume } from '#core/assignment/transitions.ts';
import { findAssignment } from './find-assignment.ts';

/**
 * This execution nears Step Functions' limits: the assignment goes on in the next generation's execution,
 * which starts from the stored item like a restart. A retry after the item moved on only starts it again
 * (idempotent); an execution that is no longer the assignment's current one starts nothing.
 */
export const renew = async ({ directiveId, recipientId, executionName: name }: z.infer<typeof renewInput>) => {
  const now = new Date().toISOString();
  const assignment = await findAssignment(directiveId, recipientId);
  if (!assignment) return { renewed: false };
  const generation = assignment.generation ?? 0;
  if (name === executionName(directiveId, recipientId, generation)) {
    const result = await applyTransition(
      directiveId,
      recipientId,
      now,
      (a) => resume(a, now, { fromGeneration: generation, reason: 'Tiếp tục theo dõi trong lượt mới' }),
      assignment,
    );
    if (!result.applied) return { renewed: false };
    await startAssignment(directiveId, recipientId, generation + 1);
    return { renewed: true, generation: generation + 1 };
  }
  if (generation > 0 && name === executionName(directiveId, recipientId, generation - 1)) {
    await startAssignment(directiveId, recipientId, generation);
    return { renewed: true, generation };
  }
  return { renewed: false };
};
