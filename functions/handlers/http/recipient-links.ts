import middy from '@middy/core';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import httpUrlencodeBodyParser from '@middy/http-urlencode-body-parser';
import { observe } from '#adapters/observability.ts';
import { acknowledgeReceipt } from '#app/acknowledge.ts';
import { submitCorrection } from '#app/correct-report.ts';
import { directiveFile } from '#app/directive-files.ts';
import { forwardTasks } from '#app/forward.ts';
import { followForwarded, unitReports } from '#app/forwarded.ts';
import { nameHandler } from '#app/name-handler.ts';
import { openLink } from '#app/open-link.ts';
import { ownReportFile } from '#app/own-report-file.ts';
import { submitReport } from '#app/report.ts';
import { requestExtensionFor } from '#app/request-extension.ts';
import { resolveShortLink } from '#app/short-link.ts';
import { problem } from '#contracts/problems.ts';
import { RECIPIENT, type RecipientRoute } from '#contracts/routes.ts';
import { slotOf } from '#core/assignment/model.ts';
import { formatDateTime } from '#core/calendar/time.ts';
import { ValidationError } from '#core/errors.ts';
import { forwardForm, typedForward } from '#core/forward.ts';
import { type Lang, langCookie, langOf, messages, recipientReportsMessages, render } from '#web/i18n/index.ts';
import { bodyLimit } from '../middleware/body-limit.ts';
import { assertSameSite } from '../middleware/csrf.ts';
import { errorsToResponses } from '../middleware/errors-to-responses.ts';
import type { PublicEvent } from '../middleware/events.ts';
import { multipartBody } from '../middleware/multipart.ts';
import { routeOf } from '../middleware/route.ts';
import { download } from './download.ts';
import { messagePage } from './pages.tsx';
import {
  correctionForm,
  extensionForm,
  handlerForm,
  MAX_ATTACHMENT_BYTES,
  parseForm,
  reportForm,
} from './recipient/forms.ts';
import { forwardedPage, type Opened, recipientPage, refusalNotice } from './recipient/pages.tsx';
import type { HttpResult } from './responses.ts';

const opened = async (event: PublicEvent): Promise<Opened> => ({
  ...(await openLink(event.pathParameters?.token ?? '', new Date().toISOString())),
  lang: langOf(event),
});

/**
 * GET and HEAD only show: mail scanners fetch links before people do. `?summarize=1` fills the report forms of an
 * agency that forwarded its tasks with its units' reports ("Tổng hợp từ báo cáo của đơn vị").
 */
const view = async (event: PublicEvent) => {
  const link = await opened(event);
  const summarize = event.queryStringParameters?.summarize === '1' && link.assignment.forwardedTo;
  const reports = summarize ? await unitReports(link) : undefined;
  const result = await recipientPage(link, link.assignment, undefined, 200, langCookie(event), {
    unitReports: reports,
  });
  return event.requestContext.http.method === 'HEAD' ? { ...result, body: '' } : result;
};

const acknowledge = async (event: PublicEvent) => {
  const link = await opened(event);
  const result = await acknowledgeReceipt(link);
  if (!result.applied) return refusalNotice(link, result);
  const m = messages(link.lang).recipient;
  return recipientPage(link, result.assignment, {
    tone: 'ok',
    title: m.acknowledgedNotice,
    text: m.acknowledgedNoticeText(result.assignment.recipientName),
  });
};

const report = async (event: PublicEvent) => {
  const link = await opened(event);
  // No parser took the body: a multipart whose boundary the parser's pattern refuses (quoted, or with `_`/`.`).
  if (typeof event.body === 'string' && event.body !== '')
    throw new ValidationError([{ path: '', ...problem('form.unreadable') }]);
  const { file, summary, taskCode } = parseForm(reportForm, event.body);
  const result = await submitReport(link, { taskCode, summary, file });
  if (!result.applied) return refusalNotice(link, result);
  const m = messages(link.lang).recipient;
  const completed = result.assignment.status === 'COMPLETED';
  const attached = result.attachment ? ` ${m.attachment}: ${result.attachment.name}.` : '';
  return recipientPage(link, result.assignment, {
    tone: 'ok',
    title: m.reportedNotice(slotOf(result.assignment, taskCode)?.taskCode ?? taskCode),
    text: `${completed ? m.allDoneText : m.reportedNoticeText}${attached}`,
  });
};

/**
 * A corrected version of a report, until its deadline: a form of this site only, like forwarding. After the
 * deadline, or past the number of corrections allowed, the page says so with a 4xx and nothing is stored.
 */
const correct = async (event: PublicEvent) => {
  assertSameSite(event, { nullOrigin: true });
  const link = await opened(event);
  if (typeof event.body === 'string' && event.body !== '')
    throw new ValidationError([{ path: '', ...problem('form.unreadable') }]);
  const { taskCode, replaces, summary, file } = parseForm(correctionForm, event.body);
  const result = await submitCorrection(link, { slotKey: taskCode, replaces, summary, file });
  if (!result.applied) return refusalNotice(link, result);
  const r = recipientReportsMessages(link.lang);
  return recipientPage(link, result.assignment, {
    tone: 'ok',
    title: r.correctedNotice(slotOf(result.assignment, taskCode)?.taskCode ?? taskCode),
    text: r.correctedNoticeText,
  });
};

const extension = async (event: PublicEvent) => {
  const link = await opened(event);
  const form = parseForm(extensionForm, event.body);
  const result = await requestExtensionFor(link, form);
  if (!result.applied) return refusalNotice(link, result);
  const m = messages(link.lang).recipient;
  return recipientPage(link, result.assignment, {
    tone: 'ok',
    title: m.extensionNotice,
    text: m.extensionNoticeText(form.taskCode, formatDateTime(form.until)),
  });
};

const handlerNamed = async (event: PublicEvent) => {
  const link = await opened(event);
  const { name, email, phone } = parseForm(handlerForm, event.body);
  const result = await nameHandler(link, { name, email, ...(phone ? { phone } : {}) });
  if (!result.applied) return refusalNotice(link, result);
  const m = messages(link.lang).recipient;
  return recipientPage(link, result.assignment, {
    tone: 'ok',
    title: m.handlerNotice,
    text: m.handlerNoticeText(name),
  });
};

/** The agency forwards tasks to its units: a form of this site only, then its page with what was done. */
const forward = async (event: PublicEvent) => {
  assertSameSite(event, { nullOrigin: true });
  const link = await opened(event);
  const f = messages(link.lang).forward;
  const m = messages(link.lang).recipient;
  let result: Awaited<ReturnType<typeof forwardTasks>>;
  try {
    result = await forwardTasks(link, parseForm(forwardForm, event.body));
  } catch (error) {
    // Refused input: the page again, saying what and where, with everything typed kept (nothing was stored).
    if (!(error instanceof ValidationError)) throw error;
    const text = error.issues.map((i) => render(i, link.lang)).join('; ');
    return recipientPage(link, link.assignment, { tone: 'error', title: m.refused, text }, 400, [], {
      forwardValues: typedForward(event.body),
    });
  }
  if (result.outcome === 'REFUSED') {
    const assignment = result.childId ? { ...link.assignment, forwardedTo: result.childId } : link.assignment;
    const tone = result.reason === 'forward.closed' ? 'warn' : 'info';
    return recipientPage(
      link,
      assignment,
      { tone, title: m.refused, text: render(problem(result.reason), link.lang) },
      409,
    );
  }
  const assignment = { ...link.assignment, forwardedTo: result.childId };
  if (result.outcome === 'ALREADY_DONE')
    return recipientPage(link, assignment, { tone: 'info', title: m.alreadyDone, text: f.alreadyText });
  return recipientPage(link, assignment, { tone: 'ok', title: f.doneTitle, text: f.doneText(result.units) });
};

/** The agency's units (and, with `?down=`, their units in turn): a page that changes nothing. */
const forwarded = async (event: PublicEvent) => {
  const link = await opened(event);
  const down = (event.queryStringParameters?.down ?? '').split('/').filter((s) => s !== '');
  return forwardedPage(link, down, await followForwarded(link, down), langCookie(event));
};

/**
 * A file of the directive: GET and HEAD only, like the page, and like it nothing is recorded (a mail scanner that
 * fetches the file must not count as the agency opening or acknowledging anything).
 */
const file = async (event: PublicEvent) => {
  const link = await opened(event);
  const head = event.requestContext.http.method === 'HEAD';
  const { file, bytes } = await directiveFile(link.directive, event.pathParameters?.fileId ?? '', !head);
  const result = download(bytes ?? Buffer.alloc(0), file.contentType, file.name);
  return head ? { ...result, body: '', isBase64Encoded: false } : result;
};

/** The file of one of the agency's own reports (any version): GET and HEAD only, nothing recorded. */
const reportFile = async (event: PublicEvent) => {
  const link = await opened(event);
  const head = event.requestContext.http.method === 'HEAD';
  const found = await ownReportFile(link, event.pathParameters?.submissionId ?? '', !head);
  const result = download(found.body ?? Buffer.alloc(0), found.contentType, found.name);
  return head ? { ...result, body: '', isBase64Encoded: false } : result;
};

/**
 * A phone notice's short link: a 302 to the agency's current page (a re-sent or moved link included). GET only, and
 * nothing recorded, like the page itself.
 */
const shortLink = async (event: PublicEvent): Promise<HttpResult> => ({
  statusCode: 302,
  headers: {
    location: await resolveShortLink(event.pathParameters?.code ?? '', new Date().toISOString()),
    'cache-control': 'no-store',
    'referrer-policy': 'no-referrer',
  },
  body: '',
});

const routes: Record<RecipientRoute, (event: PublicEvent) => Promise<HttpResult>> = {
  [RECIPIENT.view]: view,
  [RECIPIENT.head]: view,
  [RECIPIENT.acknowledge]: acknowledge,
  [RECIPIENT.report]: report,
  [RECIPIENT.extension]: extension,
  [RECIPIENT.handler]: handlerNamed,
  [RECIPIENT.forward]: forward,
  [RECIPIENT.forwarded]: forwarded,
  [RECIPIENT.file]: file,
  [RECIPIENT.fileHead]: file,
  [RECIPIENT.correct]: correct,
  [RECIPIENT.reportFile]: reportFile,
  [RECIPIENT.reportFileHead]: reportFile,
  [RECIPIENT.shortLink]: shortLink,
};

/** A page that is only a message, titled by its status, in the visitor's language. */
const errorPage = (status: number, text: string, lang: Lang) => {
  const m = messages(lang).recipient;
  return messagePage(status, m.errorTitles[status] ?? m.refused, text, status >= 500 ? 'error' : 'warn', lang);
};

/**
 * No CSRF token here: a recipient's link is a capability, and a forged POST would need the link itself. A body is
 * limited before anything reads it; a malformed one is a 400 before the link is looked at.
 */
export const handler = middy<PublicEvent, HttpResult>()
  .use(observe())
  .use(bodyLimit())
  .use(httpHeaderNormalizer())
  .use(httpUrlencodeBodyParser({ disableContentTypeError: true }))
  // A report may carry one file. Past fileSize busboy stops reading and marks the file truncated, which the form
  // refuses.
  .use(multipartBody({ files: 1, fileSize: MAX_ATTACHMENT_BYTES, fields: 20, fieldSize: 64 * 1024 }))
  .use(errorsToResponses((status, _code, message, event) => errorPage(status, message, langOf(event))))
  .handler(async (event) => {
    const run = routeOf(routes, event.routeKey);
    if (run) return run(event);
    const lang = langOf(event);
    return errorPage(404, render(problem('page.notFound'), lang), lang);
  });
