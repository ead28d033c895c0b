import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, type IMetric, Metric, Stats, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';

/**
 * Where functions/adapters/observability.ts publishes (the template tests check they agree). Not imported from
 * there: that module creates the logger when loaded, and the local runtime synthesizes before it has set the
 * Powertools variables.
 */
export const APP_METRICS = { namespace: 'Chidao', service: 'chidao' } as const;

/** SES reviews an account at a 5% bounce rate or a 0.1% complaint rate (and may pause sending beyond). */
export const SES_BOUNCE_RATE = 0.05;
export const SES_COMPLAINT_RATE = 0.001;

export type AlarmsProps = {
  /** Where the alarms are emailed (`-c alarmEmail=…`); without it the topic has no subscription. */
  email?: string;
  stateMachines: Record<string, IStateMachine>;
  functions: IFunction[];
  deadLetterQueues: Record<string, IQueue>;
};

/**
 * Everything that means an agency may not hear about its directive, or leadership about a late one, and that
 * no code will put right by itself: one SNS topic, one alarm per cause, each saying what to look at.
 */
export class Alarms extends Construct {
  readonly topic: Topic;

  constructor(scope: Construct, id: string, props: AlarmsProps) {
    super(scope, id);
    this.topic = new Topic(this, 'Topic', { displayName: 'chidao alarms', enforceSSL: true });
    if (props.email) this.topic.addSubscription(new EmailSubscription(props.email));

    const action = new SnsAction(this.topic);
    const alarm = (alarmId: string, metric: IMetric, description: string, threshold = 1, periods = { of: 1, in: 1 }) =>
      new Alarm(this, alarmId, {
        metric,
        threshold,
        evaluationPeriods: periods.in,
        datapointsToAlarm: periods.of,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
        alarmDescription: description,
      }).addAlarmAction(action);

    const fiveMinutes = { period: Duration.minutes(5), statistic: Stats.SUM };
    for (const [name, machine] of Object.entries(props.stateMachines)) {
      const why = 'An execution ended without the workflow choosing to: find it in the Step Functions console.';
      alarm(`${name}ExecutionsFailed`, machine.metricFailed(fiveMinutes), `${name}: executions failed. ${why}`);
      alarm(`${name}ExecutionsTimedOut`, machine.metricTimedOut(fiveMinutes), `${name}: executions timed out. ${why}`);
      alarm(`${name}ExecutionsAborted`, machine.metricAborted(fiveMinutes), `${name}: executions stopped. ${why}`);
    }

    // Tasks throw to be retried (a throttle, an SES 5xx), so one error that a retry absorbed is no alarm: errors
    // in two of three five-minute periods are.
    for (const fn of props.functions)
      alarm(
        `${fn.node.id}Errors`,
        fn.metricErrors(fiveMinutes),
        `${fn.node.id}: invocations keep failing. Read its log group (level ERROR) for the directive and the error.`,
        1,
        { of: 2, in: 3 },
      );

    for (const [name, queue] of Object.entries(props.deadLetterQueues))
      new Alarm(this, `${name}Messages`, {
        metric: queue.metricApproximateNumberOfMessagesVisible({
          period: Duration.minutes(5),
          statistic: Stats.MAXIMUM,
        }),
        threshold: 0,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
        alarmDescription: `${name}: a scheduled run did not happen. The message says why; run it again once fixed.`,
      }).addAlarmAction(action);

    const ses = (metricName: string) =>
      new Metric({ namespace: 'AWS/SES', metricName, period: Duration.hours(1), statistic: Stats.MAXIMUM });
    alarm(
      'SesBounceRate',
      ses('Reputation.BounceRate'),
      'SES bounce rate ≥ 5%: fix the directory’s addresses before SES pauses sending for the account.',
      SES_BOUNCE_RATE,
    );
    alarm(
      'SesComplaintRate',
      ses('Reputation.ComplaintRate'),
      'SES complaint rate ≥ 0.1%: recipients mark the emails as spam; find out who before SES pauses sending.',
      SES_COMPLAINT_RATE,
    );

    // Powertools Metrics gives every metric the dimension service=<serviceName>; `count('RecoveredErrors')`
    // adds none, so this is the one dimension set it is published under.
    alarm(
      'RecoveredErrors',
      new Metric({
        namespace: APP_METRICS.namespace,
        metricName: 'RecoveredErrors',
        dimensionsMap: { service: APP_METRICS.service },
        ...fiveMinutes,
      }),
      'A workflow step failed after its retries and the assignment is waiting to resume: read the error recorded on the item and in the logs.',
    );
  }
}
