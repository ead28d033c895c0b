import { describe, expect, it } from 'vitest';
import { handler as officialPages } from '#handlers/http/official-pages.tsx';
import { handler as officialsApi } from '#handlers/http/officials-api.ts';
import { handler as recipientLinks } from '#handlers/http/recipient-links.ts';
import { handler as reports } from '#handlers/http/reports.tsx';
import { handler as signIn } from '#handlers/http/sign-in.tsx';
import { decodedSize, MAX_BODY_BYTES } from '#handlers/middleware/body-limit.ts';
import { call, type EventInput } from './support.ts';

/**
 * Every HTTP function refuses a body over API Gateway's 10 MB (counted decoded) with 413 and a Vietnamese
 * message, before any parser reads it; a body of exactly 10 MB goes on to the parsers.
 */

const OVER = MAX_BODY_BYTES + 1;
const OFFICIAL = { sub: 'official-1', name: 'Trần Văn Bình' };

const handlers = {
  'officials-api': {
    handler: officialsApi,
    routeKey: 'POST /api/directives',
    type: 'application/json',
    claims: OFFICIAL,
  },
  'recipient-links': {
    handler: recipientLinks,
    routeKey: 'POST /r/{token}/report',
    type: 'multipart/form-data; boundary=x',
    pathParameters: { token: 'x' },
  },
  'official-pages': {
    handler: officialPages,
    routeKey: 'POST /directory/import',
    type: 'multipart/form-data; boundary=x',
  },
  'sign-in': { handler: signIn, routeKey: 'POST /sign-in', type: 'application/x-www-form-urlencoded' },
  reports: { handler: reports, routeKey: 'GET /api/statistics', type: 'text/plain', claims: OFFICIAL },
};

describe('bodies over 10 MB', () => {
  for (const [name, h] of Object.entries(handlers)) {
    const input = (body: string, isBase64Encoded: boolean): EventInput => ({
      routeKey: h.routeKey,
      headers: { 'content-type': h.type },
      body,
      isBase64Encoded,
      ...('claims' in h ? { claims: h.claims } : {}),
      ...('pathParameters' in h ? { pathParameters: h.pathParameters } : {}),
    });

    it(`${name}: 413 for 10 MB + 1 byte, as text and as base64`, async () => {
      for (const [body, base64] of [
        ['a'.repeat(OVER), false],
        [Buffer.alloc(OVER, 7).toString('base64'), true],
      ] as const) {
        const a = await call(h.handler, input(body, base64));
        expect(a.status).toBe(413);
        expect(a.body).toContain('tối đa 10 MB');
      }
    });

    it(`${name}: exactly 10 MB is not refused for its size`, async () => {
      const a = await call(h.handler, input(Buffer.alloc(MAX_BODY_BYTES, 7).toString('base64'), true));
      expect(a.status).not.toBe(413);
      expect(a.status).toBeLessThan(500);
    });
  }

  it('counts bytes, not characters: base64 by what it decodes to, text in UTF-8', () => {
    expect(decodedSize(Buffer.alloc(30).toString('base64'), true)).toBe(30);
    expect(decodedSize('Đ', false)).toBe(2);
    expect(decodedSize(undefined, false)).toBe(0);
  });
});
