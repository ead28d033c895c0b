import middy from '@middy/core';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import httpUrlencodeBodyParser from '@middy/http-urlencode-body-parser';
import { observe } from '#adapters/observability.ts';
import { readInbox } from '#app/read-inbox.ts';
import { requestInboxLink } from '#app/request-inbox-link.ts';
import { problem } from '#contracts/problems.ts';
import { INBOX, type InboxRoute, pathTo } from '#contracts/routes.ts';
import { ValidationError } from '#core/errors.ts';
import { inboxRequestSchema } from '#core/inbox.ts';
import { inboxMessages, type Lang, langCookie, langOf, render, renderIssues } from '#web/i18n/index.ts';
import { InboxFormPage, InboxListPage, InboxRefusedPage, InboxSentPage } from '#web/inbox/inbox-pages.tsx';
import { bodyLimit } from '../middleware/body-limit.ts';
import { assertSameSite } from '../middleware/csrf.ts';
import { errorsToResponses } from '../middleware/errors-to-responses.ts';
import type { PublicEvent } from '../middleware/events.ts';
import { jsonBody } from '../middleware/json-body.ts';
import { routeOf } from '../middleware/route.ts';
import { messagePage, page } from './pages.tsx';
import { type HttpResult, json } from './responses.ts';

/**
 * An agency's inbox. `GET /inbox` asks for an address; `POST /inbox` (a form, or JSON `{email}`) always answers
 * the same, so that no one learns which addresses have assignments; the link it mails opens `GET /inbox/{token}`.
 */

const wantsJson = (event: PublicEvent) =>
  /^application\/([\w.+-]+\+)?json/i.test(event.headers?.['content-type'] ?? '');

/**
 * The form's own page keeps the referrer on this site: under the `no-referrer` of other pages, browsers send
 * `Origin: null` on its POST, which the same-origin check refuses.
 */
const formPage = (event: PublicEvent, status: number, node: preact.VNode) =>
  page(status, node, { 'referrer-policy': 'same-origin' }, langCookie(event));

const form = async (event: PublicEvent) => formPage(event, 200, <InboxFormPage lang={langOf(event)} />);

const request = async (event: PublicEvent) => {
  // No token to tie to a session, but another site cannot make its visitors' browsers send link emails.
  assertSameSite(event);
  const lang = langOf(event);
  // Whatever the body was (a JSON array, nothing), what is missing is the address.
  const body = event.body && typeof event.body === 'object' && !Array.isArray(event.body) ? event.body : {};
  const parsed = inboxRequestSchema.safeParse(body);
  if (!parsed.success) {
    const error = ValidationError.fromZod(parsed.error);
    if (wantsJson(event))
      return json(400, {
        error: error.code,
        issues: error.issues.map((i) => ({ path: i.path, message: render(i, lang) })),
      });
    const typed = (body as { email?: unknown }).email;
    return formPage(
      event,
      400,
      <InboxFormPage
        lang={lang}
        email={typeof typed === 'string' ? typed.slice(0, 254) : ''}
        error={renderIssues(error.issues, lang)}
      />,
    );
  }
  await requestInboxLink(parsed.data.email);
  if (wantsJson(event)) return json(202, { message: inboxMessages(lang).sent });
  return page(200, <InboxSentPage lang={lang} />, {}, langCookie(event));
};

const view = async (event: PublicEvent) => {
  const token = event.pathParameters?.token ?? '';
  const now = new Date().toISOString();
  const inbox = await readInbox(token, now);
  const lang = langOf(event);
  const result = page(
    200,
    <InboxListPage
      lang={lang}
      email={inbox.email}
      expiresAt={inbox.expiresAt}
      items={inbox.entries}
      now={now}
      path={pathTo(INBOX.view, { token })}
    />,
    {},
    langCookie(event),
  );
  return event.requestContext.http.method === 'HEAD' ? { ...result, body: '' } : result;
};

const routes: Record<InboxRoute, (event: PublicEvent) => Promise<HttpResult>> = {
  [INBOX.form]: form,
  [INBOX.request]: request,
  [INBOX.view]: view,
  [INBOX.head]: view,
};

const errorPage = (status: number, text: string, lang: Lang, event: PublicEvent) => {
  if (wantsJson(event)) return json(status, { error: status === 403 ? 'CrossSiteRequest' : 'Error', message: text });
  // A link that is forged, foreign or expired offers to ask for a new one.
  if (status === 404 || status === 410)
    return page(status, <InboxRefusedPage lang={lang} status={status} text={text} />);
  return messagePage(status, inboxMessages(lang).title, text, status >= 500 ? 'error' : 'warn', lang);
};

export const handler = middy<PublicEvent, HttpResult>()
  .use(observe())
  .use(bodyLimit())
  .use(httpHeaderNormalizer())
  .use(httpUrlencodeBodyParser({ disableContentTypeError: true }))
  .use(jsonBody())
  .use(errorsToResponses((status, _code, message, event) => errorPage(status, message, langOf(event), event)))
  .handler(async (event) => {
    const run = routeOf(routes, event.routeKey);
    if (run) return run(event);
    const lang = langOf(event);
    return errorPage(404, render(problem('page.notFound'), lang), lang, event);
  });
