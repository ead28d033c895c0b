import { bodyHash } from '#adapters/store/directives.ts';
import { claimForward, directiveOfKey, linkForward } from '#adapters/store/forwards.ts';
import { isOpen } from '#core/assignment/model.ts';
import { directiveInputSchema, issueProblems } from '#core/directive.ts';
import { ConflictError, ValidationError } from '#core/errors.ts';
import { childDirective, type ForwardForm, forwardRules } from '#core/forward.ts';
import { forwardedOfficeOf } from '#core/office.ts';
import { issueInOffice } from './issue-directive.ts';
import { type OpenedLink, recheckLink } from './open-link.ts';

export type Forwarded =
  | { outcome: 'FORWARDED'; childId: string; units: number }
  | { outcome: 'ALREADY_DONE'; childId: string }
  | { outcome: 'REFUSED'; reason: 'forward.already' | 'forward.closed'; childId?: string };

/**
 * An agency forwards some of its tasks to its units (core/forward.ts): a child directive issued by the agency,
 * through the same use case as an official's directive (stored, then fanned out: invitations, links, reminders,
 * escalations), in an office of its own and on no official's list. The key is the parent assignment and the
 * link version: a double submit finds the same child ("already done"); a second, different forward is refused.
 * Invalid input is a 400 naming the field, before anything is stored.
 */
export const forwardTasks = async (opened: OpenedLink, form: ForwardForm): Promise<Forwarded> => {
  const { assignment: a, directive: parent, now } = opened;
  const key = `forward:${a.directiveId}/${a.recipientId}/v${a.linkVersion}`;
  if (!isOpen(a.status)) return { outcome: 'REFUSED', reason: 'forward.closed' };
  const { problems, deadline } = forwardRules(parent, a, form, now);
  if (problems.length > 0) throw new ValidationError(problems);
  const parsed = directiveInputSchema.safeParse(childDirective(parent, a, form, deadline, now));
  if (!parsed.success) throw ValidationError.fromZod(parsed.error);
  const input = parsed.data;
  // Checked before the assignment is claimed, so that a refused forward leaves nothing behind.
  const late = issueProblems(input, now);
  if (late.length > 0) throw new ValidationError(late.map((p) => ({ ...p, path: 'deadline' })));
  const repeat = async (childId?: string): Promise<Forwarded> => {
    const made = await directiveOfKey(key);
    return made && made.directiveId === (childId ?? made.directiveId) && made.bodyHash === bodyHash(input)
      ? { outcome: 'ALREADY_DONE', childId: made.directiveId }
      : { outcome: 'REFUSED', reason: 'forward.already', ...(childId ? { childId } : {}) };
  };
  if (a.forwardedTo) return repeat(a.forwardedTo);
  if (!(await claimForward(a.directiveId, a.recipientId, key, a.linkVersion))) {
    await recheckLink(opened);
    return repeat();
  }
  try {
    const { directive: child, created } = await issueInOffice(
      input,
      key,
      forwardedOfficeOf(a.directiveId, a.recipientId),
      {
        unlisted: true,
        forwardedFrom: {
          directiveId: a.directiveId,
          recipientId: a.recipientId,
          issuer: parent.issuer,
          number: parent.number,
        },
        beforeFanout: (child) => linkForward(a.directiveId, a.recipientId, key, child.id),
      },
    );
    return created
      ? { outcome: 'FORWARDED', childId: child.id, units: child.recipientCount }
      : { outcome: 'ALREADY_DONE', childId: child.id };
  } catch (error) {
    // The same key with another body: a different forward raced this one and won.
    if (error instanceof ConflictError && error.problem?.code === 'directive.keyReused') return repeat();
    throw error;
  }
};
