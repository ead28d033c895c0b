import { createHash } from 'node:crypto';
import {
  ExecutionAlreadyExists,
  InvalidToken,
  SendTaskFailureCommand,
  SendTaskSuccessCommand,
  StartExecutionCommand,
  TaskDoesNotExist,
  TaskTimedOut,
} from '@aws-sdk/client-sfn';
import { sfn } from './clients.ts';
import { machineArn } from './config.ts';
import type { Assignment } from './domain/assignment.ts';
import { planNext } from './domain/checkpoints.ts';

/** The named errors the assignment state machine catches. */
export const WAKE_ERRORS = { rescheduled: 'Rescheduled', cancelled: 'Cancelled' } as const;

/**
 * Execution names must be ASCII letters, digits, `-` and `_`, at most 80 characters; directive numbers carry
 * `/` and Vietnamese names break CloudWatch. The directive id is a ULID; the recipient id is kept readable
 * and made unique with a hash when it had to be changed.
 */
export const executionName = (directiveId: string, recipientId: string) => {
  const safe = recipientId.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 40);
  const suffix = safe === recipientId ? '' : `-${createHash('sha1').update(recipientId).digest('hex').slice(0, 8)}`;
  return `${directiveId}-${safe}${suffix}`;
};

const startOnce = async (stateMachineArn: string, name: string, input: unknown) => {
  try {
    await sfn.send(new StartExecutionCommand({ stateMachineArn, name, input: JSON.stringify(input) }));
    return true;
  } catch (error) {
    // Same name, same input: a retry of a start that already happened.
    if (error instanceof ExecutionAlreadyExists) return false;
    throw error;
  }
};

export const startFanout = (directiveId: string) =>
  startOnce(machineArn('FANOUT_MACHINE_ARN'), directiveId, { directiveId });

export const startAssignment = (directiveId: string, recipientId: string) =>
  startOnce(machineArn('ASSIGNMENT_MACHINE_ARN'), executionName(directiveId, recipientId), {
    directiveId,
    recipientId,
  });

/**
 * A token that died between the write and this call (the wait timed out, or the execution is between two
 * waits) is not a failure: the stored status is the truth, and the next step reads it before it waits again.
 */
const isStaleToken = (error: unknown) =>
  error instanceof TaskTimedOut || error instanceof TaskDoesNotExist || error instanceof InvalidToken;

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
