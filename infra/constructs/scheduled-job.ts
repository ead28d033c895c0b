import { Duration, Validations } from 'aws-cdk-lib';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Schedule, type ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { type IQueue, Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';

/**
 * Where a scheduled run that did not happen ends up: the scheduler's own failures to invoke, and (as the
 * function's asynchronous dead-letter queue) the invocations that failed after Lambda's retries. Kept the
 * longest SQS allows, so a person has two weeks to read why; an alarm fires on the first message.
 */
export const scheduleDeadLetters = (scope: Construct, id: string) => {
  const queue = new Queue(scope, id, {
    encryption: QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    retentionPeriod: Duration.days(14),
  });
  Validations.of(queue).acknowledge({
    id: 'Serverless-SQSRedrivePolicy',
    reason: 'This queue is itself a dead-letter queue (of a schedule and its function), and it is alarmed.',
  });
  return queue;
};

export type ScheduledInvokeProps = {
  description: string;
  schedule: ScheduleExpression;
  target: IFunction;
  deadLetterQueue: IQueue;
};

/** An EventBridge Scheduler schedule invoking a function, its failed deliveries kept in the dead-letter queue. */
export const scheduleInvoke = (scope: Construct, id: string, props: ScheduledInvokeProps) =>
  new Schedule(scope, id, {
    description: props.description,
    schedule: props.schedule,
    target: new LambdaInvoke(props.target, {
      input: undefined,
      retryAttempts: 2,
      deadLetterQueue: props.deadLetterQueue,
    }),
  });
