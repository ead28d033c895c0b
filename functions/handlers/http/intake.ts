import middy from '@middy/core';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import * as z from 'zod/mini';
import { observe } from '#adapters/observability.ts';
import { parseFile } from '#app/parse-file.ts';
import { storeFile } from '#app/store-file.ts';
import { INTAKE_API, type IntakeRoute } from '#contracts/routes.ts';
import { MAX_FILE_BYTES } from '#core/directive-file.ts';
import { parseDirectiveOrThrow } from '#parsing/index.ts';
import { bodyLimit } from '../middleware/body-limit.ts';
import { errorsToResponses } from '../middleware/errors-to-responses.ts';
import type { OfficialEvent } from '../middleware/events.ts';
import { jsonBody } from '../middleware/json-body.ts';
import { multipartBody } from '../middleware/multipart.ts';
import { requireOfficial } from '../middleware/official.ts';
import { route, routeOf } from '../middleware/route.ts';
import { broughtFile } from './file-part.ts';
import { type HttpResult, json } from './responses.ts';

/**
 * The files officials bring: read for a draft, or stored to travel with a directive. Its own Lambda because the
 * PDF and DOCX readers are several times the size of every other function's bundle.
 */

const isMultipart = (event: OfficialEvent) => /^multipart\/form-data\b/i.test(event.headers['content-type'] ?? '');

const upload = z.object({ file: broughtFile('file') });

const parseText = route({ body: z.object({ text: z.unknown() }) }, async ({ body }) =>
  json(200, parseDirectiveOrThrow(body.text)),
);
const parseUpload = route({ body: upload }, async ({ body }) => json(200, await parseFile(body.file)));

const routes: Record<IntakeRoute, (event: OfficialEvent) => Promise<HttpResult>> = {
  /**
   * A pasted công văn (JSON `{text}`) or a file (multipart `file`: DOCX, a PDF with a text layer, text) into a
   * draft of the create body. Nothing is stored; a scan is 422 with the words that offer the paste step.
   */
  [INTAKE_API.parse]: (event) => (isMultipart(event) ? parseUpload(event) : parseText(event)),
  /** The original or an annex, to name by id in the create body. */
  [INTAKE_API.upload]: route({ body: upload }, async ({ body }) => json(201, await storeFile(body.file))),
};

/** Limited body, then a signed-in official (a bearer not signed out) before any route runs. */
export const handler = middy<OfficialEvent, HttpResult>()
  .use(observe())
  .use(bodyLimit())
  .use(httpHeaderNormalizer())
  .use(jsonBody())
  .use(multipartBody({ files: 1, fileSize: MAX_FILE_BYTES, fields: 5, fieldSize: 1024 }))
  .use(requireOfficial())
  .use(errorsToResponses())
  .handler(async (event) => {
    const run = routeOf(routes, event.routeKey);
    return run ? run(event) : json(404, { error: 'NotFound', message: `No route ${event.routeKey}` });
  });
