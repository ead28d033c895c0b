import { submissionsByIds } from '#adapters/store/submissions.ts';
import { langCookie } from '#web/i18n.ts';
import { type Notice, RecipientPage, submissionsShownOn } from '#web/recipient/recipient-page.tsx';
import type { PublicEvent } from '../../middleware/events.ts';
import { page } from '../pages.tsx';
import type { HttpResult } from '../responses.ts';
import { openLink } from './open-link.ts';

type Opened = Awaited<ReturnType<typeof openLink>>;

/** The files of the reports the page lists: read by id, without their texts. */
const filesShown = (opened: Opened, assignment: Opened['assignment']) =>
  submissionsByIds(
    opened.claims.directiveId,
    submissionsShownOn(opened.directive, assignment, opened.now).map((id) => ({
      recipientId: opened.claims.recipientId,
      id,
    })),
    { withText: false },
  );

/** GET and HEAD only show: mail scanners fetch links before people do. */
export const viewLink = async (event: PublicEvent): Promise<HttpResult> => {
  const opened = await openLink(event);
  const { token, now, assignment, directive, lang } = opened;
  const result = page(
    200,
    <RecipientPage
      directive={directive}
      assignment={assignment}
      token={token}
      now={now}
      submissions={await filesShown(opened, assignment)}
      lang={lang}
    />,
    {},
    langCookie(event),
  );
  return event.requestContext.http.method === 'HEAD' ? { ...result, body: '' } : result;
};

/** The page after an action, with the files read again: the action may have added one. */
export const renderAfterAction = async (
  opened: Opened,
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
      submissions={await filesShown(opened, assignment)}
      lang={opened.lang}
    />,
  );
