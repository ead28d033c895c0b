/**
 * The HTTP interface of DESIGN.md, by Lambda. Each route key is written here once: the stack creates an API
 * Gateway route for each, and each handler dispatches on `event.routeKey` with a table keyed by these names.
 */

export const OFFICIALS_API = {
  issue: 'POST /api/directives',
  list: 'GET /api/directives',
  read: 'GET /api/directives/{id}',
  readAssignment: 'GET /api/directives/{id}/assignments/{recipientId}',
  cancel: 'POST /api/directives/{id}/cancel',
  cancelAssignment: 'POST /api/directives/{id}/assignments/{recipientId}/cancel',
  extension: 'POST /api/directives/{id}/assignments/{recipientId}/extension',
  resend: 'POST /api/directives/{id}/assignments/{recipientId}/resend',
  /** `{name?, email}`: the assignment moves to another address, with a new link. */
  reassign: 'POST /api/directives/{id}/assignments/{recipientId}/reassign',
} as const;

/**
 * Reading and storing the files officials bring (DOCX, PDF): a Lambda of its own, since the PDF and DOCX readers
 * would grow every other function's bundle several times over. Behind the JWT authorizer like the rest of /api.
 */
export const INTAKE_API = {
  parse: 'POST /api/directives/parse',
  upload: 'POST /api/directives/files',
} as const;

/**
 * Statistics, exports and the urging letter: a Lambda of their own, since the spreadsheet and document
 * libraries they need would triple every other function's bundle. The API routes are behind the JWT
 * authorizer; the pages check the session cookie like the rest of the web app.
 */
export const REPORTS_API = {
  statistics: 'GET /api/statistics',
  urgingLetter: 'GET /api/directives/{id}/urging-letter',
} as const;
export const REPORTS_PAGES = {
  statistics: 'GET /statistics',
  urgingLetter: 'GET /directives/{id}/urging-letter',
} as const;

export const RECIPIENT = {
  view: 'GET /r/{token}',
  head: 'HEAD /r/{token}',
  acknowledge: 'POST /r/{token}/acknowledge',
  report: 'POST /r/{token}/report',
  extension: 'POST /r/{token}/extension',
  /** The agency names who handles it (name, email, phone): copied on reminders. */
  handler: 'POST /r/{token}/handler',
  /** The agency passes tasks down to its own units: a child directive it issues (taskCodes, deadline, recipients). */
  forward: 'POST /r/{token}/forward',
  /** The agency follows its units without an account; `?down=a/b` follows a unit's own forwarding down the chain. */
  forwarded: 'GET /r/{token}/forwarded',
  /** A file of the directive (its original, an annex): GET and HEAD only, nothing recorded. */
  file: 'GET /r/{token}/files/{fileId}',
  fileHead: 'HEAD /r/{token}/files/{fileId}',
  /** A corrected version of a report, until its deadline (slot, the version replaced, text, optional new file). */
  correct: 'POST /r/{token}/correct',
  /** The file of one of the agency's own reports, any version: GET and HEAD only, nothing recorded. */
  reportFile: 'GET /r/{token}/reports/{submissionId}',
  reportFileHead: 'HEAD /r/{token}/reports/{submissionId}',
  /** A phone notice's short link: a 302 to the agency's current `/r/{token}` page. */
  shortLink: 'GET /l/{code}',
} as const;

/**
 * An agency's inbox: public. The form asks for an address and always answers the same; the link it mails lists
 * every assignment of that address across every office.
 */
export const INBOX = {
  form: 'GET /inbox',
  request: 'POST /inbox',
  view: 'GET /inbox/{token}',
  head: 'HEAD /inbox/{token}',
} as const;

/** Signing in and out: public, like the recipients' links. */
export const SIGN_IN = {
  form: 'GET /sign-in',
  signIn: 'POST /sign-in',
  signOut: 'POST /sign-out',
} as const;

/** The new-directive form: a function of its own, since it reads DOCX and PDF. */
export const DIRECTIVE_FORM = {
  newForm: 'GET /directives/new',
  submitForm: 'POST /directives/new',
} as const;

/** The officials' web app: every page needs a signed-in official but the assets. */
export const OFFICIAL_PAGES = {
  home: 'GET /',
  list: 'GET /directives',
  dashboard: 'GET /directives/{id}',
  action: 'POST /directives/{id}/actions',
  /** The status sheet to print for a meeting ("Bản in tình hình thực hiện"). */
  print: 'GET /directives/{id}/print',
  file: 'GET /directives/{id}/files/{recipientId}/{taskCode}',
  /** A file of the directive itself (its original, an annex), from the dashboard. */
  directiveFile: 'GET /directives/{id}/documents/{fileId}',
  directory: 'GET /directory',
  saveAgency: 'POST /directory',
  importDirectory: 'POST /directory/import',
  /** A sample directory to fill in (CSV, the headers the import reads). */
  directorySample: 'GET /directory/sample.csv',
  /** The office's settings: which phone channels (SMS, Zalo) its directives use. */
  settings: 'GET /settings',
  saveSettings: 'POST /settings',
  asset: 'GET /assets/{name}',
} as const;

type Keys<T> = T[keyof T];
const keys = <T extends Record<string, string>>(group: T) => Object.values(group) as Keys<T>[];

export const OFFICIAL_ROUTES = keys(OFFICIALS_API);
export const INTAKE_ROUTES = keys(INTAKE_API);
export const REPORT_API_ROUTES = keys(REPORTS_API);
export const REPORT_PAGE_ROUTES = keys(REPORTS_PAGES);
export const RECIPIENT_ROUTES = keys(RECIPIENT);
export const INBOX_ROUTES = keys(INBOX);
export const SIGN_IN_ROUTES = keys(SIGN_IN);
export const OFFICIAL_PAGE_ROUTES = keys(OFFICIAL_PAGES);
export const DIRECTIVE_FORM_ROUTES = keys(DIRECTIVE_FORM);

export type OfficialRoute = Keys<typeof OFFICIALS_API>;
export type IntakeRoute = Keys<typeof INTAKE_API>;
export type ReportRoute = Keys<typeof REPORTS_API> | Keys<typeof REPORTS_PAGES>;
export type RecipientRoute = Keys<typeof RECIPIENT>;
export type InboxRoute = Keys<typeof INBOX>;
export type SignInRoute = Keys<typeof SIGN_IN>;
export type OfficialPageRoute = Keys<typeof OFFICIAL_PAGES>;

/** A route's path with its parameters filled in (percent-encoded): what links, redirects and form actions use. */
export const pathTo = (route: string, parameters: Record<string, string> = {}, query?: string): string => {
  const path = (route.split(' ')[1] ?? '/').replace(/\{([^}+]+)\+?\}/g, (_, name: string) => {
    const value = parameters[name];
    if (value === undefined) throw new Error(`pathTo: no value for {${name}} in ${route}`);
    return encodeURIComponent(value);
  });
  return query ? `${path}?${query}` : path;
};
