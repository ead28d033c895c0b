import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { applyTransition } from '#adapters/store/assignments.ts';
import { cancel } from '#core/assignment/transitions.ts';
import {
  callOfficials,
  callRecipient,
  DAY,
  deliverAndWait,
  directiveBody,
  getItem,
  HOUR,
  issue,
  OFFICIAL,
  parseJson,
  postDirective,
  resetMocks,
} from '../support/harness.ts';

/**
 * Refusals and field errors come from core and the stores as codes; the real handlers render them in the
 * request's language: English with `?lang=en` or the `lang=en` cookie, Vietnamese otherwise (unchanged).
 */

beforeEach(() => {
  resetMocks();
});

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

const postForm = (
  token: string,
  action: 'extension' | 'report',
  form: Record<string, string>,
  lang: { query?: Record<string, string>; cookies?: string[] } = {},
) =>
  callRecipient({
    routeKey: `POST /r/{token}/${action}`,
    path: `/r/${token}/${action}`,
    pathParameters: { token },
    headers: FORM,
    body: new URLSearchParams(form).toString(),
    ...lang,
  });

/** A date `days` from now, as the extension form sends it. */
const dateIn = (days: number) => new Date(Date.now() + days * DAY + 7 * HOUR).toISOString().slice(0, 10);

describe("a recipient's refusals in English", () => {
  it('an extension asked again too soon: 429 with the English refusal under ?lang=en, Vietnamese without it', async () => {
    const { id } = await issue();
    const { token } = await deliverAndWait(id, 'cong-an');
    const first = await postForm(token, 'extension', { taskCode: '1.3', until: dateIn(5), reason: 'Waiting' });
    expect(first.statusCode).toBe(200);

    const english = await postForm(
      token,
      'extension',
      { taskCode: '1.3', until: dateIn(6), reason: 'Waiting' },
      { query: { lang: 'en' } },
    );
    expect(english.statusCode).toBe(429);
    expect(english.body).toContain('<html lang="en">');
    expect(english.body).toContain('Cannot be done');
    expect(english.body).toContain('The agency has just asked for an extension of this task');
    expect(english.body).not.toContain('Đơn vị vừa gửi đề nghị gia hạn');

    const vietnamese = await postForm(token, 'extension', { taskCode: '1.3', until: dateIn(6), reason: 'Chờ' });
    expect(vietnamese.statusCode).toBe(429);
    expect(vietnamese.body).toContain('Đơn vị vừa gửi đề nghị gia hạn cho nhiệm vụ này');
  });

  it('a report on a withdrawn assignment: 409 in English when the lang cookie says so', async () => {
    const { id } = await issue();
    const { token } = await deliverAndWait(id, 'bchqs');
    const now = new Date().toISOString();
    expect((await applyTransition(id, 'bchqs', now, (a) => cancel(a, now, 'Trần Văn Bình'))).applied).toBe(true);

    const response = await postForm(token, 'report', { taskCode: '1.3', summary: 'Done.' }, { cookies: ['lang=en'] });

    expect(response.statusCode).toBe(409);
    expect(response.body).toContain('The directive has been withdrawn for this agency.');
    expect(response.body).not.toContain('Công văn đã được thu hồi đối với đơn vị này.');
    expect((await getItem(id, 'bchqs')).status).toBe('CANCELLED');
  });

  it("a field error on the recipient's form, and a date before the deadline, name the field in English", async () => {
    const { id } = await issue();
    const { token } = await deliverAndWait(id, 'cong-an');
    const en = { query: { lang: 'en' } };

    const empty = await postForm(token, 'report', { taskCode: '1.3', summary: ' ' }, en);
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('The information is not valid');
    expect(empty.body).toContain('summary: Report: required');

    const earlier = await postForm(token, 'extension', { taskCode: '1.3', until: dateIn(0), reason: 'x' }, en);
    expect(earlier.statusCode).toBe(400);
    expect(earlier.body).toContain('Extend until: must be later than the deadline in force (');
  });

  it('an unknown link page is English too', async () => {
    const response = await callRecipient({
      routeKey: 'GET /r/{token}',
      pathParameters: { token: 'not-a-link' },
      query: { lang: 'en' },
    });
    expect(response.statusCode).toBe(403);
    expect(response.body).toContain('This link is not valid.');
  });
});

describe("the officials' API in the caller's language", () => {
  it('400 keeps its contract {error, issues: [{path, message}]}, the message in English under ?lang=en', async () => {
    const body = { ...directiveBody(), number: ' ', tasks: [] };
    const english = await callOfficials({
      routeKey: 'POST /api/directives',
      headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
      query: { lang: 'en' },
      body: JSON.stringify(body),
      claims: OFFICIAL,
    });
    const vietnamese = await postDirective(body, { key: randomUUID() });

    type Issues = { error: string; issues: { path: string; message: string }[] };
    expect(english.statusCode).toBe(400);
    expect(parseJson<Issues>(english)).toEqual({
      error: 'ValidationError',
      issues: [
        { path: 'number', message: 'Number: required' },
        { path: 'tasks', message: 'Tasks: at least one task' },
      ],
    });
    expect(parseJson<Issues>(vietnamese).issues).toEqual([
      { path: 'number', message: 'Số, ký hiệu: bắt buộc nhập' },
      { path: 'tasks', message: 'Nhiệm vụ: cần ít nhất một nhiệm vụ' },
    ]);
  });

  it("a refusal on a withdrawn agency's link (409) and a new deadline in the past (400), in English", async () => {
    const { id } = await issue();
    await deliverAndWait(id, 'cong-an');
    const call = (action: 'resend' | 'extension' | 'cancel', body: unknown = {}) =>
      callOfficials({
        routeKey: `POST /api/directives/{id}/assignments/{recipientId}/${action}`,
        pathParameters: { id, recipientId: 'cong-an' },
        headers: { 'content-type': 'application/json' },
        query: { lang: 'en' },
        body: JSON.stringify(body),
        claims: OFFICIAL,
      });

    const past = await call('extension', {
      decision: 'grant',
      taskCode: '1.3',
      until: new Date(Date.now() - HOUR).toISOString(),
    });
    expect(past.statusCode).toBe(400);
    expect(parseJson(past)).toEqual({
      error: 'ValidationError',
      issues: [{ path: 'until', message: 'New deadline: must be later than now' }],
    });

    expect((await call('cancel')).statusCode).toBe(200);
    const resend = await call('resend');
    expect(resend.statusCode).toBe(409);
    expect(parseJson(resend)).toEqual({
      error: 'CLOSED',
      message: 'The directive has been withdrawn for this agency.',
    });
    const again = await call('cancel');
    expect(parseJson(again)).toMatchObject({ applied: false, message: 'Already withdrawn.' });
  });

  it('a directive that does not exist is a 404 in English', async () => {
    const response = await callOfficials({
      routeKey: 'GET /api/directives/{id}',
      pathParameters: { id: 'NOPE' },
      query: { lang: 'en' },
      claims: OFFICIAL,
    });
    expect(response.statusCode).toBe(404);
    expect(parseJson(response)).toEqual({ error: 'NotFound', message: 'No directive NOPE' });
  });
});
