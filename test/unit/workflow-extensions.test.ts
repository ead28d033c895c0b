import { SendRawEmailCommand } from '@aws-sdk/client-ses';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { applyTransition } from '#adapters/store/assignments.ts';
import { grantExtension, refuseExtension, resendLink } from '#core/assignment/transitions.ts';
import {
  callRecipient,
  DAY,
  deliverAndWait,
  getItem,
  HOUR,
  historyTypes,
  issue,
  postAcknowledge,
  postReport,
  resetMocks,
  runCheckpoint,
  sentMails,
  sesMock,
  submissionOf,
  taskSuccesses,
  viewLink,
} from './support/harness.ts';

/**
 * The transitions around deadlines and links: an extension asked for through the link (POST
 * /r/{token}/extension), granted or refused by an official, and a re-sent link that retires the old one. The
 * official's side has no HTTP route yet, so it is driven through `applyTransition`, as its handler will.
 */

beforeEach(() => {
  resetMocks();
});

afterEach(() => {
  vi.useRealTimers();
});

const postExtension = (token: string, form: Record<string, string>) =>
  callRecipient({
    routeKey: 'POST /r/{token}/extension',
    path: `/r/${token}/extension`,
    pathParameters: { token },
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
  });

/** 17:00 in Hà Nội on the date `days` from now. */
const endOfDayIn = (days: number) => {
  const ymd = new Date(Date.now() + days * DAY + 7 * HOUR).toISOString().slice(0, 10);
  return { ymd, instant: new Date(`${ymd}T10:00:00.000Z`).toISOString() };
};

describe('extension request', () => {
  it('records EXTENSION_REQUESTED with the requested end of day, wakes nothing, and a repeat is already done', async () => {
    const { id } = await issue();
    const { token } = await deliverAndWait(id, 'cong-an');
    const until = endOfDayIn(5);

    const response = await postExtension(token, { taskCode: '1.3', until: until.ymd, reason: 'Chờ ý kiến Bộ Công an' });

    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('Đã gửi đề nghị gia hạn');
    const item = await getItem(id, 'cong-an');
    expect(item.version).toBe(3);
    expect(item.status).toBe('DELIVERED');
    expect(historyTypes(item)).toEqual(['ISSUED', 'DELIVERED', 'EXTENSION_REQUESTED']);
    expect(item.extensionRequests?.['1.3']).toMatchObject({
      taskCode: '1.3',
      until: until.instant,
      reason: 'Chờ ý kiến Bộ Công an',
    });
    expect(await submissionOf(id, 'cong-an', item.extensionRequests?.['1.3']?.reasonId)).toMatchObject({
      kind: 'EXTENSION',
      text: 'Chờ ý kiến Bộ Công an',
    });
    expect(item.history.at(-1)).toMatchObject({ taskCode: '1.3', deadline: until.instant, by: 'Công an tỉnh' });
    // Only a request: the deadline is unchanged and the workflow keeps waiting.
    expect(item.reports['1.3']?.deadline).not.toBe(until.instant);
    expect(taskSuccesses()).toHaveLength(0);

    const again = await postExtension(token, { taskCode: '1.3', until: until.ymd, reason: 'Chờ ý kiến Bộ Công an' });
    expect(again.statusCode).toBe(200);
    expect(again.body).toContain('Đã thực hiện trước đó');
    expect((await getItem(id, 'cong-an')).version).toBe(3);
  });

  it('an extension for a task the recipient does not owe is a 400 page; a bad date names the field', async () => {
    const { id } = await issue();
    const { token } = await deliverAndWait(id, 'cong-an');

    const unknown = await postExtension(token, { taskCode: '2.2', until: endOfDayIn(5).ymd, reason: 'x' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.body).toContain('Nhiệm vụ 2.2 không thuộc đơn vị này');

    const badDate = await postExtension(token, { taskCode: '1.3', until: '31/02/2030', reason: 'x' });
    expect(badDate.statusCode).toBe(400);
    expect(badDate.body).toContain('Gia hạn đến ngày: “31/02/2030” không phải là ngày có thật');

    expect((await getItem(id, 'cong-an')).version).toBe(2);
  });
});

describe('extension granted or refused', () => {
  it('a granted extension moves the deadline: no escalation at the old one, a report before the new one is on time', async () => {
    const deadline = new Date(Date.now() + 2 * DAY).toISOString();
    const { id } = await issue({ deadline, remindBefore: ['P1D'] });
    const { token } = await deliverAndWait(id, 'bchqs');
    expect((await postAcknowledge(token)).statusCode).toBe(200);
    const until = endOfDayIn(6);
    expect(
      (await postExtension(token, { taskCode: '1.3', until: until.ymd, reason: 'Cần thêm thời gian' })).statusCode,
    ).toBe(200);
    const now = new Date().toISOString();

    const granted = await applyTransition(id, 'bchqs', now, (a) =>
      grantExtension(a, now, { taskCode: '1.3', until: until.instant, by: 'Trần Văn Bình' }),
    );

    expect(granted.applied).toBe(true);
    let item = await getItem(id, 'bchqs');
    expect(item.reports['1.3']?.deadline).toBe(until.instant);
    expect(item.extensionRequests).toBeUndefined();
    expect(item.dueAt).toBe(until.instant);
    expect(item.history.at(-1)).toMatchObject({
      type: 'EXTENSION_GRANTED',
      deadline: until.instant,
      previousDeadline: deadline,
      by: 'Trần Văn Bình',
    });
    sesMock.resetHistory();

    // The old deadline passes: nothing is due (the reminder a day before the new one is the next checkpoint).
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.parse(deadline) + HOUR);
    const out = await runCheckpoint(id, 'bchqs');
    expect(sesMock.commandCalls(SendRawEmailCommand)).toHaveLength(0);
    expect(out.plan.at).toBe(new Date(Date.parse(until.instant) - DAY).toISOString());
    item = await getItem(id, 'bchqs');
    expect(item.escalationLevel).toBe(0);

    expect((await postReport(token, '1.3')).statusCode).toBe(200);
    item = await getItem(id, 'bchqs');
    expect(item).toMatchObject({ status: 'COMPLETED', outcome: 'ON_TIME' });
    expect(historyTypes(item)).toEqual([
      'ISSUED',
      'DELIVERED',
      'ACKNOWLEDGED',
      'EXTENSION_REQUESTED',
      'EXTENSION_GRANTED',
      'REPORTED',
      'COMPLETED',
    ]);
  });

  it('a refused extension clears the request and keeps the deadline', async () => {
    const { id, body } = await issue();
    const { token } = await deliverAndWait(id, 'cong-an');
    expect((await postExtension(token, { taskCode: '1.3', until: endOfDayIn(9).ymd, reason: 'x' })).statusCode).toBe(
      200,
    );
    const now = new Date().toISOString();

    const refused = await applyTransition(id, 'cong-an', now, (a) =>
      refuseExtension(a, now, { by: 'Trần Văn Bình', reason: 'Việc cấp bách' }),
    );

    expect(refused.applied).toBe(true);
    const item = await getItem(id, 'cong-an');
    expect(item.extensionRequests).toBeUndefined();
    expect(item.reports['1.3']?.deadline).toBe(body.tasks[1]?.deadline);
    expect(item.history.at(-1)).toMatchObject({ type: 'EXTENSION_REFUSED', detail: 'Việc cấp bách' });
  });
});

describe('re-sent link', () => {
  it('retires the old link (410) and the new one works', async () => {
    const { id, body } = await issue();
    const { token: old } = await deliverAndWait(id, 'dien-luc');
    const now = new Date().toISOString();
    const resent = await applyTransition(id, 'dien-luc', now, (a) => resendLink(a, now, 'Trần Văn Bình'));
    expect(resent.applied).toBe(true);
    const before = await getItem(id, 'dien-luc');
    expect(before.linkVersion).toBe(2);
    expect(historyTypes(before).at(-1)).toBe('LINK_RESENT');

    for (const response of [await viewLink(old), await postAcknowledge(old), await postReport(old, '2.2')]) {
      expect(response.statusCode).toBe(410);
      expect(response.body).toContain('Liên kết này đã được thay bằng liên kết mới');
    }
    expect(await getItem(id, 'dien-luc')).toEqual(before);

    // A reminder carries a link of the new version, which works.
    sesMock.resetHistory();
    vi.useFakeTimers({ toFake: ['Date'] });
    // The P1D reminder of task 2.2 falls due.
    vi.setSystemTime(Date.parse(body.tasks[2]?.deadline ?? '') - DAY + HOUR);
    await runCheckpoint(id, 'dien-luc');
    const reminder = (await sentMails()).find((m) => m.to.includes('dien-luc@gialai.example'));
    const fresh = reminder?.links[0]?.split('/r/')[1] ?? '';
    expect(fresh).not.toBe('');
    expect(fresh).not.toBe(old);
    expect((await postAcknowledge(fresh)).statusCode).toBe(200);
    expect((await getItem(id, 'dien-luc')).status).toBe('ACKNOWLEDGED');
  });
});
