import { type Applied, applyTransition } from '#adapters/store/assignments.ts';
import { deleteSubmission, putSubmission } from '#adapters/store/submissions.ts';
import { type ExtensionRequestInput, extensionRequestProblem, requestExtension } from '#core/assignment/transitions.ts';
import { byLinkHolder, type OpenedLink } from './open-link.ts';

/**
 * A request only: the deadline moves when an official grants it, which wakes the workflow then. One request per
 * slot is pending at a time; a request that makes no sense (a date not after the deadline in force) is refused
 * before anything is stored. The reason in full is a submission of its own.
 */
export const requestExtensionFor = async (
  opened: OpenedLink,
  input: Omit<ExtensionRequestInput, 'reasonId'>,
): Promise<Applied> => {
  const { directiveId, recipientId } = opened.claims;
  const problem = extensionRequestProblem(opened.assignment, opened.now, input);
  if (problem && !problem.ok) return { applied: false, assignment: opened.assignment, refusal: problem };
  const reason = await putSubmission(directiveId, recipientId, {
    kind: 'EXTENSION',
    slotKey: input.taskCode,
    text: input.reason,
    at: opened.now,
  });
  let result: Applied;
  try {
    result = await applyTransition(
      directiveId,
      recipientId,
      opened.now,
      byLinkHolder(opened, (a) => requestExtension(a, opened.now, { ...input, reasonId: reason.id })),
      opened.assignment,
    );
  } catch (error) {
    await deleteSubmission(directiveId, recipientId, reason.id).catch(() => {});
    throw error;
  }
  if (!result.applied) await deleteSubmission(directiveId, recipientId, reason.id).catch(() => {});
  return result;
};
