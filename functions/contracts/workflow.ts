import { z } from 'zod';

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
export const assignmentRef = z.object({ directiveId: z.string().min(1), recipientId: z.string().min(1) });
export type AssignmentRef = z.infer<typeof assignmentRef>;

export const awaitInput = assignmentRef.extend({
  taskToken: z.string().min(1),
  plan: z.object({ version: z.number().int(), timeoutSeconds: z.number().positive(), done: z.boolean().optional() }),
});

export const checkpointInput = assignmentRef.extend({ startedAt: z.iso.datetime({ offset: true }).optional() });

export const recoverInput = assignmentRef.extend({
  error: z.object({ Error: z.string().optional(), Cause: z.string().optional() }).optional(),
  recovery: z.object({ attempt: z.number().int().nonnegative() }).optional(),
});

export const renewInput = assignmentRef.extend({ executionName: z.string().min(1) });

export const fanoutInput = z.object({ directiveId: z.string().min(1) });
export const fanoutBatch = z.object({ directiveId: z.string().min(1), after: z.string().nullable() });

/** A schedule's event: whatever EventBridge Scheduler sends. */
export const scheduledInput = z.object({}).passthrough();
