/**
 * The HTTP interface of DESIGN.md, one list per Lambda. The stack creates an API Gateway route for each key
 * and each handler dispatches on `event.routeKey`, so the two cannot drift apart.
 */
export const OFFICIAL_ROUTES = [
  'POST /api/directives',
  'GET /api/directives',
  'GET /api/directives/{id}',
  'GET /api/directives/{id}/assignments/{recipientId}',
] as const;

export const RECIPIENT_ROUTES = [
  'GET /r/{token}',
  'HEAD /r/{token}',
  'POST /r/{token}/acknowledge',
  'POST /r/{token}/report',
  'POST /r/{token}/extension',
] as const;

export type OfficialRoute = (typeof OFFICIAL_ROUTES)[number];
export type RecipientRoute = (typeof RECIPIENT_ROUTES)[number];
