import type * as z from 'zod/mini';
import { type FieldProblem, type Problem, problem } from '#contracts/problems.ts';
import { DELIVERY_FAILED } from '#contracts/workflow.ts';
import { fieldProblemsOf } from './problems.ts';

/** A problem as code and parameters, for logs: `directive.notFound {"id":"x"}`. */
const describe = (p: Problem) => `${p.code}${Object.keys(p.params).length ? ` ${JSON.stringify(p.params)}` : ''}`;

/**
 * The errors a caller may see. Anything else is a bug or an outage: it is logged and answered with a bare 500,
 * and in a Step Functions task it is thrown so Retry and Catch see it.
 *
 * Each carries a problem (contracts/problems.ts), which the HTTP edge renders in the request's language; its
 * `message` is that problem as code and parameters, for logs.
 */
export abstract class AppError extends Error {
  abstract readonly status: number;
  /** The error's name in a JSON answer (`{ error: 'NotFound', message }`). */
  abstract readonly code: string;
  readonly problem: Problem;
  /** `new NotFoundError(problem('directive.notFound', { id }))` */
  constructor(p: Problem) {
    super(describe(p));
    this.problem = p;
  }
}

export type { FieldProblem };

export class ValidationError extends AppError {
  readonly status = 400;
  readonly code = 'ValidationError';
  /** Its problem is the first issue's; a page or a JSON answer shows every issue. */
  constructor(readonly issues: FieldProblem[]) {
    super(issues[0] ?? problem('input.unchecked', { detail: '' }));
    this.message = issues.map((i) => `${i.path || '(body)'}: ${describe(i)}`).join('; ');
  }

  static fromZod(error: z.core.$ZodError): ValidationError {
    return new ValidationError(fieldProblemsOf(error));
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

/** Well-formed input that cannot be used as it is: a PDF without a text layer, which only a person can read. */
export class UnprocessableError extends AppError {
  readonly status = 422;
  readonly code = 'Unprocessable';
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
