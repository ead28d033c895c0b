import type { Applied } from '#adapters/store/assignments.ts';
import { submissionsByIds } from '#adapters/store/submissions.ts';
import { filesOfDirective } from '#app/directive-files.ts';
import { type followForwarded, ownRollUp, type UnitReport } from '#app/forwarded.ts';
import type { OpenedLink } from '#app/open-link.ts';
import { type Lang, messages, render } from '#web/i18n/index.ts';
import type { ForwardValues } from '#web/recipient/forward-form.tsx';
import { ForwardedPage } from '#web/recipient/forwarded-page.tsx';
import { type Notice, RecipientPage, submissionsShownOn } from '#web/recipient/recipient-page.tsx';
import { earlierVersionIds } from '#web/recipient/sent-reports.tsx';
import { page } from '../pages.tsx';
import type { HttpResult } from '../responses.ts';

/** A recipient's link as a page answers it: the opened assignment, in the visitor's language. */
export type Opened = OpenedLink & { lang: Lang };

/**
 * The reports the page lists, with their texts: the versions in force, then the earlier versions they name (at
 * most MAX_CORRECTIONS each), so that the agency sees everything it sent for them.
 */
const reportsShown = async (opened: Opened, assignment: Opened['assignment']) => {
  const { directiveId, recipientId } = opened.claims;
  const refs = (ids: string[]) => ids.map((id) => ({ recipientId, id }));
  const current = await submissionsByIds(
    directiveId,
    refs(submissionsShownOn(opened.directive, assignment, opened.now)),
  );
  const earlier = earlierVersionIds(current);
  if (earlier.length === 0) return current;
  return new Map([...current, ...(await submissionsByIds(directiveId, refs(earlier)))]);
};

/** The agency's page, with a notice after an action; the reports are read again: the action may have added one. */
export const recipientPage = async (
  opened: Opened,
  assignment: Opened['assignment'],
  notice?: Notice,
  status = 200,
  cookies: string[] = [],
  more: {
    /** Its units' reports by task (`?summarize=1`). */
    unitReports?: ReadonlyMap<string, readonly UnitReport[]> | undefined;
    /** A refused forward, as typed: the form shows it again. */
    forwardValues?: ForwardValues | undefined;
  } = {},
): Promise<HttpResult> =>
  page(
    status,
    <RecipientPage
      directive={opened.directive}
      assignment={assignment}
      token={opened.token}
      now={opened.now}
      {...(notice ? { notice } : {})}
      submissions={await reportsShown(opened, assignment)}
      files={await filesOfDirective(opened.directive)}
      lang={opened.lang}
      rollUp={await ownRollUp(assignment)}
      unitReports={more.unitReports}
      forwardValues={more.forwardValues}
    />,
    {},
    cookies,
  );

/** "Already done" is a confirmation, not an error: a second click or a lost race lands here. */
export const refusalNotice = (opened: Opened, result: Extract<Applied, { applied: false }>): Promise<HttpResult> => {
  const { refusal, problem } = result.refusal;
  const m = messages(opened.lang).recipient;
  const message = render(problem, opened.lang);
  if (refusal === 'ALREADY_DONE')
    return recipientPage(opened, result.assignment, { tone: 'info', title: m.alreadyDone, text: message });
  if (refusal === 'CLOSED')
    return recipientPage(opened, result.assignment, { tone: 'warn', title: m.refused, text: message }, 409);
  const status = refusal === 'TOO_MANY' || refusal === 'TOO_SOON' ? 429 : 400;
  return recipientPage(opened, result.assignment, { tone: 'error', title: m.refused, text: message }, status);
};

/** The agency's units (`GET /r/{token}/forwarded`), as app/forwarded.ts followed them down from its link. */
export const forwardedPage = (
  opened: Opened,
  down: readonly string[],
  read: Awaited<ReturnType<typeof followForwarded>>,
  cookies: string[] = [],
): HttpResult =>
  page(
    200,
    <ForwardedPage
      token={opened.token}
      directive={read.directive}
      assignments={read.assignments}
      submissions={read.submissions}
      forwarded={read.forwarded}
      trail={read.trail}
      down={down}
      now={opened.now}
      lang={opened.lang}
    />,
    {},
    cookies,
  );
