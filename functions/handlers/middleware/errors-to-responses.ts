import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { logger } from '#adapters/observability.ts';
import { AppError, ValidationError } from '#core/errors.ts';
import { type HttpResult, json } from '../http/responses.ts';

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

/**
 * The one place errors become responses. Only 4xx details reach a caller; anything else is logged with its
 * stack and answered with a bare 500.
 */
export const errorsToResponses = (render: Render = renderJson): MiddlewareObj<APIGatewayProxyEventV2, HttpResult> => ({
  onError: async (request) => {
    // A `%` escape that does not decode, wherever the code decodes one (a path parameter, a query, a cookie), is
    // the caller's mistake, not ours.
    const error =
      request.error instanceof URIError
        ? new ValidationError([{ path: '', message: 'Địa chỉ hoặc dữ liệu gửi lên có mã % không hợp lệ.' }])
        : request.error;
    if (error instanceof ValidationError && render === renderJson) {
      request.response = json(400, { error: error.code, issues: error.issues });
    } else if (error instanceof AppError) {
      request.response = render(error.status, error.code, error.message, request.event);
    } else if (isClientError(error)) {
      request.response = render(error.statusCode, 'BadRequest', error.message, request.event);
    } else {
      logger.error('Unhandled error', { routeKey: request.event.routeKey, error });
      request.response = render(500, 'InternalError', 'Lỗi hệ thống. Vui lòng thử lại sau.', request.event);
    }
  },
});
