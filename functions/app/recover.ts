import type * as z from 'zod/mini';
import { count, logger } from '#adapters/observability.ts';
import { applyTransition } from '#adapters/store/assignments.ts';
import type { recoverInput } from '#contracts/workflow.ts';
import { recordStepFailure } from '#core/assignment/transitions.ts';
import { describeStepError, recoveryWaitSeconds } from '#core/step-failures.ts';
import { findAssignment } from './find-assignment.ts';

/**
 * A step failed after its retries. The failure is recorded on the item (so that the dashboard shows it, and
 * the metrics count it), and the execution waits before resuming from the stored item at Checkpoint.
 */
export const recover = async ({ directiveId, recipientId, error, recovery }: z.infer<typeof recoverInput>) => {
  const now = new Date().toISOString();
  const attempt = (recovery?.attempt ?? 0) + 1;
  count('RecoveredErrors');
  logger.warn('A step failed after its retries; the assignment resumes from the stored item', {
    attempt,
    error: describeStepError(error),
  });
  const found = await findAssignment(directiveId, recipientId);
  if (found)
    await applyTransition(directiveId, recipientId, now, (a) =>
      recordStepFailure(a, now, { step: `#${attempt}`, error: describeStepError(error) }),
    );
  return { attempt, waitSeconds: recoveryWaitSeconds(attempt) };
};
