/**
 * The HTTP interface of DESIGN.md, one list per Lambda. The stack creates an API Gateway route for each key
 * and each handler dispatches on `event.routeKey`, so the two cannot drift apart.
 */
export const OFFICIAL_ROUTES = [
  'POST /api/directives',
  'POST /api/directives/parse',
  'GET /api/directives',
  'GET /api/directives/{id}',
  'GET /api/directives/{id}/assignments/{recipientId}',
  'POST /api/directives/{id}/cancel',
  'POST /api/directives/{id}/assignments/{recipientId}/cancel',
  'POST /api/directives/{id}/assignments/{recipientId}/extension',
  'POST /api/directives/{id}/assignments/{recipientId}/resend',
] as const;

/**
 * Statistics, exports and the urging letter: a Lambda of their own, since the spreadsheet and document
 * libraries they need would triple every other function's bundle. The API routes are behind the JWT
 * authorizer; the pages check the session cookie like the rest of the web app.
 */
export const REPORT_API_ROUTES = ['GET /api/statistics', 'GET /api/directives/{id}/urging-letter'] as const;
export const REPORT_PAGE_ROUTES = ['GET /statistics', 'GET /directives/{id}/urging-letter'] as const;

export const RECIPIENT_ROUTES = [
  'GET /r/{token}',
  'HEAD /r/{token}',
  'POST /r/{token}/acknowledge',
  'POST /r/{token}/report',
  'POST /r/{token}/extension',
] as const;

/** Signing in and out: public, like the recipients' links. */
export const SIGN_IN_ROUTES = ['GET /sign-in', 'POST /sign-in', 'POST /sign-out'] as const;

/** The officials' web app: the handler itself checks the session cookie (and sends anonymous users to sign in). */
export const OFFICIAL_PAGE_ROUTES = [
  'GET /',
  'GET /directives',
  'GET /directives/new',
  'POST /directives/new',
  'GET /directives/{id}',
  'POST /directives/{id}/actions',
  'GET /directives/{id}/files/{recipientId}/{taskCode}',
  'GET /directory',
  'POST /directory',
  'POST /directory/import',
  'GET /assets/{name}',
] as const;

export type SignInRoute = (typeof SIGN_IN_ROUTES)[number];
export type OfficialPageRoute = (typeof OFFICIAL_PAGE_ROUTES)[number];
export type ReportRoute = (typeof REPORT_API_ROUTES)[number] | (typeof REPORT_PAGE_ROUTES)[number];
export type OfficialRoute = (typeof OFFICIAL_ROUTES)[number];
export type RecipientRoute = (typeof RECIPIENT_ROUTES)[number];
