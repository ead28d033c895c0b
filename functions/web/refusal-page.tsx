import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { redirect } from '#handlers/http/responses.ts';
import type { Render } from '#handlers/middleware/errors-to-responses.ts';
import { safeNext, sameOriginPath } from '#handlers/middleware/same-origin.ts';
import { langOf, messages } from './i18n.ts';
import { OfficialLayout } from './layout.tsx';
import { Message, messagePage, page } from './render.tsx';

/**
 * The answer to a refused cross-site request (shared/http/csrf.ts): what happened, that nothing changed, and a
 * way back: the page the form was on when the browser says so, else sign-in or the directive list.
 */
export const crossSiteRefusal = (event: Pick<APIGatewayProxyEventV2, 'headers' | 'rawPath' | 'cookies'>) => {
  const lang = langOf(event);
  const m = messages(lang).signIn;
  const back =
    sameOriginPath(event.headers?.referer, event) ??
    (event.rawPath.startsWith('/sign-') ? '/sign-in' : safeNext(undefined));
  return page(
    403,
    <OfficialLayout title={m.crossSiteTitle} lang={lang} path={back}>
      <Message title={m.crossSiteTitle} tone="warn" level={1}>
        <p>{m.crossSiteText}</p>
        <p>
          <a href={back}>{m.crossSiteBack}</a>
        </p>
      </Message>
    </OfficialLayout>,
  );
};

/**
 * How the officials' web app (its pages, sign-in and sign-out) answers an error: a refused cross-site request
 * with the page above, an anonymous GET with the way to sign in and come back, anything else as a message page.
 */
export const officialErrorPage: Render = (status, code, message, event) => {
  if (code === 'CrossSiteRequest') return crossSiteRefusal(event);
  if (status === 401 && event.requestContext.http.method === 'GET')
    return redirect(
      `/sign-in?next=${encodeURIComponent(event.rawPath + (event.rawQueryString ? `?${event.rawQueryString}` : ''))}`,
    );
  const title =
    status === 401
      ? messages(langOf(event)).signIn.title
      : status === 404
        ? '404'
        : status >= 500
          ? '500'
          : String(status);
  return messagePage(status, title, message, status >= 500 ? 'error' : 'warn');
};
