import { createHash } from 'node:crypto';
import {
  DescribeExecutionCommand,
  ExecutionAlreadyExists,
  ExecutionDoesNotExist,
  InvalidToken,
  SendTaskFailureCommand,
  SendTaskSuccessCommand,
  StartExecutionCommand,
  TaskDoesNotExist,
  TaskTimedOut,
} from '@aws-sdk/client-sfn';
import { ENV, machineArn } from '#contracts/environment.ts';
import type { WAKE_ERRORS } from '#contracts/workflow.ts';
import { planNext } from '#core/assignment/checkpoints.ts';
import type { Assignment } from '#core/assignment/model.ts';
import { sfn, sfnOnce } from './clients/sfn.ts';
import { count } from './observability.ts';

export { WAKE_ERRORS } from '#contracts/workflow.ts';

/**
 * Execution names must be ASCII letters, digits, `-` and `_`, at most 80 characters; directive numbers carry
 * `/` and Vietnamese names break CloudWatch. The directive id is a ULID; the recipient id is kept readable
 * and made unique with a hash when it had to be changed. A name is never used twice, so each later execution
 * of the same assignment (generation 1, 2…) is named by its generation and a hash of the recipient.
 */
export const executionName = (directiveId: string, recipientId: string, generation = 0) => {
  const hash = (n: number) => createHash('sha1').update(recipientId).digest('hex').slice(0, n);
  if (generation > 0) return `${directiveId}-g${generation}-${hash(16)}`;
  const safe = recipientId.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 40);
  return `${directiveId}-${safe}${safe === recipientId ? '' : `-${hash(8)}`}`;
};

const startOnce = async (stateMachineArn: string, name: string, input: unknown, client = sfn) => {
  try {
    await client.send(new StartExecutionCommand({ stateMachineArn, name, input: JSON.stringify(input) }));
    return true;
  } catch (error) {
    // Same name, same input: a retry of a start that already happened.
    if (error instanceof ExecutionAlreadyExists) return false;
    throw error;
  }
};

export const startFanout = (directiveId: string) =>
  startOnce(machineArn(ENV.FANOUT_MACHINE_ARN), directiveId, { directiveId });

export const startAssignment = (directiveId: string, recipientId: string, generation = 0) =>
  startOnce(machineArn(ENV.ASSIGNMENT_MACHINE_ARN), executionName(directiveId, recipientId, generation), {
    directiveId,
    recipientId,
  });

/** One attempt, no SDK retry: a throttle reaches the caller at once, for the fan-out's own pacing. */
export const startAssignmentOnce = (directiveId: string, recipientId: string) =>
  startOnce(
    machineArn(ENV.ASSIGNMENT_MACHINE_ARN),
    executionName(directiveId, recipientId),
    { directiveId, recipientId },
    sfnOnce,
  );

/** The status of an assignment's execution of that generation, or undefined when there is none. */
export const assignmentExecutionStatus = async (directiveId: string, recipientId: string, generation: number) => {
  const machine = machineArn(ENV.ASSIGNMENT_MACHINE_ARN);
  const executionArn = `${machine.replace(':stateMachine:', ':execution:')}:${executionName(directiveId, recipientId, generation)}`;
  try {
    return (await sfn.send(new DescribeExecutionCommand({ executionArn }))).status;
  } catch (error) {
    if (error instanceof ExecutionDoesNotExist) return undefined;
    throw error;
  }
};

/**
 * A token that died between the write and this call (the wait timed out, or the execution is between two
 * waits) is not a failure: the stored status is the truth, and the next step reads it before it waits again.
 */
const isStaleToken = (error: unknown) => {
  const stale = error instanceof TaskTimedOut || error instanceof TaskDoesNotExist || error instanceof InvalidToken;
  if (stale) count('StaleTokens');
  return stale;
};

/** Ends the current wait of an assignment after a human step, with the plan for what comes next. */
export const wake = async (a: Assignment, now: string) => {
  if (!a.taskToken) return;
  try {
    await sfn.send(
      new SendTaskSuccessCommand({
        taskToken: a.taskToken,
        output: JSON.stringify({ directiveId: a.directiveId, recipientId: a.recipientId, plan: planNext(a, now) }),
      }),
    );
  } catch (error) {
    if (!isStaleToken(error)) throw error;
  }
};

/** Ends the current wait with a named error: the deadlines moved, or the assignment was withdrawn. */
export const interrupt = async (
  a: Assignment,
  error: (typeof WAKE_ERRORS)[keyof typeof WAKE_ERRORS],
  cause: string,
) => {
  if (!a.taskToken) return;
  try {
    await sfn.send(new SendTaskFailureCommand({ taskToken: a.taskToken, error, cause }));
  } catch (e) {
    if (!isStaleToken(e)) throw e;
  }
};
