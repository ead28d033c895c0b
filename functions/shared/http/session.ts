import { createRemoteJWKSet, type JWTPayload, jwtVerify } from 'jose';
import { officialsPool } from '../config.ts';
import { UnauthorizedError } from '../errors.ts';
import type { Official } from './official.ts';

/**
 * An official's browser session: the Cognito ID token in an HttpOnly cookie, verified here against the user
 * pool's keys (API Gateway's JWT authorizer does the same for `/api/*`, where scripts send it as a bearer).
 */
export const SESSION_COOKIE = 'chidao_session';

let keys: ReturnType<typeof createRemoteJWKSet> | undefined;

export const verifyIdToken = async (token: string): Promise<Official | undefined> => {
  const pool = officialsPool();
  keys ??= createRemoteJWKSet(new URL(pool.jwksUrl));
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, keys, { issuer: pool.issuer, audience: pool.clientId }));
  } catch {
    return undefined;
  }
  if (payload.token_use !== 'id' || !payload.sub) return undefined;
  const email = typeof payload.email === 'string' ? payload.email : undefined;
  const name = typeof payload.name === 'string' ? payload.name : (email ?? payload.sub);
  return { id: payload.sub, name, ...(email ? { email } : {}) };
};

/** The official signed in on this browser, or 401 (which pages turn into a redirect to sign in). */
export const requireSession = async (event: { cookies?: string[] }): Promise<Official> => {
  const token = sessionToken(event.cookies);
  const official = token ? await verifyIdToken(token) : undefined;
  if (!official) throw new UnauthorizedError('Cần đăng nhập.');
  return official;
};

export const sessionToken = (cookies: string[] | undefined) =>
  cookies?.find((c) => c.startsWith(`${SESSION_COOKIE}=`))?.slice(SESSION_COOKIE.length + 1);

export const sessionCookie = (token: string, maxAgeSeconds: number, secure: boolean) =>
  `${SESSION_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAgeSeconds}${secure ? '; Secure' : ''}`;

export const clearedSessionCookie = () => `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`;
