import { applyTransition } from '#adapters/store/assignments.ts';
import { wake } from '#adapters/workflow.ts';
import { acknowledge } from '#core/assignment/transitions.ts';
import { byLinkHolder, type OpenedLink } from './open-link.ts';

/** The agency acknowledges receipt through its link; the waiting execution is told at once. */
export const acknowledgeReceipt = async (opened: OpenedLink) => {
  const { directiveId, recipientId } = opened.claims;
  const result = await applyTransition(
    directiveId,
    recipientId,
    opened.now,
    byLinkHolder(opened, (a) => acknowledge(a, opened.now)),
  );
  if (result.applied) await wake(result.assignment, opened.now);
  return result;
};
