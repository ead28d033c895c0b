import { type Applied, applyTransition } from '#adapters/store/assignments.ts';
import { deleteSubmission, putSubmission } from '#adapters/store/submissions.ts';
import { extensionRequestProblem, requestExtension } from '#core/assignment/transitions.ts';
import { formatDateTime } from '#core/calendar/time.ts';
import { messages } from '#web/i18n.ts';
import type { PublicEvent } from '../../middleware/events.ts';
import type { HttpResult } from '../responses.ts';
import { extensionForm, parseForm } from './forms.ts';
import { openLink } from './open-link.ts';
import { refusalNotice } from './refusal.ts';
import { renderAfterAction } from './view.tsx';

/**
 * A request only: the deadline moves when an official grants it, which wakes the workflow then. One request
 * per slot is pending at a time; a request that makes no sense (a date not after the deadline in force) is
 * refused before anything is stored. The reason in full is a submission of its own.
 */
export const requestExtensionLink = async (event: PublicEvent): Promise<HttpResult> => {
  const opened = await openLink(event);
  const form = parseForm(extensionForm, event.body);
  const { directiveId, recipientId } = opened.claims;
  const problem = extensionRequestProblem(opened.assignment, opened.now, form);
  if (problem && !problem.ok)
    return refusalNotice(opened, { applied: false, assignment: opened.assignment, refusal: problem });

  const reason = await putSubmission(directiveId, recipientId, {
    kind: 'EXTENSION',
    slotKey: form.taskCode,
    text: form.reason,
    at: opened.now,
  });
  let result: Applied;
  try {
    result = await applyTransition(
      directiveId,
      recipientId,
      opened.now,
      (a) => requestExtension(a, opened.now, { ...form, reasonId: reason.id }),
      opened.assignment,
    );
  } catch (error) {
    await deleteSubmission(directiveId, recipientId, reason.id).catch(() => {});
    throw error;
  }
  if (!result.applied) {
    await deleteSubmission(directiveId, recipientId, reason.id).catch(() => {});
    return refusalNotice(opened, result);
  }
  return renderAfterAction(opened, result.assignment, {
    tone: 'ok',
    title: messages(opened.lang).recipient.extensionNotice,
    text: messages(opened.lang).recipient.extensionNoticeText(form.taskCode, formatDateTime(form.until)),
  });
};
