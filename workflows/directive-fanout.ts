import { RemovalPolicy } from 'aws-cdk-lib';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import {
  Choice,
  Condition,
  DefinitionBody,
  Fail,
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
import { FANOUT_RECOVERY_ATTEMPTS, FANOUT_STATE } from '#contracts/workflow.ts';
import { recoveryWaits, retryTransient } from './retries.ts';

export type FanoutTasks = {
  plan: IFunction;
  start: IFunction;
  /** Records a failed step beside the directive and says how long to wait before planning again. */
  recover: IFunction;
};

/**
 * Starts one assignment execution per recipient. An inline Map over batches of 50 (not one iteration per
 * recipient, and no Distributed Map): 5,000 recipients are 100 iterations, a few hundred history events, no
 * Map Run against the account's 1,000, and 5 batches at a time keep StartExecution under its refill rate.
 *
 * Like the assignment machine, every task retries what may pass, and the rest goes to Recover, which records
 * the failure, waits (longer each time) and plans again from the stored assignments: starts are named by
 * assignment, so none is started twice. After FANOUT_RECOVERY_ATTEMPTS recoveries in a row it fails (an alarm);
 * what it did not start is in the sweeper's index from the moment it was stored, and the sweeper starts it.
 */
export class DirectiveFanout extends Construct {
  readonly stateMachine: StateMachine;

  constructor(scope: Construct, id: string, tasks: FanoutTasks) {
    super(scope, id);
    const plan = retryTransient(
      new LambdaInvoke(this, 'PlanBatches', {
        lambdaFunction: tasks.plan,
        payload: TaskInput.fromObject({ directiveId: JsonPath.stringAt(FANOUT_STATE.directiveId) }),
        resultSelector: { 'batches.$': '$.Payload.batches' },
        resultPath: FANOUT_STATE.planned,
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
    // A batch that still fails fails the Map, whose Catch recovers: caught inside, the fan-out would end
    // "succeeded" with recipients never started.
    const batches = new MapState(this, 'StartBatches', {
      itemsPath: FANOUT_STATE.batches,
      maxConcurrency: 5,
      resultPath: JsonPath.DISCARD,
    }).itemProcessor(start);

    const recover = retryTransient(
      new LambdaInvoke(this, 'Recover', {
        lambdaFunction: tasks.recover,
        comment: 'Records the failure beside the directive and says how long to wait before planning again.',
        payload: TaskInput.fromJsonPathAt('$'),
        resultSelector: { 'waitSeconds.$': '$.Payload.waitSeconds', 'attempt.$': '$.Payload.attempt' },
        resultPath: FANOUT_STATE.recovery,
        retryOnServiceExceptions: false,
      }),
    );
    const gaveUp = new Fail(this, 'GaveUp', {
      error: 'FanoutGaveUp',
      cause: 'The fan-out kept failing; the sweeper starts the assignments it did not start.',
    });
    const tooMany = new Choice(this, 'GiveUp?')
      .when(Condition.numberGreaterThanEquals(FANOUT_STATE.recoveryAttempt, FANOUT_RECOVERY_ATTEMPTS), gaveUp)
      .otherwise(recoveryWaits(this, recover, plan, FANOUT_STATE));

    const catchAll = { errors: ['States.ALL'], resultPath: FANOUT_STATE.error };
    plan.addCatch(recover, catchAll);
    batches.addCatch(recover, catchAll);
    recover.next(tooMany);

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
