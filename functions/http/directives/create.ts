import { issueDirective } from '../../shared/actions.ts';
import { directiveInputSchema } from '../../shared/domain/directive.ts';
import { ValidationError } from '../../shared/errors.ts';
import type { OfficialEvent } from '../../shared/http/events.ts';
import { officialOf } from '../../shared/http/official.ts';
import { type HttpResult, json } from '../../shared/http/responses.ts';
import { directiveSummary } from '../../shared/views.ts';

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
