import { applyTransition } from '#adapters/store/assignments.ts';
import { wake } from '#adapters/workflow.ts';
import { acknowledge } from '#core/assignment/transitions.ts';
import { messages } from '#web/i18n.ts';
import type { PublicEvent } from '../../middleware/events.ts';
import type { HttpResult } from '../responses.ts';
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
