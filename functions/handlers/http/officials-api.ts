import middy from '@middy/core';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import { observe } from '#adapters/observability.ts';
import type { OfficialRoute } from '#contracts/routes.ts';
import { bodyLimit } from '../middleware/body-limit.ts';
import { errorsToResponses } from '../middleware/errors-to-responses.ts';
import type { OfficialEvent } from '../middleware/events.ts';
import { jsonBody } from '../middleware/json-body.ts';
import { liveBearer } from '../middleware/official.ts';
import { cancelAssignmentRoute, cancelDirectiveRoute, extensionRoute, resendRoute } from './officials/actions.ts';
import { createDirective } from './officials/create.ts';
import { getDirectiveWithAssignments } from './officials/get.ts';
import { getAssignmentWithHistory } from './officials/get-assignment.ts';
import { listDirectives } from './officials/list.ts';
import { parseRoute } from './officials/parse.ts';
import type { HttpResult } from './responses.ts';
import { json } from './responses.ts';

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
