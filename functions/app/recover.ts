import type * as z from 'zod/mini';
import { count, logger } from '#adapters/observability.ts';
import { applyTransition } from '#adapters/store/assignments.ts';
import type { recoverInput } from '#contracts/workflow.ts';
import { recordStepFailure } from '#core/assignment/transitions.ts';
import { findAssignment } from './find-assignment.ts';

/** The first wait is a minute; each failure in a row doubles it, up to an hour. */
export const recoveryWaitSeconds = (attempt: number) => Math.min(60 * 2 ** Math.max(0, attempt - 1), 3600);

/** Step Functions' Cause of a Lambda error is the JSON of the error; its message says the most. */
const describe = (error: { Error?: string | undefined; Cause?: string | undefined } | undefined) => {
  let cause = error?.Cause ?? '';
  try {
    const parsed = JSON.parse(cause) as { errorMessage?: unknown };
    if (typeof parsed.errorMessage === 'string') cause = parsed.errorMessage;
  } catch {}
  return [error?.Error ?? 'Error', cause].filter(Boolean).join(': ');
};

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
    error: describe(error),
  });
  const found = await findAssignment(directiveId, recipientId);
  if (found)
    await applyTransition(directiveId, recipientId, now, (a) =>
      recordStepFailure(a, now, { step: `#${attempt}`, error: describe(error) }),
    );
  return { attempt, waitSeconds: recoveryWaitSeconds(attempt) };
};
