import middy from '@middy/core';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import { observe } from '#adapters/observability.ts';
import { DOCX_TYPE, loadStatistics, periodOf, urgingLetterFor, XLSX_TYPE } from '#app/statistics.ts';
import { problem } from '#contracts/problems.ts';
import { pathTo, REPORTS_API, REPORTS_PAGES, type ReportRoute, SIGN_IN } from '#contracts/routes.ts';
import { NotFoundError } from '#core/errors.ts';
import { isProvince } from '#core/office.ts';
import { exportFileName, statisticsCsv, statisticsWorkbook } from '#documents/export.ts';
import { langCookie, langOf } from '#web/i18n/index.ts';
import { StatisticsPage } from '#web/officials/statistics-page.tsx';
import { bodyLimit } from '../middleware/body-limit.ts';
import { csrfProtection } from '../middleware/csrf.ts';
import { errorsToResponses, renderJson } from '../middleware/errors-to-responses.ts';
import type { OfficialEvent } from '../middleware/events.ts';
import { type Official, officialOf, requireOfficial } from '../middleware/official.ts';
import { directivePath, route, routeOf } from '../middleware/route.ts';
import { download } from './download.ts';
import { messagePage, officialPage } from './pages.tsx';
import { type HttpResult, json, redirect } from './responses.ts';

/** The workbook is Vietnamese whatever the page's language: its headers are the Government Office's. */
const WORKBOOK_TITLE = 'Thống kê thực hiện công văn chỉ đạo';

/** Per agency and per directive over a period: as JSON or a page, or `?format=xlsx|csv` to download. */
const statistics = async (event: OfficialEvent, official: Official, asPage: boolean): Promise<HttpResult> => {
  const now = new Date().toISOString();
  const lang = langOf(event);
  const period = periodOf(event.queryStringParameters, now);
  const format = event.queryStringParameters?.format;
  const tables = await loadStatistics(period, now, official, { withDetails: format === 'xlsx' });
  if (format === 'xlsx')
    return download(
      await statisticsWorkbook(tables, { title: WORKBOOK_TITLE, period, generatedAt: now }),
      XLSX_TYPE,
      exportFileName(period, 'xlsx'),
    );
  if (format === 'csv')
    return download(statisticsCsv(tables.byAgency), 'text/csv; charset=utf-8', exportFileName(period, 'csv'));
  if (!asPage)
    return json(200, {
      period,
      byAgency: tables.byAgency,
      byDirective: tables.byDirective,
      ...(isProvince(official) ? { byOffice: tables.byOffice } : {}),
    });
  return officialPage(
    event,
    200,
    <StatisticsPage lang={lang} official={official} period={period} tables={tables} />,
    langCookie(event),
  );
};

const urgingLetter = route({ path: directivePath }, async ({ path }) => {
  const { file, name } = await urgingLetterFor(path.id, new Date().toISOString());
  return download(file, DOCX_TYPE, name);
});

const routes: Record<ReportRoute, (event: OfficialEvent) => Promise<HttpResult>> = {
  [REPORTS_API.statistics]: async (event) => statistics(event, officialOf(event), false),
  [REPORTS_API.urgingLetter]: urgingLetter,
  [REPORTS_PAGES.statistics]: async (event) => statistics(event, officialOf(event), true),
  [REPORTS_PAGES.urgingLetter]: urgingLetter,
};

/** Only GETs here; the CSRF middleware gives the page's sign-out form its token. */
export const handler = middy<OfficialEvent, HttpResult>()
  .use(observe())
  .use(bodyLimit())
  .use(httpHeaderNormalizer())
  .use(requireOfficial())
  .use(csrfProtection())
  .use(
    errorsToResponses((status, code, message, event) => {
      if (event.rawPath.startsWith('/api/')) return renderJson(status, code, message, event);
      if (status === 401) return redirect(pathTo(SIGN_IN.form, {}, `next=${encodeURIComponent(event.rawPath)}`));
      const tone = status >= 500 ? 'error' : 'warn';
      return messagePage(status, status >= 500 ? '500' : String(status), message, tone, langOf(event));
    }),
  )
  .handler(async (event) => {
    const run = routeOf(routes, event.routeKey);
    if (!run) throw new NotFoundError(problem('page.notFound'));
    return run(event);
  });
