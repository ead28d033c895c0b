import { RemovalPolicy } from 'aws-cdk-lib';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import {
  DefinitionBody,
  JsonPath,
  LogLevel,
  Map as MapState,
  StateMachine,
  StateMachineType,
  Succeed,
  TaskInput,
} from 'aws-cdk-lib/aws-stepfunctions';
import { LambdaInvoke } from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { retryOnThrottling } from './retries.ts';

export type FanoutTasks = { plan: IFunction; start: IFunction };

/**
 * Starts one assignment execution per recipient. An inline Map over batches of 50 (not one iteration per
 * recipient, and no Distributed Map): 5,000 recipients are 100 iterations, a few hundred history events, no
 * Map Run against the account's 1,000, and 5 batches at a time keep StartExecution under its refill rate.
 */
export class DirectiveFanout extends Construct {
  readonly stateMachine: StateMachine;

  constructor(scope: Construct, id: string, tasks: FanoutTasks) {
    super(scope, id);
    const plan = retryOnThrottling(
      new LambdaInvoke(this, 'PlanBatches', {
        lambdaFunction: tasks.plan,
        payload: TaskInput.fromObject({ directiveId: JsonPath.stringAt('$.directiveId') }),
        outputPath: '$.Payload',
      }),
    );
    const start = retryOnThrottling(
      new LambdaInvoke(this, 'StartBatch', {
        lambdaFunction: tasks.start,
        payload: TaskInput.fromJsonPathAt('$'),
        outputPath: '$.Payload',
      }),
    );
    const batches = new MapState(this, 'StartBatches', {
      itemsPath: '$.batches',
      maxConcurrency: 5,
      resultPath: JsonPath.DISCARD,
    }).itemProcessor(start);

    this.stateMachine = new StateMachine(this, 'StateMachine', {
      stateMachineType: StateMachineType.STANDARD,
      definitionBody: DefinitionBody.fromChainable(plan.next(batches).next(new Succeed(this, 'AllStarted'))),
      logs: {
        destination: new LogGroup(this, 'Logs', {
          retention: RetentionDays.THREE_MONTHS,
          removalPolicy: RemovalPolicy.DESTROY,
        }),
        level: LogLevel.ERROR,
      },
    });
  }
}
