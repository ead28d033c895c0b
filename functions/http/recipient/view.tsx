import type { PublicEvent } from '../../shared/http/events.ts';
import type { HttpResult } from '../../shared/http/responses.ts';
import { langCookie } from '../../shared/pages/i18n.ts';
import { type Notice, RecipientPage } from '../../shared/pages/recipient-page.tsx';
import { page } from '../../shared/pages/render.tsx';
import { submissionsOf } from '../../shared/storage/submissions.ts';
import { openLink } from './open-link.ts';

/** GET and HEAD only show: mail scanners fetch links before people do. */
export const viewLink = async (event: PublicEvent): Promise<HttpResult> => {
  const { token, now, assignment, directive, submissions, lang } = await openLink(event);
  const result = page(
    200,
    <RecipientPage
      directive={directive}
      assignment={assignment}
      token={token}
      now={now}
      submissions={submissions}
      lang={lang}
    />,
    {},
    langCookie(event),
  );
  return event.requestContext.http.method === 'HEAD' ? { ...result, body: '' } : result;
};

/** The page after an action, with what the agency wrote read again: the action may have added to it. */
export const renderAfterAction = async (
  opened: Awaited<ReturnType<typeof openLink>>,
  assignment: typeof opened.assignment,
  notice: Notice,
  status = 200,
): Promise<HttpResult> =>
  page(
    status,
    <RecipientPage
      directive={opened.directive}
      assignment={assignment}
      token={opened.token}
      now={opened.now}
      notice={notice}
      submissions={await submissionsOf(opened.claims.directiveId, opened.claims.recipientId)}
      lang={opened.lang}
    />,
  );
