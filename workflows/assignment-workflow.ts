import { ArnFormat, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { type IGrantable, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import {
  Choice,
  Condition,
  DefinitionBody,
  IntegrationPattern,
  JsonPath,
  LogLevel,
  StateMachine,
  StateMachineType,
  Succeed,
  TaskInput,
  Timeout,
} from 'aws-cdk-lib/aws-stepfunctions';
import { LambdaInvoke, type LambdaInvokeProps } from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { DELIVERY_FAILED, STATE, WAKE_ERRORS } from '#contracts/workflow.ts';
import { recoveryWaits, retryTransient } from './retries.ts';

export type AssignmentTasks = {
  deliver: IFunction;
  awaitHuman: IFunction;
  checkpoint: IFunction;
  complete: IFunction;
  /** Records a failed step on the item and says how long to wait before resuming from the stored state. */
  recover: IFunction;
  /** Continues the assignment in a new execution before this one nears Step Functions' limits. */
  renew: IFunction;
};

const ref = { directiveId: JsonPath.stringAt(STATE.directiveId), recipientId: JsonPath.stringAt(STATE.recipientId) };

/**
 * One execution per assignment: deliver → await the recipient → … → complete. Every wait sits at the top level
 * and lasts only until the next checkpoint (a reminder, a deadline), whose time the tasks compute from the
 * stored item; a timeout goes to the checkpoint step, which sends what fell due and plans the next wait.
 * The state between steps is `{directiveId, recipientId, plan}`: nothing else, so any step can resume it.
 *
 * No path leaves an open assignment untracked: every task retries what may pass, and anything else goes to
 * Recover, which records the failure on the item, waits (longer each time) and resumes at Checkpoint from the
 * stored item. Before Step Functions' limits (a year, 25,000 events) the plan says `renew`, and Renew goes on
 * in a new execution. The only ends are a closed assignment (Complete, Withdrawn, Undeliverable) or Renewed.
 *
 * Happy path, one report: Deliver → AwaitRecipient → Route → AwaitRecipient → Route → Complete.
 */
export class AssignmentWorkflow extends Construct {
  readonly stateMachine: StateMachine;
  /** Named, so its ARN is known before it exists: its own task needs to answer tokens of it. */
  readonly stateMachineName: string;
  /** The machine's ARN built from its name: the same string for every function that needs it, no cycle. */
  readonly stateMachineArnFromName: string;

  constructor(scope: Construct, id: string, tasks: AssignmentTasks) {
    super(scope, id);
    this.stateMachineName = `${Stack.of(this).stackName}-assignment`;
    this.stateMachineArnFromName = Stack.of(this).formatArn({
      service: 'states',
      resource: 'stateMachine',
      resourceName: this.stateMachineName,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });

    const invoke = (name: string, fn: IFunction, props: Partial<LambdaInvokeProps> = {}) =>
      retryTransient(
        new LambdaInvoke(this, name, {
          lambdaFunction: fn,
          payload: TaskInput.fromObject(ref),
          outputPath: '$.Payload',
          retryOnServiceExceptions: false,
          ...props,
        }),
      );

    const deliver = invoke('Deliver', tasks.deliver);
    const awaitRecipient = invoke('AwaitRecipient', tasks.awaitHuman, {
      comment: 'Stores the task token on the assignment; a recipient action or a checkpoint timeout ends the wait.',
      integrationPattern: IntegrationPattern.WAIT_FOR_TASK_TOKEN,
      payload: TaskInput.fromObject({ ...ref, plan: JsonPath.objectAt(STATE.plan), taskToken: JsonPath.taskToken }),
      taskTimeout: Timeout.at(STATE.planTimeoutSeconds),
      outputPath: undefined,
    });
    const checkpoint = invoke('Checkpoint', tasks.checkpoint, {
      comment: 'Delivers if still undelivered, sends the reminders and escalations that fell due, plans the next wait.',
      payload: TaskInput.fromObject({ ...ref, startedAt: JsonPath.stringAt('$$.Execution.StartTime') }),
    });
    const complete = invoke('Complete', tasks.complete);
    const renew = invoke('Renew', tasks.renew, {
      comment: 'Goes on in a new execution of the same assignment, from the stored item.',
      payload: TaskInput.fromObject({ ...ref, executionName: JsonPath.stringAt('$$.Execution.Name') }),
    });
    const recover = invoke('Recover', tasks.recover, {
      comment: 'Records the failure on the item and says how long to wait before resuming.',
      payload: TaskInput.fromJsonPathAt('$'),
      outputPath: undefined,
      resultSelector: { 'waitSeconds.$': '$.Payload.waitSeconds', 'attempt.$': '$.Payload.attempt' },
      resultPath: STATE.recovery,
    });

    const withdrawn = new Succeed(this, 'Withdrawn', {
      comment: 'The assignment was cancelled; nothing more is sent.',
    });
    const undeliverable = new Succeed(this, 'Undeliverable', {
      comment: 'SES refused the invitation for good; the assignment is DELIVERY_FAILED, shown on the dashboard.',
    });
    const renewed = new Succeed(this, 'Renewed', { comment: 'A new execution tracks the assignment from here.' });

    const route = new Choice(this, 'Route')
      .when(Condition.booleanEquals(STATE.planDone, true), complete)
      .when(Condition.and(Condition.isPresent(STATE.planRenew), Condition.booleanEquals(STATE.planRenew, true)), renew)
      .otherwise(awaitRecipient);

    const catchAll = { errors: ['States.ALL'], resultPath: STATE.error };
    deliver.addCatch(undeliverable, { errors: [DELIVERY_FAILED], resultPath: STATE.error });
    deliver.addCatch(recover, catchAll);
    awaitRecipient.addCatch(withdrawn, { errors: [WAKE_ERRORS.cancelled], resultPath: STATE.error });
    awaitRecipient.addCatch(checkpoint, {
      errors: ['States.Timeout', WAKE_ERRORS.rescheduled],
      resultPath: STATE.error,
    });
    awaitRecipient.addCatch(recover, catchAll);
    checkpoint.addCatch(undeliverable, { errors: [DELIVERY_FAILED], resultPath: STATE.error });
    checkpoint.addCatch(recover, catchAll);
    complete.addCatch(recover, catchAll);
    renew.addCatch(recover, catchAll);

    deliver.next(awaitRecipient);
    awaitRecipient.next(route);
    checkpoint.next(route);
    renew.next(renewed);
    recover.next(recoveryWaits(this, recover, checkpoint, STATE));

    this.stateMachine = new StateMachine(this, 'StateMachine', {
      stateMachineName: this.stateMachineName,
      stateMachineType: StateMachineType.STANDARD,
      definitionBody: DefinitionBody.fromChainable(deliver),
      logs: {
        destination: new LogGroup(this, 'Logs', {
          retention: RetentionDays.THREE_MONTHS,
          removalPolicy: RemovalPolicy.DESTROY,
        }),
        level: LogLevel.ERROR,
      },
    });
  }

  /** SendTaskSuccess/Failure on this machine's tokens, without a reference that would make a cycle. */
  grantTaskResponse(grantee: IGrantable) {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['states:SendTaskSuccess', 'states:SendTaskFailure', 'states:SendTaskHeartbeat'],
        resources: [
          Stack.of(this).formatArn({
            service: 'states',
            resource: 'stateMachine',
            resourceName: this.stateMachineName,
            arnFormat: ArnFormat.COLON_RESOURCE_NAME,
          }),
        ],
      }),
    );
  }
}
