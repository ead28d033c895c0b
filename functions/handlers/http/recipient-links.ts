import middy from '@middy/core';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import httpUrlencodeBodyParser from '@middy/http-urlencode-body-parser';
import { observe } from '#adapters/observability.ts';
import type { RecipientRoute } from '#contracts/routes.ts';
import { bodyLimit } from '../middleware/body-limit.ts';
import { errorsToResponses } from '../middleware/errors-to-responses.ts';
import type { PublicEvent } from '../middleware/events.ts';
import { multipartBody } from '../middleware/multipart.ts';
import { messagePage } from './pages.tsx';
import { acknowledgeLink } from './recipient/acknowledge.ts';
import { requestExtensionLink } from './recipient/extension.ts';
import { MAX_ATTACHMENT_BYTES } from './recipient/forms.ts';
import { reportLink } from './recipient/report.ts';
import { viewLink } from './recipient/view.tsx';
import type { HttpResult } from './responses.ts';

const routes: Record<RecipientRoute, (event: PublicEvent) => Promise<HttpResult>> = {
  'GET /r/{token}': viewLink,
  'HEAD /r/{token}': viewLink,
  'POST /r/{token}/acknowledge': acknowledgeLink,
  'POST /r/{token}/report': reportLink,
  'POST /r/{token}/extension': requestExtensionLink,
};

const TITLES: Record<number, string> = {
  400: 'Thông tin chưa hợp lệ',
  403: 'Liên kết không hợp lệ',
  404: 'Không tìm thấy',
  409: 'Không thể thực hiện',
  410: 'Liên kết không còn hiệu lực',
  413: 'Nội dung gửi lên quá lớn',
  500: 'Lỗi hệ thống',
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
  // refuses. File names: @fastify/busboy reads a raw UTF-8 `filename="…"` (what browsers send) as UTF-8 and
  // decodes RFC 5987 `filename*=UTF-8''…`; it has no defParamCharset option, and needs none.
  .use(multipartBody({ files: 1, fileSize: MAX_ATTACHMENT_BYTES, fields: 20, fieldSize: 64 * 1024 }))
  .use(
    errorsToResponses((status, _code, message) =>
      messagePage(status, TITLES[status] ?? 'Không thể thực hiện', message, status >= 500 ? 'error' : 'warn'),
    ),
  )
  .handler(async (event) => {
    const route = routes[event.routeKey as RecipientRoute];
    return route ? route(event) : messagePage(404, TITLES[404] ?? '', 'Không có trang này.', 'warn');
  });
