import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { pathTo, SIGN_IN } from '#contracts/routes.ts';
import { langOf, messages } from '#web/i18n/index.ts';
import { CrossSitePage } from '#web/refusal-page.tsx';
import { messagePage, page } from '../http/pages.tsx';
import { redirect } from '../http/responses.ts';
import type { Render } from './errors-to-responses.ts';
import { safeNext, sameOriginPath } from './same-origin.ts';

/** A refused cross-site request: back to the page the form was on, else sign-in or the directive list. */
export const crossSiteRefusal = (event: Pick<APIGatewayProxyEventV2, 'headers' | 'rawPath' | 'cookies'>) => {
  const back =
    sameOriginPath(event.headers?.referer, event) ??
    (event.rawPath.startsWith('/sign-') ? pathTo(SIGN_IN.form) : safeNext(undefined));
  return page(403, <CrossSitePage lang={langOf(event)} back={back} />);
};

/**
 * How the officials' web app (its pages, sign-in and sign-out) answers an error: a refused cross-site request
 * with the page above, an anonymous GET with the way to sign in and come back, anything else as a message page.
 */
export const officialErrorPage: Render = (status, code, message, event) => {
  if (code === 'CrossSiteRequest') return crossSiteRefusal(event);
  if (status === 401 && event.requestContext.http.method === 'GET')
    return redirect(
      pathTo(
        SIGN_IN.form,
        {},
        `next=${encodeURIComponent(event.rawPath + (event.rawQueryString ? `?${event.rawQueryString}` : ''))}`,
      ),
    );
  const title =
    status === 401
      ? messages(langOf(event)).signIn.title
      : status === 404
        ? '404'
        : status >= 500
          ? '500'
          : String(status);
  return messagePage(status, title, message, status >= 500 ? 'error' : 'warn', langOf(event));
};
