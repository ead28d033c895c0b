import { Duration } from 'aws-cdk-lib';
import { type IChainable, JitterType, type TaskStateBase, Wait, WaitTime } from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';
import { LAMBDA_SERVICE_ERRORS, THROTTLING_ERRORS, TRANSIENT_ERROR } from '#contracts/workflow.ts';

export { THROTTLING_ERRORS };

/**
 * Retries what may pass: a task's own TransientError (a 5xx of SES or DynamoDB, a timeout), the Lambda service's
 * errors and throttling, with full jitter for about ten minutes in all. What is still failing after that goes to
 * the machine's Catch.
 */
export const retryTransient = <T extends TaskStateBase>(task: T): T => {
  task.addRetry({
    errors: [TRANSIENT_ERROR, ...LAMBDA_SERVICE_ERRORS, ...THROTTLING_ERRORS],
    interval: Duration.seconds(2),
    backoffRate: 2,
    maxAttempts: 8,
    maxDelay: Duration.seconds(120),
    jitterStrategy: JitterType.FULL,
  });
  return task;
};

/**
 * A recovery task's two ways back to `resume`: after the wait it returned (at `paths.recoveryWaitSeconds`), or,
 * when it could not even record the failure (the table is down), after a fixed 15 minutes. Returns the first.
 */
export const recoveryWaits = (
  scope: Construct,
  recover: TaskStateBase,
  resume: IChainable,
  paths: { recoveryWaitSeconds: string; recoverError: string },
) => {
  const recoverWait = new Wait(scope, 'RecoverWait', { time: WaitTime.secondsPath(paths.recoveryWaitSeconds) });
  const recoverLater = new Wait(scope, 'RecoverLater', { time: WaitTime.duration(Duration.minutes(15)) });
  recover.addCatch(recoverLater, { errors: ['States.ALL'], resultPath: paths.recoverError });
  recoverWait.next(resume);
  recoverLater.next(resume);
  return recoverWait;
};
