import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { problem } from '#contracts/problems.ts';
import { AppError } from '#core/errors.ts';
import { CSRF_FIELD } from '#web/post-form.tsx';
import { cookieOf, secureSite, setCookie } from './cookies.ts';
import { originOf, siteOrigins } from './same-origin.ts';

/**
 * Cross-site request forgery, for the officials' cookie-authenticated forms (the web app, sign-in and sign-out).
 * A state-changing request must pass both checks:
 *
 * 1. Where it comes from: `Sec-Fetch-Site`, when the browser sends it, is `same-origin` or `none`; `Origin`, when
 *    sent, is this site's (`null`, which sandboxed frames and some redirects send, is refused).
 * 2. A token (double submit): a random value in a `SameSite=Strict; HttpOnly` cookie, repeated in a hidden field
 *    of every form (`<PostForm>`). Another site can make the browser send the cookie on a top-level POST only if
 *    SameSite fails, and can never read it to write the field. Over HTTPS the cookie is `__Host-` prefixed, so a
 *    sibling subdomain cannot plant its own.
 *
 * The session cookie stays `SameSite=Lax` (see session.ts): officials open dashboard links from their mail, a
 * cross-site navigation that must arrive signed in. Lax still withholds it from cross-site POSTs in current
 * browsers, and these checks do not rely on that.
 *
 * The recipients' `/r/{token}/*` forms are not in scope: the capability in their URL is the credential, and a
 * forged POST needs it. Neither is `/api/*`, which takes a bearer token and no cookie.
 */

export { CSRF_FIELD };

const cookieName = () => (secureSite() ? '__Host-chidao_csrf' : 'chidao_csrf');
const TOKEN = /^[A-Za-z0-9_-]{43}$/;
/** A cookie outlives a browser session so that a page left open still posts; a missing one is set again. */
const MAX_AGE = 30 * 24 * 3600;

export class CrossSiteRequestError extends AppError {
  readonly status = 403;
  readonly code = 'CrossSiteRequest';
}

type State = { token: string; fresh: boolean; used: boolean };
const states = new WeakMap<object, State>();

const newToken = () => randomBytes(32).toString('base64url');
const same = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/**
 * The token a page of this request puts in its forms. A request without a valid cookie gets a new token, which
 * the response then sets. (Opening a page from a mail link sends no Strict cookie, so that page sets a new token
 * and older tabs' forms ask to be reloaded; the dashboard's own refresh brings its forms up to date.)
 */
export const csrfTokenOf = (event: object): string | undefined => {
  const state = states.get(event);
  if (!state) return undefined;
  state.used = true;
  return state.token;
};

/** A new token with a new session (signing in), so that a token seen before it is worth nothing after. */
export const rotateCsrfToken = (event: object) => {
  const state = states.get(event);
  if (state) Object.assign(state, { token: newToken(), fresh: true, used: true });
};

type CsrfEvent = {
  cookies?: string[];
  headers?: Record<string, string | undefined>;
  body?: unknown;
  requestContext: { http: { method: string } };
};

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const refused = () => new CrossSiteRequestError(problem('request.crossSite'));

/**
 * Throws CrossSiteRequestError when a browser says the request comes from another site (`Sec-Fetch-Site`,
 * `Origin`). The recipients' forms need no token (the link is the capability), but a form that creates something
 * (forwarding to units) is still refused from another site's page.
 */
export const assertSameSite = (
  event: Pick<CsrfEvent, 'headers'>,
  /**
   * A page sent with `Referrer-Policy: no-referrer` (the recipients', whose path is their link) posts its forms
   * with `Origin: null`; `Sec-Fetch-Site` still says where the form was.
   */
  options: { nullOrigin?: boolean } = {},
) => {
  const site = event.headers?.['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') throw refused();
  const origin = event.headers?.origin;
  if (origin !== undefined && !(options.nullOrigin && origin === 'null')) {
    const normalized = originOf(origin);
    if (!normalized || !siteOrigins(event).has(normalized)) throw refused();
  }
};

/** Throws CrossSiteRequestError unless a state-changing request comes from this site with the token. */
const check = (event: CsrfEvent, cookie: string | undefined) => {
  assertSameSite(event);
  const form = event.body && typeof event.body === 'object' ? (event.body as Record<string, unknown>) : undefined;
  const given = form?.[CSRF_FIELD];
  if (!cookie || typeof given !== 'string' || !same(given, cookie)) throw refused();
  // The handlers never see the token (a re-rendered form would otherwise echo it into other fields).
  if (form) delete form[CSRF_FIELD];
};

/**
 * The middleware: after the body parsers, before the handler. Every state-changing method is checked; every
 * request gets a token for the forms its page renders.
 */
export const csrfProtection = (): MiddlewareObj<CsrfEvent, APIGatewayProxyStructuredResultV2> => ({
  before: async ({ event }) => {
    const raw = cookieOf(event.cookies, cookieName());
    const cookie = raw && TOKEN.test(raw) ? raw : undefined;
    states.set(event, { token: cookie ?? newToken(), fresh: !cookie, used: false });
    if (!SAFE_METHODS.has(event.requestContext.http.method.toUpperCase())) check(event, cookie);
  },
  after: async ({ event, response }) => {
    const state = states.get(event);
    if (!state?.fresh || !state.used || !response || typeof response !== 'object') return;
    response.cookies = [
      ...(response.cookies ?? []),
      setCookie(cookieName(), state.token, { path: '/', sameSite: 'Strict', maxAge: MAX_AGE }),
    ];
  },
});
