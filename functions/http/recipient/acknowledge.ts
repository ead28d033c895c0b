import { acknowledge } from '../../shared/domain/transitions.ts';
import type { PublicEvent } from '../../shared/http/events.ts';
import type { HttpResult } from '../../shared/http/responses.ts';
import { messages } from '../../shared/pages/i18n.ts';
import { applyTransition } from '../../shared/storage/assignments.ts';
import { wake } from '../../shared/workflow.ts';
import { openLink } from './open-link.ts';
import { refusalNotice } from './refusal.ts';
import { renderAfterAction } from './view.tsx';

export const acknowledgeLink = async (event: PublicEvent): Promise<HttpResult> => {
  const opened = await openLink(event);
  const { directiveId, recipientId } = opened.claims;
  const result = await applyTransition(directiveId, recipientId, opened.now, (a) => acknowledge(a, opened.now));
  if (!result.applied) return refusalNotice(opened, result);
  await wake(result.assignment, opened.now);
  return renderAfterAction(opened, result.assignment, {
    tone: 'ok',
    title: messages(opened.lang).recipient.acknowledgedNotice,
    text: messages(opened.lang).recipient.acknowledgedNoticeText(result.assignment.recipientName),
  });
};
