import { ArnFormat, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { type IGrantable, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import {
  Choice,
  Condition,
  DefinitionBody,
  Fail,
  IntegrationPattern,
  JsonPath,
  LogLevel,
  StateMachine,
  StateMachineType,
  Succeed,
  TaskInput,
  Timeout,
} from 'aws-cdk-lib/aws-stepfunctions';
import { LambdaInvoke } from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { retryOnThrottling } from './retries.ts';

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

const ref = { directiveId: JsonPath.stringAt('$.directiveId'), recipientId: JsonPath.stringAt('$.recipientId') };

/**
 * One execution per assignment: deliver → await the recipient → … → complete. Every wait sits at the top level
 * and lasts only until the next checkpoint (a reminder, a deadline), whose time the tasks compute from the
 * stored item; a timeout goes to the checkpoint step, which sends what fell due and plans the next wait.
 * The state between steps is `{directiveId, recipientId, plan}`: nothing else, so any step can resume it.
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

    const deliver = retryOnThrottling(
      new LambdaInvoke(this, 'Deliver', {
        lambdaFunction: tasks.deliver,
        payload: TaskInput.fromObject(ref),
        outputPath: '$.Payload',
      }),
    );
    const awaitRecipient = retryOnThrottling(
      new LambdaInvoke(this, 'AwaitRecipient', {
        comment: 'Stores the task token on the assignment; a recipient action or a checkpoint timeout ends the wait.',
        lambdaFunction: tasks.awaitHuman,
        integrationPattern: IntegrationPattern.WAIT_FOR_TASK_TOKEN,
        payload: TaskInput.fromObject({ ...ref, plan: JsonPath.objectAt('$.plan'), taskToken: JsonPath.taskToken }),
        taskTimeout: Timeout.at('$.plan.timeoutSeconds'),
      }),
    );
    const checkpoint = retryOnThrottling(
      new LambdaInvoke(this, 'Checkpoint', {
        comment: 'Sends the reminders and escalations that fell due, then plans the next wait.',
        lambdaFunction: tasks.checkpoint,
        payload: TaskInput.fromObject(ref),
        outputPath: '$.Payload',
      }),
    );
    const complete = retryOnThrottling(
      new LambdaInvoke(this, 'Complete', {
        lambdaFunction: tasks.complete,
        payload: TaskInput.fromObject(ref),
        outputPath: '$.Payload',
      }),
    );
    const withdrawn = new Succeed(this, 'Withdrawn', {
      comment: 'The assignment was cancelled; nothing more is sent.',
    });
    const undeliverable = new Fail(this, 'Undeliverable', {
      error: 'DeliveryFailed',
      cause: 'SES refused the invitation; the assignment is DELIVERY_FAILED.',
    });

    const route = new Choice(this, 'Route')
      .when(Condition.booleanEquals('$.plan.done', true), complete)
      .otherwise(awaitRecipient);

    deliver.addCatch(undeliverable, { errors: ['DeliveryFailed'], resultPath: '$.error' });
    awaitRecipient.addCatch(withdrawn, { errors: ['Cancelled'], resultPath: '$.error' });
    awaitRecipient.addCatch(checkpoint, { errors: ['States.Timeout', 'Rescheduled'], resultPath: '$.error' });
    deliver.next(awaitRecipient);
    awaitRecipient.next(route);
    checkpoint.next(route);

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
