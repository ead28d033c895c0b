import type { MiddlewareObj } from '@middy/core';
import { problem } from '#contracts/problems.ts';
import { ValidationError } from '#core/errors.ts';
import type { OfficialEvent } from './events.ts';

/**
 * Parses a JSON body. A body that is not JSON is bad input like any other: `400 ValidationError` naming the
 * body, never a 415 or a 500. Requests without a JSON content type keep their body as it came.
 */
export const jsonBody = (): MiddlewareObj<OfficialEvent> => ({
  before: async ({ event }) => {
    const type = event.headers?.['content-type'] ?? '';
    if (!/^application\/([\w.+-]+\+)?json/i.test(type) || typeof event.body !== 'string') return;
    const text = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
    try {
      event.body = JSON.parse(text);
    } catch {
      throw new ValidationError([{ path: '', ...problem('request.notJson') }]);
    }
  },
});
