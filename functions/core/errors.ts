import type { z } from 'zod';
import { DELIVERY_FAILED } from '#contracts/workflow.ts';

/**
 * The errors a caller may see. Anything else is a bug or an outage: it is logged and answered with a bare 500,
 * and in a Step Functions task it is thrown so Retry and Catch see it.
 */
export abstract class AppError extends Error {
  abstract readonly status: number;
  abstract readonly code: string;
}

export type FieldIssue = { path: string; message: string };

export class ValidationError extends AppError {
  readonly status = 400;
  readonly code = 'ValidationError';
  constructor(readonly issues: FieldIssue[]) {
    super(issues.map((i) => `${i.path || '(body)'}: ${i.message}`).join('; '));
  }

  static fromZod(error: z.ZodError): ValidationError {
    return new ValidationError(error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })));
  }
}

export class UnauthorizedError extends AppError {
  readonly status = 401;
  readonly code = 'Unauthorized';
}

export class ForbiddenError extends AppError {
  readonly status = 403;
  readonly code = 'Forbidden';
}

export class NotFoundError extends AppError {
  readonly status = 404;
  readonly code = 'NotFound';
}

export class ConflictError extends AppError {
  readonly status = 409;
  readonly code = 'Conflict';
}

export class TooManyRequestsError extends AppError {
  readonly status = 429;
  readonly code = 'TooManyRequests';
}

export class GoneError extends AppError {
  readonly status = 410;
  readonly code = 'Gone';
}

/** Raised by a Step Functions task when delivery is impossible; the state machine catches it by name. */
export class DeliveryFailed extends Error {
  override readonly name = DELIVERY_FAILED;
}
