import { safeFilename } from '#adapters/attachments.ts';
import type { HttpResult } from './responses.ts';

/** RFC 5987's attr-char: what `encodeURIComponent` leaves alone but `'()*`. */
const extValue = (name: string) =>
  encodeURIComponent(name.normalize('NFC')).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * A file to save: binary through API Gateway as base64, its name in UTF-8 (RFC 6266 `filename*`) after an ASCII
 * `filename` for clients that do not read `filename*`.
 */
export const download = (body: Buffer | string, contentType: string, name: string): HttpResult => ({
  statusCode: 200,
  headers: {
    'content-type': contentType,
    'content-disposition': `attachment; filename="${safeFilename(name)}"; filename*=UTF-8''${extValue(name)}`,
    'cache-control': 'private, no-store',
    'x-content-type-options': 'nosniff',
  },
  body: Buffer.isBuffer(body) ? body.toString('base64') : Buffer.from(body, 'utf8').toString('base64'),
  isBase64Encoded: true,
});
