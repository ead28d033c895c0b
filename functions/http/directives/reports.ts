import { download } from '../../shared/http/download.ts';
import type { OfficialEvent } from '../../shared/http/events.ts';
import { officialOf } from '../../shared/http/official.ts';
import { type HttpResult, json } from '../../shared/http/responses.ts';
import { parseDirectiveOrThrow } from '../../shared/parsing/index.ts';
import { exportFileName, statisticsCsv, statisticsWorkbook } from '../../shared/reports/export.ts';
import { DOCX_TYPE, loadStatistics, periodOf, urgingLetterFor, XLSX_TYPE } from '../../shared/reports/load.ts';

/** Per agency and per directive, over a period: JSON, or `?format=xlsx|csv` to download. */
export const statisticsRoute = async (event: OfficialEvent): Promise<HttpResult> => {
  officialOf(event);
  const now = new Date().toISOString();
  const period = periodOf(event.queryStringParameters, now);
  const tables = await loadStatistics(period, now);
  const format = event.queryStringParameters?.format;
  if (format === 'xlsx')
    return download(
      await statisticsWorkbook(tables, { title: 'Thống kê thực hiện công văn chỉ đạo', period, generatedAt: now }),
      XLSX_TYPE,
      exportFileName(period, 'xlsx'),
    );
  if (format === 'csv')
    return download(statisticsCsv(tables.byAgency), 'text/csv; charset=utf-8', exportFileName(period, 'csv'));
  return json(200, { period, byAgency: tables.byAgency, byDirective: tables.byDirective });
};

export const urgingLetterRoute = async (event: OfficialEvent): Promise<HttpResult> => {
  officialOf(event);
  const { file, name } = await urgingLetterFor(event.pathParameters?.id ?? '', new Date().toISOString());
  return download(file, DOCX_TYPE, name);
};

/** Reads a pasted công văn into a draft of the create body; nothing is issued from it. */
export const parseRoute = async (event: OfficialEvent): Promise<HttpResult> => {
  officialOf(event);
  const body = (event.body ?? {}) as { text?: unknown };
  const { draft, warnings, unparsed } = parseDirectiveOrThrow(body.text);
  return json(200, { draft, warnings, unparsed });
};
