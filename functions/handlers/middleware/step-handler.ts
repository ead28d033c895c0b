import middy, { type MiddlewareObj } from '@middy/core';
import type * as z from 'zod/mini';
import { observe } from '#adapters/observability.ts';
import { THROTTLING_ERRORS, TRANSIENT_ERROR } from '#contracts/workflow.ts';
import '#contracts/zod-messages.ts';

/** A failure worth retrying; its cause is kept in the message, which Step Functions records. */
export class TransientError extends Error {
  override readonly name = TRANSIENT_ERROR;
}

const NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'UND_ERR_SOCKET']);
const THROTTLES = new Set<string>(THROTTLING_ERRORS);

/** An SDK error that says "try again": a 5xx, a throttle, a timeout or a broken connection. */
export const isTransient = (error: unknown): boolean => {
  if (!(error instanceof Error)) return false;
  const e = error as Error & { $retryable?: unknown; $metadata?: { httpStatusCode?: number }; code?: string };
  if (e.$retryable) return true;
  if ((e.$metadata?.httpStatusCode ?? 0) >= 500) return true;
  if (THROTTLES.has(e.name)) return true;
  if (e.name === 'TimeoutError' || e.name === 'AbortError') return true;
  return e.code !== undefined && NETWORK_CODES.has(e.code);
};

/**
 * Failures that may pass are renamed TransientError, so that each state machine's Retry names one error for
 * them whatever service threw; everything else keeps its name for the Catch (and the recovery path).
 */
const classifyErrors = (): MiddlewareObj => ({
  onError: async (request) => {
    const error = request.error;
    if (error && !(error instanceof TransientError) && isTransient(error))
      request.error = new TransientError(`${error.name}: ${error.message}`, { cause: error });
  },
});

/**
 * A task run by Step Functions (or by the scheduler): its input validated at the edge, nothing caught. An
 * error thrown here fails the task, so the state machine's Retry and Catch (or the schedule's retry policy)
 * decide what happens next.
 */
export const stepHandler = <S extends z.ZodMiniType, R>(schema: S, task: (input: z.infer<S>) => Promise<R>) =>
  middy<unknown, R>()
    .use(observe())
    .use(classifyErrors())
    .handler(async (event) => {
      const input = schema.safeParse(event);
      // Named as classic zod names it (zod/mini says `$ZodError`): the name is the error the execution records.
      if (!input.success) throw Object.assign(input.error, { name: 'ZodError' });
      return task(input.data);
    });
