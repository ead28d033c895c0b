import { createHash } from 'node:crypto';
import { createRemoteJWKSet, type JWTPayload, jwtVerify } from 'jose';
import { isSessionRevoked } from '#adapters/store/sessions.ts';
import { officialsPool } from '#contracts/environment.ts';
import { problem } from '#contracts/problems.ts';
import { pathTo, SIGN_IN } from '#contracts/routes.ts';
import { UnauthorizedError } from '#core/errors.ts';
import { officeClaims } from '#core/office.ts';
import type { Official } from '#core/official.ts';
import { cookieOf, setCookie } from './cookies.ts';

/**
 * An official's browser session: the Cognito ID token in an HttpOnly cookie, verified here against the user
 * pool's keys (API Gateway's JWT authorizer does the same for `/api/*`, where scripts send it as a bearer), and
 * looked up in the deny-list of signed-out sessions (storage/sessions.ts).
 *
 * The session cookie is `SameSite=Lax`, not Strict: officials open dashboard links from their mail, and a
 * Strict cookie is not sent on that cross-site navigation (nor on the redirects that follow it), so they would
 * find themselves signed out. Lax is safe here because no GET changes anything, and every POST is checked for
 * its origin and its CSRF token (csrf.ts). The refresh token, needed only to revoke the session at sign-out, is
 * in its own Strict cookie that only `/sign-out` receives.
 */
export const SESSION_COOKIE = 'chidao_session';
export const REFRESH_COOKIE = 'chidao_refresh';
const REFRESH_PATH = pathTo(SIGN_IN.signOut);
/** Cognito's default refresh token validity: the cookie need not outlive the token it holds. */
const REFRESH_MAX_AGE = 30 * 24 * 3600;

let keys: ReturnType<typeof createRemoteJWKSet> | undefined;

/**
 * The id of the sign-in a token belongs to: Cognito's `origin_jti` (shared by every token of one sign-in and
 * its refreshes), else the token's own `jti`, else a hash of the token itself.
 */
export const sessionIdOf = (claims: Record<string, unknown>, token?: string): string | undefined => {
  for (const id of [claims.origin_jti, claims.jti]) if (typeof id === 'string' && id !== '') return id;
  return token ? `sha256-${createHash('sha256').update(token).digest('base64url')}` : undefined;
};

export type VerifiedSession = { official: Official; sessionId: string; expiresAt: string };

/** A valid ID token of the officials' pool, revoked or not. */
export const verifySession = async (token: string): Promise<VerifiedSession | undefined> => {
  const pool = officialsPool();
  keys ??= createRemoteJWKSet(new URL(pool.jwksUrl));
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, keys, { issuer: pool.issuer, audience: pool.clientId }));
  } catch {
    return undefined;
  }
  if (payload.token_use !== 'id' || !payload.sub || !payload.exp) return undefined;
  const email = typeof payload.email === 'string' ? payload.email : undefined;
  const name = typeof payload.name === 'string' ? payload.name : (email ?? payload.sub);
  return {
    official: { id: payload.sub, name, ...(email ? { email } : {}), ...officeClaims(payload) },
    sessionId: sessionIdOf(payload, token) ?? '',
    expiresAt: new Date(payload.exp * 1000).toISOString(),
  };
};

/** The official signed in on this browser, or 401 (which pages turn into a redirect to sign in). */
export const requireSession = async (event: { cookies?: string[] }): Promise<Official> => {
  const token = cookieOf(event.cookies, SESSION_COOKIE);
  const session = token ? await verifySession(token) : undefined;
  if (!session || (await isSessionRevoked(session.sessionId))) throw new UnauthorizedError(problem('session.required'));
  return session.official;
};

export const sessionToken = (cookies: string[] | undefined) => cookieOf(cookies, SESSION_COOKIE);
export const refreshToken = (cookies: string[] | undefined) => cookieOf(cookies, REFRESH_COOKIE);

export const sessionCookies = (idToken: string, maxAgeSeconds: number, refresh: string | undefined) => [
  setCookie(SESSION_COOKIE, idToken, { path: '/', sameSite: 'Lax', maxAge: maxAgeSeconds }),
  ...(refresh
    ? [setCookie(REFRESH_COOKIE, refresh, { path: REFRESH_PATH, sameSite: 'Strict', maxAge: REFRESH_MAX_AGE })]
    : []),
];

export const clearedSessionCookies = () => [
  setCookie(SESSION_COOKIE, '', { path: '/', sameSite: 'Lax', maxAge: 0 }),
  setCookie(REFRESH_COOKIE, '', { path: REFRESH_PATH, sameSite: 'Strict', maxAge: 0 }),
];
