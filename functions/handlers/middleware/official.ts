import type { MiddlewareObj } from '@middy/core';
import { isSessionRevoked } from '#adapters/store/sessions.ts';
import { UnauthorizedError } from '#core/errors.ts';
import type { OfficialEvent } from './events.ts';
import { sessionIdOf } from './session.ts';

export type { Official } from '#core/official.ts';

import type { Official } from '#core/official.ts';

/**
 * The signed-in official, from the claims API Gateway's JWT authorizer verified (the local gateway fills the
 * same place). The route is already protected; this refuses an event without claims rather than trust it.
 * Whether the session was signed out is asked once per request by `liveBearer()`, which every handler that
 * calls this runs first.
 */
export const officialOf = (event: Pick<OfficialEvent, 'requestContext'>): Official => {
  const claims = event.requestContext?.authorizer?.jwt?.claims;
  const sub = claims?.sub;
  if (!sub) throw new UnauthorizedError('Cần đăng nhập.');
  const email = typeof claims.email === 'string' ? claims.email : undefined;
  const name = typeof claims.name === 'string' ? claims.name : (email ?? String(sub));
  return { id: String(sub), name, ...(email ? { email } : {}) };
};

/**
 * Refuses a bearer token whose session was signed out. API Gateway's JWT authorizer checks a token's signature,
 * issuer, audience and expiry, but knows nothing of revocation: an ID token copied before sign-out would pass it
 * until it expires. So the handler consults the deny-list (storage/sessions.ts) for the token's sign-in.
 */
export const liveBearer = (): MiddlewareObj<OfficialEvent> => ({
  before: async ({ event }) => {
    const claims = event.requestContext?.authorizer?.jwt?.claims;
    if (!claims) return;
    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(event.headers?.authorization ?? '')?.[1];
    const sessionId = sessionIdOf(claims, bearer);
    if (sessionId && (await isSessionRevoked(sessionId)))
      throw new UnauthorizedError('Phiên đăng nhập đã kết thúc (đã đăng xuất). Vui lòng đăng nhập lại.');
  },
});
