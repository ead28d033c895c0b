import middy from '@middy/core';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import * as z from 'zod/mini';
import { observe } from '#adapters/observability.ts';
import type { Applied } from '#adapters/store/assignments.ts';
import { cancelAssignment, cancelDirective } from '#app/cancel.ts';
import { filesOfDirective } from '#app/directive-files.ts';
import { grantExtension, refuseExtension } from '#app/extensions.ts';
import { issueDirective } from '#app/issue-directive.ts';
import { listDirectives, readAssignment, readDirective } from '#app/read-directive.ts';
import { reassign } from '#app/reassign.ts';
import { resendLink } from '#app/resend-link.ts';
import { assignmentView, directiveSummary } from '#app/views.ts';
import { OFFICIALS_API, type OfficialRoute, pathTo } from '#contracts/routes.ts';
import { emailField } from '#core/agency.ts';
import { directiveInputSchema, tasksOf } from '#core/directive.ts';
import { ValidationError } from '#core/errors.ts';
import { customIssue, says } from '#core/problems.ts';
import { countsOf } from '#core/tally.ts';
import { langOf, render } from '#web/i18n/index.ts';
import { bodyLimit } from '../middleware/body-limit.ts';
import { errorsToResponses } from '../middleware/errors-to-responses.ts';
import type { OfficialEvent } from '../middleware/events.ts';
import { jsonBody } from '../middleware/json-body.ts';
import { officialOf, requireOfficial } from '../middleware/official.ts';
import { assignmentPath, directivePath, route, routeOf } from '../middleware/route.ts';
import { type HttpResult, json } from './responses.ts';

/** "Already done" is a success for the caller: the state they asked for holds. Refusals in the caller's language. */
const answer = (event: OfficialEvent, result: Applied): HttpResult => {
  const view = assignmentView(result.assignment, new Date().toISOString());
  if (result.applied) return json(200, { ...view, applied: true });
  const { refusal, problem } = result.refusal;
  // A date that makes no sense is bad input, on the field that carries it.
  if (refusal === 'INVALID') throw new ValidationError([{ path: 'until', ...problem }]);
  const message = render(problem, langOf(event));
  if (refusal === 'ALREADY_DONE') return json(200, { ...view, applied: false, message });
  return json(409, { error: refusal, message });
};

const reason = z.object({
  reason: z.optional(z.string().check(z.maxLength(2000, says('field.tooLong', { field: 'reason', max: 2000 })))),
});
const instant = z.pipe(
  z.iso.datetime({ offset: true }),
  z.transform((v: string) => new Date(v).toISOString()),
);
const extension = z
  .extend(
    z.object({
      decision: z.enum(['grant', 'refuse'], says('extension.decision')),
      taskCode: z.optional(z.string().check(z.minLength(1))),
      until: z.optional(instant),
    }),
    reason.shape,
  )
  .check(
    z.superRefine((v, ctx) => {
      if (v.decision !== 'grant') return;
      if (!v.taskCode) ctx.addIssue(customIssue(['taskCode'], 'field.requiredToGrant', { field: 'taskCode' }));
      if (!v.until) ctx.addIssue(customIssue(['until'], 'field.requiredToGrant', { field: 'newDeadline' }));
    }),
  );

/**
 * Another address for one agency: `fromEmail`, when given, is the address the caller saw, so that of two
 * officials moving it at once one wins and the other gets 409 (the same target reads as already done).
 */
export const reassignBody = z.object({
  email: emailField('newEmail'),
  name: z.pipe(
    z.optional(z.string().check(z.trim(), z.maxLength(300, says('field.tooLong', { field: 'newName', max: 300 })))),
    z.transform((v: string | undefined) => v || undefined),
  ),
  fromEmail: z.optional(z.string().check(z.trim(), z.toLowerCase(), z.maxLength(254))),
});

/** The directive and one page of its assignments: `?limit=` up to 1,000 (500 by default), `?cursor=`. */
const page = z.object({
  limit: z._default(
    z.coerce
      .number(says('field.number', { field: 'limit' }))
      .check(
        z.int(says('field.integer', { field: 'limit' })),
        z.minimum(1, says('field.min', { field: 'limit', min: 1 })),
        z.maximum(1000, says('field.max', { field: 'limit', max: 1000 })),
      ),
    500,
  ),
  cursor: z.optional(z.string().check(z.minLength(1), z.maxLength(64))),
});

const routes: Record<OfficialRoute, (event: OfficialEvent) => Promise<HttpResult>> = {
  /**
   * Create and issue. Validation comes before any write, so a rejected body stores nothing. The same
   * Idempotency-Key (or, without one, the same number from the same issuer) returns the same directive.
   */
  [OFFICIALS_API.issue]: route({ body: directiveInputSchema }, async ({ event, body }) => {
    const { directive, created } = await issueDirective(body, event.headers['idempotency-key'], officialOf(event));
    return json(created ? 201 : 200, directiveSummary(directive), {
      location: pathTo(OFFICIALS_API.read, { id: directive.id }),
    });
  }),
  [OFFICIALS_API.list]: route(
    { query: z.object({ issuer: z.optional(z.string().check(z.maxLength(300))) }) },
    async ({ event, query }) =>
      json(200, { directives: (await listDirectives(officialOf(event), query.issuer)).map(directiveSummary) }),
  ),
  [OFFICIALS_API.read]: route({ path: directivePath, query: page }, async ({ path, query }) => {
    const now = new Date().toISOString();
    const { directive, assignments, next, whole, counts, submissions, forwarded } = await readDirective(
      path.id,
      query,
      now,
    );
    return json(200, {
      ...directiveSummary({ ...directive, tally: counts }),
      legalBases: directive.legalBases,
      body: directive.body,
      signer: directive.signer,
      leadership: directive.leadership,
      copies: directive.copies,
      ...(directive.fullText ? { fullText: directive.fullText } : {}),
      files: await filesOfDirective(directive),
      // The directive item keeps no assignee lists: they are the assignments' task codes (all of them when
      // the page holds every assignment).
      tasks: directive.tasks.map((t) => ({
        ...t,
        assignees: whole ? assignments.filter((a) => tasksOf([t], a).length > 0).map((a) => a.recipientId) : [],
      })),
      acknowledgeWithin: directive.acknowledgeWithin,
      remindBefore: directive.remindBefore,
      counts: countsOf(counts),
      assignments: assignments.map((a) => assignmentView(a, now, submissions, forwarded.get(a.recipientId))),
      nextCursor: next ?? null,
    });
  }),
  [OFFICIALS_API.readAssignment]: route({ path: assignmentPath }, async ({ path }) => {
    const { assignment, submissions, history } = await readAssignment(path.id, path.recipientId);
    return json(200, { ...assignmentView(assignment, new Date().toISOString(), submissions), history });
  }),
  [OFFICIALS_API.cancel]: route({ path: directivePath, body: reason }, async ({ event, path, body }) =>
    json(200, { id: path.id, cancelled: await cancelDirective(path.id, officialOf(event), body.reason) }),
  ),
  [OFFICIALS_API.cancelAssignment]: route({ path: assignmentPath, body: reason }, async ({ event, path, body }) =>
    answer(event, await cancelAssignment(path.id, path.recipientId, officialOf(event), body.reason)),
  ),
  [OFFICIALS_API.extension]: route({ path: assignmentPath, body: extension }, async ({ event, path, body }) =>
    answer(
      event,
      body.decision === 'refuse'
        ? await refuseExtension(path.id, path.recipientId, officialOf(event), body.reason, body.taskCode)
        : await grantExtension(
            path.id,
            path.recipientId,
            { taskCode: body.taskCode ?? '', until: body.until ?? '' },
            officialOf(event),
          ),
    ),
  ),
  /** A new link (the old one stops working) in a new email. */
  [OFFICIALS_API.resend]: route({ path: assignmentPath }, async ({ event, path }) =>
    answer(event, await resendLink(path.id, path.recipientId, officialOf(event))),
  ),
  /** Another address: a new link to it in a new invitation, every older link answering 410. */
  [OFFICIALS_API.reassign]: route({ path: assignmentPath, body: reassignBody }, async ({ event, path, body }) =>
    answer(event, await reassign(path.id, path.recipientId, body, officialOf(event))),
  ),
};

/** Limited body, then a signed-in official (a bearer not signed out) before any route runs. */
export const handler = middy<OfficialEvent, HttpResult>()
  .use(observe())
  .use(bodyLimit())
  .use(httpHeaderNormalizer())
  .use(jsonBody())
  .use(requireOfficial())
  .use(errorsToResponses())
  .handler(async (event) => {
    const run = routeOf(routes, event.routeKey);
    return run ? run(event) : json(404, { error: 'NotFound', message: `No route ${event.routeKey}` });
  });
