import { issueDirective } from '#app/actions.ts';
import { directiveSummary } from '#app/views.ts';
import { directiveInputSchema } from '#core/directive.ts';
import { ValidationError } from '#core/errors.ts';
import type { OfficialEvent } from '../../middleware/events.ts';
import { officialOf } from '../../middleware/official.ts';
import { type HttpResult, json } from '../responses.ts';

/**
 * Create and issue. Validation comes before any write, so a rejected body stores nothing. The same
 * Idempotency-Key (or, without one, the same number from the same issuer) returns the same directive and
 * sends nothing twice.
 */
export const createDirective = async (event: OfficialEvent): Promise<HttpResult> => {
  officialOf(event);
  const parsed = directiveInputSchema.safeParse(event.body ?? null);
  if (!parsed.success) throw ValidationError.fromZod(parsed.error);
  const { directive, created } = await issueDirective(parsed.data, event.headers['idempotency-key']);
  return json(created ? 201 : 200, directiveSummary(directive), { location: `/api/directives/${directive.id}` });
};
