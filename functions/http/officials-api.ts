import middy from '@middy/core';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import { bodyLimit } from '../shared/http/body-limit.ts';
import { errorsToResponses } from '../shared/http/errors-to-responses.ts';
import type { OfficialEvent } from '../shared/http/events.ts';
import { jsonBody } from '../shared/http/json-body.ts';
import { liveBearer } from '../shared/http/official.ts';
import type { HttpResult } from '../shared/http/responses.ts';
import { json } from '../shared/http/responses.ts';
import { observe } from '../shared/observability.ts';
import { cancelAssignmentRoute, cancelDirectiveRoute, extensionRoute, resendRoute } from './directives/actions.ts';
import { createDirective } from './directives/create.ts';
import { getDirectiveWithAssignments } from './directives/get.ts';
import { getAssignmentWithHistory } from './directives/get-assignment.ts';
import { listDirectives } from './directives/list.ts';
import { parseRoute } from './directives/parse.ts';
import type { OfficialRoute } from './routes.ts';

const routes: Record<OfficialRoute, (event: OfficialEvent) => Promise<HttpResult>> = {
  'POST /api/directives': createDirective,
  'POST /api/directives/parse': parseRoute,
  'GET /api/directives': listDirectives,
  'GET /api/directives/{id}': getDirectiveWithAssignments,
  'GET /api/directives/{id}/assignments/{recipientId}': getAssignmentWithHistory,
  'POST /api/directives/{id}/cancel': cancelDirectiveRoute,
  'POST /api/directives/{id}/assignments/{recipientId}/cancel': cancelAssignmentRoute,
  'POST /api/directives/{id}/assignments/{recipientId}/extension': extensionRoute,
  'POST /api/directives/{id}/assignments/{recipientId}/resend': resendRoute,
};

/** Limited body, then a bearer whose session was signed out is refused before any route runs. */
export const handler = middy<OfficialEvent, HttpResult>()
  .use(observe())
  .use(bodyLimit())
  .use(httpHeaderNormalizer())
  .use(jsonBody())
  .use(liveBearer())
  .use(errorsToResponses())
  .handler(async (event) => {
    const route = routes[event.routeKey as OfficialRoute];
    return route ? route(event) : json(404, { error: 'NotFound', message: `No route ${event.routeKey}` });
  });
