import { requestExtension } from '../../shared/domain/transitions.ts';
import type { PublicEvent } from '../../shared/http/events.ts';
import type { HttpResult } from '../../shared/http/responses.ts';
import { messages } from '../../shared/pages/i18n.ts';
import { applyTransition } from '../../shared/storage/assignments.ts';
import { formatDateTime } from '../../shared/time.ts';
import { extensionForm, parseForm } from './forms.ts';
import { openLink } from './open-link.ts';
import { refusalNotice } from './refusal.ts';
import { renderAfterAction } from './view.tsx';

/** A request only: the deadline moves when an official grants it, which wakes the workflow then. */
export const requestExtensionLink = async (event: PublicEvent): Promise<HttpResult> => {
  const opened = await openLink(event);
  const form = parseForm(extensionForm, event.body);
  const { directiveId, recipientId } = opened.claims;
  const result = await applyTransition(directiveId, recipientId, opened.now, (a) =>
    requestExtension(a, opened.now, form),
  );
  if (!result.applied) return refusalNotice(opened, result);
  return renderAfterAction(opened, result.assignment, {
    tone: 'ok',
    title: messages(opened.lang).recipient.extensionNotice,
    text: messages(opened.lang).recipient.extensionNoticeText(form.taskCode, formatDateTime(form.until)),
  });
};
