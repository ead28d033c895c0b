import * as z from 'zod/mini';

/**
 * The error names the state machines and the tasks agree on. Pure constants: the CDK code in workflows/ imports
 * them without pulling in any client.
 */

/**
 * The state an assignment's execution carries between steps, `{directiveId, recipientId, plan}` (plus what the
 * recovery path adds), and where the machine reads it: the tasks return this shape, the ASL names these paths.
 */
export const STATE = {
  directiveId: '$.directiveId',
  recipientId: '$.recipientId',
  plan: '$.plan',
  planTimeoutSeconds: '$.plan.timeoutSeconds',
  planDone: '$.plan.done',
  planRenew: '$.plan.renew',
  error: '$.error',
  recovery: '$.recovery',
  recoveryWaitSeconds: '$.recovery.waitSeconds',
  recoverError: '$.recoverError',
} as const;

/** The named errors the assignment state machine catches when a wait is woken out of band. */
export const WAKE_ERRORS = { rescheduled: 'Rescheduled', cancelled: 'Cancelled' } as const;

/** Raised by a task when the invitation can never be delivered; the machine ends the assignment there. */
export const DELIVERY_FAILED = 'DeliveryFailed';

/** Raised by a task for a failure that may pass (a 5xx, a throttle, a timeout): the machine retries it. */
export const TRANSIENT_ERROR = 'TransientError';

/** What DynamoDB, SES and Step Functions throw when a quota's token bucket is empty. */
export const THROTTLING_ERRORS = [
  'ThrottlingException',
  'Throttling',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'TooManyRequestsException',
  'Lambda.TooManyRequestsException',
] as const;

/** Failures of the Lambda service itself around a task, which Step Functions reports under these names. */
export const LAMBDA_SERVICE_ERRORS = [
  'Lambda.ServiceException',
  'Lambda.AWSLambdaException',
  'Lambda.SdkClientException',
  'Lambda.ClientExecutionTimeoutException',
  'Sandbox.Timedout',
] as const;

/**
 * What each task of the two state machines (and the schedules) is given: checked at the handler's edge, typed
 * for the use case it runs.
 */
export const assignmentRef = z.object({
  directiveId: z.string().check(z.minLength(1)),
  recipientId: z.string().check(z.minLength(1)),
});
export type AssignmentRef = z.infer<typeof assignmentRef>;

export const awaitInput = z.extend(assignmentRef, {
  taskToken: z.string().check(z.minLength(1)),
  plan: z.object({
    version: z.number().check(z.int()),
    timeoutSeconds: z.number().check(z.positive()),
    done: z.optional(z.boolean()),
  }),
});

export const checkpointInput = z.extend(assignmentRef, { startedAt: z.optional(z.iso.datetime({ offset: true })) });

/** What a machine's Catch adds to its state (`$.error`), and its recovery path after a first recovery. */
const recoveryState = {
  error: z.optional(z.object({ Error: z.optional(z.string()), Cause: z.optional(z.string()) })),
  recovery: z.optional(z.object({ attempt: z.number().check(z.int(), z.nonnegative()) })),
};

export const recoverInput = z.extend(assignmentRef, recoveryState);

export const renewInput = z.extend(assignmentRef, { executionName: z.string().check(z.minLength(1)) });

export const fanoutInput = z.object({ directiveId: z.string().check(z.minLength(1)) });
export const fanoutBatch = z.object({ directiveId: z.string().check(z.minLength(1)), after: z.nullable(z.string()) });
export const fanoutRecoverInput = z.extend(fanoutInput, recoveryState);

/**
 * The fan-out's state, `{directiveId, planned: {batches}}` plus what its recovery path adds: the plan is kept
 * beside the input (not in its place) so that the recovery's attempt count survives a plan that succeeds.
 */
export const FANOUT_STATE = {
  directiveId: STATE.directiveId,
  planned: '$.planned',
  batches: '$.planned.batches',
  error: STATE.error,
  recovery: STATE.recovery,
  recoveryWaitSeconds: STATE.recoveryWaitSeconds,
  recoveryAttempt: '$.recovery.attempt',
  recoverError: STATE.recoverError,
} as const;

/**
 * Recoveries in a row after which the fan-out gives up and fails (an alarm): about a day of waits doubling to an
 * hour. What it did not start is still in the sweeper's index, which starts it.
 */
export const FANOUT_RECOVERY_ATTEMPTS = 24;

/** A schedule's event: whatever EventBridge Scheduler sends. */
export const scheduledInput = z.looseObject({});
