import { UnauthorizedError } from '../errors.ts';
import type { OfficialEvent } from './events.ts';

export type Official = { id: string; name: string; email?: string };

/**
 * The signed-in official, from the claims API Gateway's JWT authorizer verified (the local gateway fills the
 * same place). The route is already protected; this refuses an event without claims rather than trust it.
 */
export const officialOf = (event: Pick<OfficialEvent, 'requestContext'>): Official => {
  const claims = event.requestContext?.authorizer?.jwt?.claims;
  const sub = claims?.sub;
  if (!sub) throw new UnauthorizedError('Cần đăng nhập.');
  const email = typeof claims.email === 'string' ? claims.email : undefined;
  const name = typeof claims.name === 'string' ? claims.name : (email ?? String(sub));
  return { id: String(sub), name, ...(email ? { email } : {}) };
};
