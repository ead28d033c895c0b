import middy from '@middy/core';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import qs from 'qs';
import { observe } from '#adapters/observability.ts';
import { problem } from '#contracts/problems.ts';
import { NotFoundError } from '#core/errors.ts';
import type { Official } from '#core/official.ts';
import { type Lang, langOf } from '#web/i18n/index.ts';
import { bodyLimit } from '../middleware/body-limit.ts';
import { csrfProtection } from '../middleware/csrf.ts';
import { errorsToResponses } from '../middleware/errors-to-responses.ts';
import type { OfficialEvent } from '../middleware/events.ts';
import { formBody } from '../middleware/form-body.ts';
import { type MultipartLimits, multipartBody } from '../middleware/multipart.ts';
import { officialOf, requireOfficial } from '../middleware/official.ts';
import { officialErrorPage } from '../middleware/official-error-page.tsx';
import { routeOf } from '../middleware/route.ts';
import type { HttpResult } from './responses.ts';

/**
 * The one middleware chain of the officials' web pages, shared by the functions that serve them (the pages, and
 * the directive form, which has a function of its own because it reads DOCX and PDF): body first limited, then
 * parsed (urlencoded, or multipart within the function's limits), then every POST checked for its origin and CSRF
 * token, then the session (public routes excepted), errors rendered as pages.
 */

export type PageContext = { event: OfficialEvent; official: Official; lang: Lang; form: Record<string, unknown> };
export type PageRoute = (c: PageContext) => Promise<HttpResult>;

const NESTING = { arrayLimit: 10_000, parameterLimit: 50_000, depth: 5 };
const isMultipart = (event: OfficialEvent) => /^multipart\/form-data\b/i.test(event.headers?.['content-type'] ?? '');

export const officialPageHandler = <R extends string>(
  routes: Record<R, PageRoute>,
  options: { multipart: MultipartLimits; public?: R[] },
) => {
  const open = new Set<string>(options.public ?? []);
  return middy<OfficialEvent, HttpResult>()
    .use(observe())
    .use(bodyLimit())
    .use(httpHeaderNormalizer())
    .use(formBody())
    .use(multipartBody(options.multipart))
    .use(csrfProtection())
    .use(requireOfficial({ except: [...open] }))
    .use(errorsToResponses(officialErrorPage))
    .handler(async (event) => {
      const run = routeOf(routes, event.routeKey);
      if (!run) throw new NotFoundError(problem('page.notFound'));
      const official = open.has(event.routeKey) ? { id: '', name: '' } : officialOf(event);
      const body = event.body && typeof event.body === 'object' ? (event.body as Record<string, unknown>) : {};
      // A multipart body's fields are flat (`tasks[0][code]`): nested as the urlencoded parser nests them.
      const form = isMultipart(event)
        ? (qs.parse(body as Record<string, string>, NESTING) as Record<string, unknown>)
        : body;
      return run({ event, official, lang: langOf(event), form });
    });
};
