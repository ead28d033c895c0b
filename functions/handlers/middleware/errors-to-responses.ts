import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { logger } from '#adapters/observability.ts';
import { problem } from '#contracts/problems.ts';
import { AppError, ValidationError } from '#core/errors.ts';
import { type Lang, langOf, renderIssues, render as renderProblem } from '#web/i18n/index.ts';
import { type HttpResult, json } from '../http/responses.ts';

/** How a handler answers an error: `message` is already in the request's language. */
export type Render = (status: number, code: string, message: string, event: APIGatewayProxyEventV2) => HttpResult;

export const renderJson: Render = (status, code, message) => json(status, { error: code, message });

/** middy's own errors (a malformed body, say) carry a 4xx status and an `expose` flag. */
const isClientError = (e: unknown): e is { statusCode: number; message: string; expose?: boolean } =>
  typeof e === 'object' &&
  e !== null &&
  'statusCode' in e &&
  typeof e.statusCode === 'number' &&
  e.statusCode >= 400 &&
  e.statusCode < 500;

/** An application error as text in a language: a ValidationError names each field it found wrong. */
export const textOf = (error: AppError, lang: Lang) =>
  error instanceof ValidationError ? renderIssues(error.issues, lang) : renderProblem(error.problem, lang);

/**
 * The one place errors become responses. Only 4xx details reach a caller, in the request's language (`?lang=`,
 * else the `lang` cookie, else Vietnamese); anything else is logged with its stack and answered with a bare 500.
 * A JSON answer to bad input keeps its contract, `400 {error: "ValidationError", issues: [{path, message}]}`.
 */
export const errorsToResponses = (render: Render = renderJson): MiddlewareObj<APIGatewayProxyEventV2, HttpResult> => ({
  onError: async (request) => {
    const lang = langOf(request.event);
    // A `%` escape that does not decode, wherever the code decodes one (a path parameter, a query, a cookie), is
    // the caller's mistake, not ours.
    const error =
      request.error instanceof URIError
        ? new ValidationError([{ path: '', ...problem('request.badEscape') }])
        : request.error;
    if (error instanceof ValidationError && render === renderJson) {
      const issues = error.issues.map((i) => ({ path: i.path, message: renderProblem(i, lang) }));
      request.response = json(400, { error: error.code, issues });
    } else if (error instanceof AppError) {
      request.response = render(error.status, error.code, textOf(error, lang), request.event);
    } else if (isClientError(error)) {
      request.response = render(error.statusCode, 'BadRequest', error.message, request.event);
    } else {
      logger.error('Unhandled error', { routeKey: request.event.routeKey, error });
      request.response = render(500, 'InternalError', renderProblem(problem('system.error'), lang), request.event);
    }
  },
});
