import type { MiddlewareObj } from '@middy/core';
import { problem } from '#contracts/problems.ts';
import { AppError } from '#core/errors.ts';

/** API Gateway's payload limit (HTTP API, 10 MB), counted on the decoded body. */
export const MAX_BODY_BYTES = 10 * 1024 * 1024;

export class PayloadTooLargeError extends AppError {
  readonly status = 413;
  readonly code = 'PayloadTooLarge';
}

/** The size of a body as it was sent: a base64 body counts its bytes, not its characters. */
export const decodedSize = (body: unknown, isBase64Encoded: boolean | undefined) =>
  typeof body !== 'string' ? 0 : Buffer.byteLength(body, isBase64Encoded ? 'base64' : 'utf8');

/**
 * Refuses a body over the limit before any parser reads it. API Gateway refuses such bodies itself (and Lambda's
 * 6 MB invocation limit is lower still), so on AWS this is a second line; it matters wherever the handlers are
 * invoked otherwise (the local runtime, tests, a future integration), and it costs one length computation.
 * Must be the first middleware of every HTTP handler.
 */
export const bodyLimit = (limit = MAX_BODY_BYTES): MiddlewareObj<{ body?: unknown; isBase64Encoded?: boolean }> => ({
  before: async ({ event }) => {
    if (decodedSize(event.body, event.isBase64Encoded) > limit)
      throw new PayloadTooLargeError(problem('request.tooLarge', { mb: Math.floor(limit / 1024 / 1024) }));
  },
});
