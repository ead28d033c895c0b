import type { HttpResult } from './responses.ts';

/** A file to save: binary through API Gateway as base64, its name in UTF-8 (RFC 6266). */
export const download = (body: Buffer | string, contentType: string, name: string): HttpResult => ({
  statusCode: 200,
  headers: {
    'content-type': contentType,
    'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(name)}`,
    'cache-control': 'private, no-store',
    'x-content-type-options': 'nosniff',
  },
  body: Buffer.isBuffer(body) ? body.toString('base64') : Buffer.from(body, 'utf8').toString('base64'),
  isBase64Encoded: true,
});
