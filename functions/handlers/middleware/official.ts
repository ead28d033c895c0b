import type { MiddlewareObj } from '@middy/core';
import { isSessionRevoked } from '#adapters/store/sessions.ts';
import { checkOfficeScope } from '#app/offices.ts';
import { problem } from '#contracts/problems.ts';
import { UnauthorizedError } from '#core/errors.ts';
import { officeClaims } from '#core/office.ts';
import type { Official } from '#core/official.ts';
import type { OfficialEvent } from './events.ts';
import { requireSession, sessionIdOf } from './session.ts';

export type { Official };

type Claims = Record<string, unknown>;

const fromClaims = (claims: Claims): Official => {
  const email = typeof claims.email === 'string' ? claims.email : undefined;
  const name = typeof claims.name === 'string' ? claims.name : (email ?? String(claims.sub));
  return { id: String(claims.sub), name, ...(email ? { email } : {}), ...officeClaims(claims) };
};

const signedIn = new WeakMap<object, Official>();

/**
 * Every route of an officials' Lambda (but those named in `except`) needs a signed-in official, resolved once
 * before any route runs: from the claims API Gateway's JWT authorizer verified (the local gateway fills the same
 * place), or from the session cookie of the web app. The authorizer checks a token's signature, issuer, audience
 * and expiry but knows nothing of revocation, so a bearer whose session was signed out is refused here, from the
 * deny-list (adapters/store/sessions.ts); the session cookie is checked the same way. Then the official's office
 * bounds the request, here once for every route (app/offices.ts): the province may not change anything, and a
 * directive named in the path (`{id}`) must be the official's office's, or it is not found.
 */
export const requireOfficial = (options: { except?: readonly string[] } = {}): MiddlewareObj<OfficialEvent> => ({
  before: async ({ event }) => {
    if (options.except?.includes(event.routeKey)) return;
    const claims = event.requestContext?.authorizer?.jwt?.claims as Claims | undefined;
    let official: Official;
    if (!claims?.sub) official = await requireSession(event);
    else {
      const bearer = /^Bearer\s+(\S+)\s*$/i.exec(event.headers?.authorization ?? '')?.[1];
      const sessionId = sessionIdOf(claims, bearer);
      if (sessionId && (await isSessionRevoked(sessionId))) throw new UnauthorizedError(problem('session.signedOut'));
      official = fromClaims(claims);
    }
    signedIn.set(event, official);
    await checkOfficeScope(official, {
      method: event.routeKey.split(' ')[0] ?? '',
      directiveId: event.pathParameters?.id,
    });
  },
});

/** Who acts: the official `requireOfficial()` found for this request. */
export const officialOf = (event: object): Official => {
  const official = signedIn.get(event);
  if (!official) throw new UnauthorizedError(problem('session.required'));
  return official;
};
