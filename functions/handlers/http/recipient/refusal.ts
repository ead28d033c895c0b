import type { Applied } from '#adapters/store/assignments.ts';
import { messages } from '#web/i18n.ts';
import type { HttpResult } from '../responses.ts';
import type { openLink } from './open-link.ts';
import { renderAfterAction } from './view.tsx';

/** "Already done" is a confirmation, not an error: a second click or a lost race lands here. */
export const refusalNotice = async (
  opened: Awaited<ReturnType<typeof openLink>>,
  result: Extract<Applied, { applied: false }>,
): Promise<HttpResult> => {
  const { refusal, message } = result.refusal;
  const m = messages(opened.lang).recipient;
  if (refusal === 'ALREADY_DONE')
    return renderAfterAction(opened, result.assignment, {
      tone: 'info',
      title: m.alreadyDone,
      text: message,
    });
  if (refusal === 'CLOSED')
    return renderAfterAction(opened, result.assignment, { tone: 'warn', title: m.refused, text: message }, 409);
  const status = refusal === 'TOO_MANY' || refusal === 'TOO_SOON' ? 429 : 400;
  return renderAfterAction(opened, result.assignment, { tone: 'error', title: m.refused, text: message }, status);
};
