import { getDirective } from '#adapters/store/directives.ts';
import { assertCanAct, assertCanRead } from '#core/office.ts';
import type { Official } from '#core/official.ts';

/**
 * What an official may reach, checked once at the edge of every officials' function (middleware/official.ts):
 * a request that changes anything is refused to the province (403, saying why), and a route that names a
 * directive finds it only in the official's office (another office's answers 404, as an unknown id does).
 */
export const checkOfficeScope = async (
  official: Official,
  request: { method: string; directiveId?: string | undefined },
) => {
  if (request.method !== 'GET' && request.method !== 'HEAD') assertCanAct(official);
  if (request.directiveId) assertCanRead(official, await getDirective(request.directiveId));
};
