import middy from '@middy/core';
import { z } from 'zod';

/**
 * A task run by Step Functions (or by the scheduler): its input validated at the edge, nothing caught. An
 * error thrown here fails the task, so the state machine's Retry and Catch (or the schedule's retry policy)
 * decide what happens next.
 */
export const stepHandler = <S extends z.ZodType, R>(schema: S, task: (input: z.infer<S>) => Promise<R>) =>
  middy<unknown, R>().handler(async (event) => task(schema.parse(event)));

export const assignmentRef = z.object({ directiveId: z.string().min(1), recipientId: z.string().min(1) });
export type AssignmentRef = z.infer<typeof assignmentRef>;
