import type { PublicEvent } from '../../shared/http/events.ts';
import type { HttpResult } from '../../shared/http/responses.ts';
import { langCookie } from '../../shared/pages/i18n.ts';
import { type Notice, RecipientPage } from '../../shared/pages/recipient-page.tsx';
import { page } from '../../shared/pages/render.tsx';
import { openLink } from './open-link.ts';

/** GET and HEAD only show: mail scanners fetch links before people do. */
export const viewLink = async (event: PublicEvent): Promise<HttpResult> => {
  const { token, now, assignment, directive, lang } = await openLink(event);
  const result = page(
    200,
    <RecipientPage directive={directive} assignment={assignment} token={token} now={now} lang={lang} />,
    {},
    langCookie(event),
  );
  return event.requestContext.http.method === 'HEAD' ? { ...result, body: '' } : result;
};

export const renderAfterAction = (
  opened: Awaited<ReturnType<typeof openLink>>,
  assignment: typeof opened.assignment,
  notice: Notice,
  status = 200,
): HttpResult =>
  page(
    status,
    <RecipientPage
      directive={opened.directive}
      assignment={assignment}
      token={opened.token}
      now={opened.now}
      notice={notice}
      lang={opened.lang}
    />,
  );
