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
import { STATE } from '#contracts/workflow.ts';
import { retryTransient } from './retries.ts';

export type FanoutTasks = { plan: IFunction; start: IFunction };

/**
 * Starts one assignment execution per recipient. What still fails after the retries fails the fan-out (an
 * alarm): the assignments it did not start are already in the sweeper's index and are started by it. An inline Map over batches of 50 (not one iteration per
 * recipient, and no Distributed Map): 5,000 recipients are 100 iterations, a few hundred history events, no
 * Map Run against the account's 1,000, and 5 batches at a time keep StartExecution under its refill rate.
 */
export class DirectiveFanout extends Construct {
  readonly stateMachine: StateMachine;

  constructor(scope: Construct, id: string, tasks: FanoutTasks) {
    super(scope, id);
    const plan = retryTransient(
      new LambdaInvoke(this, 'PlanBatches', {
        lambdaFunction: tasks.plan,
        payload: TaskInput.fromObject({ directiveId: JsonPath.stringAt(STATE.directiveId) }),
        outputPath: '$.Payload',
        retryOnServiceExceptions: false,
      }),
    );
    const start = retryTransient(
      new LambdaInvoke(this, 'StartBatch', {
        lambdaFunction: tasks.start,
        payload: TaskInput.fromJsonPathAt('$'),
        outputPath: '$.Payload',
        retryOnServiceExceptions: false,
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
