import { Duration } from 'aws-cdk-lib';
import { JitterType, type TaskStateBase } from 'aws-cdk-lib/aws-stepfunctions';
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
