import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { directiveKey } from '#contracts/table.ts';
import {
  callOfficials,
  callRecipient,
  DAY,
  deliverTo,
  getItem,
  getRaw,
  issue,
  OFFICIAL,
  parseJson,
  resetMocks,
  scanAll,
} from '../support/harness.ts';

/**
 * `POST /r/{token}/forward` through the real handler against dynalite: refused from another site, a bad unit line
 * is a 400 with the page and nothing stored, a good one stores the child (unlisted, in its own office, linked both
 * ways) and a repeat is "already done".
 */

beforeEach(() => {
  resetMocks();
});

afterEach(() => {
  vi.useRealTimers();
});

const SAME_SITE = {
  'content-type': 'application/x-www-form-urlencoded',
  origin: 'null',
  'sec-fetch-site': 'same-origin',
};

const forward = (token: string, fields: [string, string][], headers: Record<string, string> = SAME_SITE) =>
  callRecipient({
    routeKey: 'POST /r/{token}/forward',
    pathParameters: { token },
    headers,
    body: new URLSearchParams(fields).toString(),
  });

const ymd = (ms: number) => new Date(ms).toISOString().slice(0, 10);

describe('POST /r/{token}/forward', () => {
  it('refuses another site’s form, and a bad unit line with the page and nothing stored', async () => {
    const { id } = await issue({ deadline: new Date(Date.now() + 5 * DAY).toISOString() });
    const { token } = await deliverTo(id, 'cong-an');
    const fields: [string, string][] = [
      ['taskCodes', '1.3'],
      ['deadline', ymd(Date.now() + 2 * DAY)],
      ['recipients', 'Công an xã A <a@xa.example>\nCông an xã B'],
    ];
    const cross = await forward(token, fields, { ...SAME_SITE, 'sec-fetch-site': 'cross-site' });
    expect(cross.statusCode).toBe(403);
    const foreign = await forward(token, fields, {
      'content-type': 'application/x-www-form-urlencoded',
      origin: 'https://evil.example',
    });
    expect(foreign.statusCode).toBe(403);
    const items = (await scanAll()).length;
    const bad = await forward(token, fields);
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('dòng 2');
    expect(bad.body).toContain('a@xa.example');
    expect((await scanAll()).length).toBe(items);
    expect((await getItem(id, 'cong-an')).forwardedTo).toBeUndefined();
  });

  it('stores the child unlisted in its own office, linked both ways; a repeat is already done', async () => {
    const { id } = await issue({ deadline: new Date(Date.now() + 5 * DAY).toISOString() });
    const { token } = await deliverTo(id, 'cong-an');
    const fields: [string, string][] = [
      ['taskCodes', '1.3'],
      ['deadline', ymd(Date.now() + 2 * DAY)],
      ['recipients', 'Công an xã A <a@xa.example>\nCông an xã B <b@xa.example>'],
    ];
    const done = await forward(token, fields);
    expect(done.statusCode, done.body.slice(0, 400)).toBe(200);
    expect(done.body).toContain('Đã chuyển tiếp cho đơn vị trực thuộc');
    const childId = (await getItem(id, 'cong-an')).forwardedTo ?? '';
    expect(childId).toMatch(/^[0-9A-Z]{26}$/);
    const child = await getRaw(directiveKey(childId).pk, 'DIRECTIVE');
    expect(child).toMatchObject({
      issuer: 'Công an tỉnh',
      recipientCount: 2,
      forwardedFrom: { directiveId: id, recipientId: 'cong-an' },
      leadership: [{ email: 'cong-an@gialai.example', role: 'SIGNER' }],
    });
    expect(String(child?.office)).toMatch(/^fwd-/);
    expect(child?.gsi1pk).toBeUndefined();
    expect(child?.gsi2pk).toBeUndefined();
    const again = await forward(token, fields);
    expect(again.statusCode).toBe(200);
    expect(again.body).toContain('Đã thực hiện trước đó');
    // The officials' API shows the roll-up on the agency, and lists only their own directive.
    const read = parseJson<{ assignments: { recipientId: string; forwarded?: unknown }[] }>(
      await callOfficials({ routeKey: 'GET /api/directives/{id}', pathParameters: { id }, claims: OFFICIAL }),
    );
    expect(read.assignments.find((a) => a.recipientId === 'cong-an')?.forwarded).toEqual({
      directiveId: childId,
      total: 2,
      acknowledged: 0,
      completed: 0,
      overdue: 0,
    });
    const childRead = await callOfficials({
      routeKey: 'GET /api/directives/{id}',
      pathParameters: { id: childId },
      claims: OFFICIAL,
    });
    expect(childRead.statusCode).toBe(404);
  });
});
