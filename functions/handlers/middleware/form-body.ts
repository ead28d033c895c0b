import type { MiddlewareObj } from '@middy/core';
import qs from 'qs';
import type { OfficialEvent } from './events.ts';

/** Urlencoded forms, nested the way the directive form names them (`tasks[0][assignees][]`). */
export const formBody = (): MiddlewareObj<OfficialEvent> => ({
  before: async ({ event }) => {
    if (!/^application\/x-www-form-urlencoded/i.test(event.headers?.['content-type'] ?? '')) return;
    const raw = typeof event.body === 'string' ? event.body : '';
    const text = event.isBase64Encoded ? Buffer.from(raw, 'base64').toString('utf8') : raw;
    event.body = qs.parse(text, { arrayLimit: 10_000, parameterLimit: 50_000, depth: 5 });
  },
});
