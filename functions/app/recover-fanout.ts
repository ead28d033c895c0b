import type * as z from 'zod/mini';
import { count, logger } from '#adapters/observability.ts';
import { recordFanoutFailure } from '#adapters/store/fanout-failures.ts';
import type { fanoutRecoverInput } from '#contracts/workflow.ts';
import { describeStepError, recoveryWaitSeconds } from '#core/step-failures.ts';

/**
 * The fan-out failed after its retries (Step Functions unavailable, the table throttled for minutes). The failure
 * is recorded beside the directive and counted (RecoveredErrors is alarmed), and the fan-out waits as an
 * assignment's recovery does, then plans again from the stored assignments: starts are named by assignment, so
 * the ones already started are not started twice.
 */
export const recoverFanout = async ({ directiveId, error, recovery }: z.infer<typeof fanoutRecoverInput>) => {
  const attempt = (recovery?.attempt ?? 0) + 1;
  const described = describeStepError(error);
  count('RecoveredErrors');
  logger.warn('The fan-out failed after its retries; it plans again from the stored assignments', {
    attempt,
    error: described,
  });
  await recordFanoutFailure(directiveId, { at: new Date().toISOString(), attempt, error: described });
  return { attempt, waitSeconds: recoveryWaitSeconds(attempt) };
};
