import { Duration } from 'aws-cdk-lib';
import { JitterType, type TaskStateBase } from 'aws-cdk-lib/aws-stepfunctions';

/** What DynamoDB, SES and Step Functions throw when a quota's token bucket is empty. */
export const THROTTLING_ERRORS = [
  'ThrottlingException',
  'Throttling',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'TooManyRequestsException',
  'Lambda.TooManyRequestsException',
];

/** Backs off with full jitter, so 5,000 executions that were throttled together do not retry together. */
export const retryOnThrottling = <T extends TaskStateBase>(task: T): T => {
  task.addRetry({
    errors: THROTTLING_ERRORS,
    interval: Duration.seconds(1),
    backoffRate: 2,
    maxAttempts: 8,
    maxDelay: Duration.seconds(60),
    jitterStrategy: JitterType.FULL,
  });
  return task;
};
