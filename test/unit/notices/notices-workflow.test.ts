import { randomUUID } from 'node:crypto';
import { SendRawEmailCommand } from '@aws-sdk/client-ses';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Notice, NoticeResult } from '#adapters/notices/channel.ts';
import { putOfficeSettings } from '#adapters/store/office-settings.ts';
import { DEFAULT_OFFICE } from '#core/office.ts';
import {
  callOfficials,
  callRecipient,
  DAY,
  directiveBody,
  getItem,
  HOUR,
  OFFICIAL,
  parseJson,
  postDirective,
  resetMocks,
  runCheckpoint,
  runDeliver,
  sesMock,
  WORKING_MORNING,
} from '../support/harness.ts';

/**
 * The phone notices through the real steps (Deliver, Checkpoint) and store, with the channels' one entry point
 * replaced: what is sent, when (never at night), recorded once per checkpoint, and never in the way of the email.
 */

const channel = vi.hoisted(() => ({
  sent: [] as Notice[],
  answer: async (_n: Notice): Promise<NoticeResult> => ({ status: 'SENT', messageId: 'x' }),
}));
vi.mock('#adapters/notices/index.ts', () => ({
  configuredChannels: () => ['sms', 'zalo'],
  sendNotice: async (n: Notice) => {
    channel.sent.push(n);
    return channel.answer(n);
  },
}));

const PHONE = '+84913421376';
const HEAD_PHONE = '+84932532789';

/** Công văn 126 to the police (a phone, its head's phone) and the army (a phone, no SMS), issued at `at`. */
const issueAt = async (at: number, options: { remindBefore?: string[] } = {}) => {
  vi.setSystemTime(at);
  const body = directiveBody({ deadline: new Date(at + 2 * DAY).toISOString(), ...options });
  const recipients = body.recipients.map((r) =>
    r.id === 'cong-an'
      ? { ...r, phone: '0913 421 376', head: { name: 'Giám đốc Công an tỉnh', phone: '0932532789' } }
      : r.id === 'bchqs'
        ? { ...r, phone: '0913000111', noSms: true }
        : r,
  );
  const response = await postDirective({ ...body, recipients }, { key: randomUUID() });
  expect(response.statusCode, response.body).toBe(201);
  return parseJson<{ id: string }>(response).id;
};

beforeEach(async () => {
  resetMocks();
  channel.sent = [];
  channel.answer = async (n) => ({ status: 'SENT', messageId: `msg-${channel.sent.indexOf(n) + 1}` });
  await putOfficeSettings(DEFAULT_OFFICE, { channels: { sms: true, zalo: false } }, 'test', new Date().toISOString());
});

describe('the invitation’s notice', () => {
  it('goes with the invitation in working hours, once, recorded with the delivery; no-SMS agencies get none', async () => {
    const id = await issueAt(WORKING_MORNING);
    await runDeliver(id, 'cong-an');
    await runDeliver(id, 'cong-an');
    await runDeliver(id, 'bchqs');
    expect(channel.sent).toHaveLength(1);
    const notice = channel.sent[0] as Notice;
    expect(notice).toMatchObject({ channel: 'sms', to: PHONE, reference: `${id}/cong-an/invite:1` });
    expect(notice.text).toMatch(/^Cong van 126\/STTTT-BCVT: de nghi xac nhan da nhan, han \d\d\/\d\d\/2026\. /);
    expect(notice.text).not.toMatch(/[^\x20-\x7e]/);
    const item = await getItem(id, 'cong-an');
    expect(item.status).toBe('DELIVERED');
    expect(item.notices?.last?.invitation).toMatchObject({
      checkpoint: 'invite:1',
      sent: [{ channel: 'sms', to: PHONE, status: 'SENT', messageId: 'msg-1' }],
    });
    expect((await getItem(id, 'bchqs')).notices).toBeUndefined();

    // The short link opens the agency's own page, and never carries a token.
    const code = /\/l\/([0-9a-z]{10})$/.exec(notice.text)?.[1] ?? '';
    expect(code).toHaveLength(10);
    const opened = await callRecipient({ routeKey: 'GET /l/{code}', pathParameters: { code } });
    expect(opened.statusCode).toBe(302);
    expect(opened.headers.location).toMatch(/^https:\/\/chidao\.example\.gov\.vn\/r\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    const page = await callRecipient({
      routeKey: 'GET /r/{token}',
      pathParameters: { token: opened.headers.location?.split('/r/')[1] ?? '' },
    });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Công an tỉnh');
  });

  it('issued at 22:00 it waits on the item; the plan wakes at 08:00 the next working day and it goes once', async () => {
    const night = Date.parse('2026-03-04T15:00:00.000Z'); // Wednesday 22:00 in Hà Nội
    const id = await issueAt(night);
    const { plan } = await runDeliver(id, 'cong-an');
    expect(sesMock.commandCalls(SendRawEmailCommand)).toHaveLength(1);
    expect(channel.sent).toHaveLength(0);
    expect((await getItem(id, 'cong-an')).notices?.pending).toMatchObject({
      kind: 'invitation',
      due: '2026-03-05T01:00:00.000Z',
    });
    expect(plan.at).toBe('2026-03-05T01:00:00.000Z');

    vi.setSystemTime(Date.parse('2026-03-05T01:00:00.000Z'));
    await runCheckpoint(id, 'cong-an');
    await runCheckpoint(id, 'cong-an');
    // The invitation's notice, once; the report's first reminder (two days before its deadline) is due at 08:00 too.
    expect(channel.sent.map((n) => n.reference.split('/')[2])).toEqual(['invite:1', expect.stringMatching(/^remind:/)]);
    const item = await getItem(id, 'cong-an');
    expect(item.notices?.pending).toBeUndefined();
    expect(item.notices?.last?.invitation?.at).toBe('2026-03-05T01:00:00.000Z');
  });

  it('a pending notice whose step is done meanwhile (acknowledged overnight) is dropped, not sent', async () => {
    const id = await issueAt(Date.parse('2026-03-04T15:00:00.000Z'));
    await runDeliver(id, 'cong-an');
    const ack = await callOfficials({
      routeKey: 'GET /api/directives/{id}/assignments/{recipientId}',
      pathParameters: { id, recipientId: 'cong-an' },
      claims: OFFICIAL,
    });
    expect(parseJson<{ channels: unknown }>(ack).channels).toEqual({ email: 'SENT', sms: 'NONE', zalo: 'NONE' });
    const { applyTransition } = await import('#adapters/store/assignments.ts');
    const { acknowledge } = await import('#core/assignment/transitions.ts');
    const at = '2026-03-04T16:00:00.000Z';
    await applyTransition(id, 'cong-an', at, (a) => acknowledge(a, at));
    vi.setSystemTime(Date.parse('2026-03-05T01:00:00.000Z'));
    await runCheckpoint(id, 'cong-an');
    expect(channel.sent.filter((n) => n.reference.endsWith('/invite:1'))).toHaveLength(0);
    expect((await getItem(id, 'cong-an')).notices?.pending).toBeUndefined();
  });
});

describe('reminders and escalations', () => {
  it('a reminder and a first-level escalation each go once, the escalation to the head’s phone too', async () => {
    const id = await issueAt(WORKING_MORNING, { remindBefore: ['P1D'] });
    await runDeliver(id, 'cong-an');
    channel.sent = [];
    vi.setSystemTime(WORKING_MORNING + DAY);
    await runCheckpoint(id, 'cong-an');
    await runCheckpoint(id, 'cong-an');
    const reminders = channel.sent.filter((n) => n.reference.includes('/remind:'));
    expect(reminders.map((n) => n.to)).toEqual([PHONE]);
    expect(reminders[0]?.text).toMatch(/^Nhac han cong van 126\/STTTT-BCVT: /);

    channel.sent = [];
    vi.setSystemTime(WORKING_MORNING + 2 * DAY + HOUR);
    await runCheckpoint(id, 'cong-an');
    await runCheckpoint(id, 'cong-an');
    const escalations = channel.sent.filter((n) => n.reference.includes('/escalate:'));
    expect(escalations.map((n) => n.to)).toEqual([PHONE, HEAD_PHONE]);
    expect(escalations.every((n) => n.text.startsWith('Qua han cong van 126/STTTT-BCVT: Cong an tinh chua '))).toBe(
      true,
    );
    const item = await getItem(id, 'cong-an');
    expect(item.notices?.last?.reminder?.sent).toHaveLength(1);
    expect(item.notices?.last?.escalation?.sent).toHaveLength(2);
  });
});

describe('a failing channel', () => {
  it('refused or throwing: the email goes, the workflow goes on, the notice is recorded FAILED', async () => {
    channel.answer = async () => ({ status: 'FAILED', error: 'invalid phone number' });
    const id = await issueAt(WORKING_MORNING, { remindBefore: ['P1D'] });
    const { plan } = await runDeliver(id, 'cong-an');
    expect(plan.done).toBe(false);
    expect(sesMock.commandCalls(SendRawEmailCommand)).toHaveLength(1);
    const item = await getItem(id, 'cong-an');
    expect(item.status).toBe('DELIVERED');
    expect(item.notices?.reached?.sms?.status).toBe('FAILED');

    channel.answer = async () => {
      throw Object.assign(new Error('provider down'), { name: 'ServiceUnavailable' });
    };
    vi.setSystemTime(WORKING_MORNING + DAY);
    const after = await runCheckpoint(id, 'cong-an');
    expect(after.plan.done).toBe(false);
    // The reminder of the report and the escalation of the acknowledgement (due since 17:00) both went by email.
    const emails = sesMock.commandCalls(SendRawEmailCommand).length;
    expect(emails).toBe(3);
    const reminded = await getItem(id, 'cong-an');
    expect(reminded.history.map((e) => e.type)).toContain('REMINDED');
    expect(reminded.notices?.last?.reminder?.sent[0]).toMatchObject({
      status: 'FAILED',
      error: 'ServiceUnavailable: provider down',
    });
    await runCheckpoint(id, 'cong-an');
    expect(sesMock.commandCalls(SendRawEmailCommand)).toHaveLength(emails);
  });
});

describe('the short link', () => {
  it('404 for a code that names nothing; 410 once the agency is withdrawn', async () => {
    const id = await issueAt(WORKING_MORNING);
    await runDeliver(id, 'cong-an');
    const code = /\/l\/([0-9a-z]{10})$/.exec(channel.sent[0]?.text ?? '')?.[1] ?? '';
    for (const bad of ['aaaaaaaaaa', 'short', `${code}x`])
      expect((await callRecipient({ routeKey: 'GET /l/{code}', pathParameters: { code: bad } })).statusCode).toBe(404);
    const cancelled = await callOfficials({
      routeKey: 'POST /api/directives/{id}/assignments/{recipientId}/cancel',
      pathParameters: { id, recipientId: 'cong-an' },
      claims: OFFICIAL,
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(cancelled.statusCode, cancelled.body).toBeLessThan(300);
    expect((await callRecipient({ routeKey: 'GET /l/{code}', pathParameters: { code } })).statusCode).toBe(410);
  });
});

describe('the short code', () => {
  it('10 unguessable characters: the same for an assignment, another for another, nothing of the ids in it', async () => {
    const { shortCodeFor, SHORT_CODE } = await import('#adapters/links.ts');
    const a = await shortCodeFor('01KJV95K80AXQZD028YQRTHQNJ', 'cong-an');
    expect(a).toMatch(SHORT_CODE);
    expect(await shortCodeFor('01KJV95K80AXQZD028YQRTHQNJ', 'cong-an')).toBe(a);
    const others = await Promise.all(
      Array.from({ length: 200 }, (_, i) => shortCodeFor('01KJV95K80AXQZD028YQRTHQNJ', `don-vi-${i}`)),
    );
    expect(new Set([a, ...others]).size).toBe(201);
    expect(a).not.toContain('cong');
    // Every letter of the alphabet is used, none of those read alike (i, l, o, u).
    const letters = new Set(others.join(''));
    expect(letters.size).toBe(32);
    for (const c of 'ilou') expect(letters.has(c)).toBe(false);
  });
});
