import { createHmac } from 'node:crypto';
import { MessageRejected, SendRawEmailCommand } from '@aws-sdk/client-ses';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { applyTransition } from '#adapters/store/assignments.ts';
import { cancel } from '#core/assignment/transitions.ts';
import {
  DAY,
  deliverAndWait,
  deliverTo,
  getItem,
  HOUR,
  historyTypes,
  issue,
  LINK_SECRET,
  planInOutput,
  postAcknowledge,
  postReport,
  RECIPIENTS,
  resetMocks,
  runDeliver,
  sentMails,
  sesMock,
  submissionOf,
  taskFailures,
  taskSuccesses,
  tokenOf,
  viewLink,
} from './support/harness.ts';

/**
 * Every assignment transition, through the real handlers and a real (dynalite) table: deliver → await the
 * recipient → acknowledge → report → completed, and the ways it can go otherwise.
 */

beforeEach(() => {
  resetMocks();
});

afterEach(() => {
  vi.useRealTimers();
});

const SUBJECT_PREFIX = '[126/STTTT-BCVT] V/v đảm bảo thông tin liên lạc';

describe('valid path', () => {
  it('deliver: DELIVERED with an acknowledgement deadline, and one invitation email with a /r/ link', async () => {
    const { id } = await issue();
    const before = await getItem(id, 'cong-an');
    expect(before.status).toBe('ISSUED');
    expect(before.version).toBe(1);

    const started = Date.now();
    const { output, mail, link } = await deliverTo(id, 'cong-an');

    const item = await getItem(id, 'cong-an');
    expect(item.status).toBe('DELIVERED');
    expect(item.version).toBe(2);
    expect(historyTypes(item)).toEqual(['ISSUED', 'DELIVERED']);
    expect(item.deliveredAt).toBeDefined();
    // acknowledgeWithin PT8H from the delivery.
    const ackDeadline = Date.parse(item.ackDeadline ?? '');
    expect(ackDeadline - Date.parse(item.deliveredAt ?? '')).toBe(8 * HOUR);
    expect(ackDeadline).toBeGreaterThanOrEqual(started + 8 * HOUR - 1000);
    expect(item.taskToken).toBeUndefined();

    expect(mail.to).toEqual(['cong-an@gialai.example']);
    expect(mail.subject.startsWith(SUBJECT_PREFIX)).toBe(true);
    expect(link).toMatch(/^https:\/\/chidao\.example\.gov\.vn\/r\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(mail.text).toContain('Công an tỉnh');
    // Only the recipient was written to: nobody else got mail, no workflow was woken.
    expect(sesMock.commandCalls(SendRawEmailCommand)).toHaveLength(1);
    expect(taskSuccesses()).toHaveLength(0);
    // The link names this assignment and is signed with the secret Secrets Manager holds.
    const [payload, signature] = tokenOf(link).split('.') as [string, string];
    const [directiveId, recipientId, linkVersion, expiresAt] = JSON.parse(Buffer.from(payload, 'base64url').toString());
    expect([directiveId, recipientId, linkVersion]).toEqual([id, 'cong-an', 1]);
    expect(expiresAt * 1000).toBeGreaterThan(Date.parse(item.ackDeadline ?? ''));
    expect(signature).toBe(createHmac('sha256', LINK_SECRET).update(`chidao-link-v1.${payload}`).digest('base64url'));
    expect(link).not.toContain('AQCE'); // never a task token

    expect(output.directiveId).toBe(id);
    expect(output.recipientId).toBe('cong-an');
    expect(output.plan).toMatchObject({ done: false, status: 'DELIVERED', version: 2 });
    // The next checkpoint is the acknowledgement deadline (8 h), well inside a day.
    expect(output.plan.at).toBe(item.ackDeadline);
    expect(output.plan.timeoutSeconds).toBeGreaterThan(7 * 3600);
    expect(output.plan.timeoutSeconds).toBeLessThanOrEqual(8 * 3600);
  });

  it('deliver again (a retried task) sends nothing and changes nothing', async () => {
    const { id } = await issue();
    await deliverTo(id, 'bchqs');
    const item = await getItem(id, 'bchqs');

    const output = await runDeliver(id, 'bchqs');

    expect(sesMock.commandCalls(SendRawEmailCommand)).toHaveLength(1);
    const after = await getItem(id, 'bchqs');
    expect(after.version).toBe(item.version);
    expect(historyTypes(after)).toEqual(['ISSUED', 'DELIVERED']);
    expect(output.plan).toMatchObject({ done: false, status: 'DELIVERED', version: 2 });
  });

  it('await-human stores the task token on the item when the plan is current', async () => {
    const { id } = await issue();
    const { taskToken } = await deliverAndWait(id, 'cong-an');

    const item = await getItem(id, 'cong-an');
    expect(item.taskToken).toBe(taskToken);
    expect(item.tokenVersion).toBe(2);
    expect(item.version).toBe(2);
    expect(item.status).toBe('DELIVERED');
    expect(taskSuccesses()).toHaveLength(0);
  });

  it('acknowledge: ACKNOWLEDGED, and SendTaskSuccess ends the wait with the stored token and a fresh plan', async () => {
    const { id, body } = await issue();
    const { token, taskToken } = await deliverAndWait(id, 'cong-an');
    sesMock.resetHistory();

    const response = await postAcknowledge(token);

    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.body).toContain('Đã báo nhận công văn');
    expect(response.body).toContain('Cơ quan ban hành đã nhận được xác nhận của Công an tỉnh.');

    const item = await getItem(id, 'cong-an');
    expect(item.status).toBe('ACKNOWLEDGED');
    expect(item.version).toBe(3);
    expect(historyTypes(item)).toEqual(['ISSUED', 'DELIVERED', 'ACKNOWLEDGED']);
    expect(item.history.at(-1)).toMatchObject({ type: 'ACKNOWLEDGED', by: 'Công an tỉnh', late: false });
    expect(item.acknowledgedAt).toBeDefined();
    expect(item.outcome).toBeUndefined();
    // The report of task 1.3 is still owed.
    expect(item.reports['1.3']?.submittedAt).toBeUndefined();

    const woken = taskSuccesses();
    expect(woken).toHaveLength(1);
    expect(woken[0]?.taskToken).toBe(taskToken);
    const plan = planInOutput(woken[0]?.output, { directiveId: id, recipientId: 'cong-an' });
    expect(plan).toMatchObject({ done: false, status: 'ACKNOWLEDGED', version: 3 });
    // Next: the P1D reminder before the report deadline (the P2D one fell before the delivery).
    const deadline = body.tasks[1]?.deadline ?? '';
    expect(plan.at).toBe(new Date(Date.parse(deadline) - DAY).toISOString());
    expect(taskFailures()).toHaveLength(0);
    expect(sesMock.commandCalls(SendRawEmailCommand)).toHaveLength(0);
  });

  it('report after the acknowledgement: COMPLETED, ON_TIME, and the workflow is told it is done', async () => {
    const { id } = await issue();
    const { token, taskToken } = await deliverAndWait(id, 'cong-an');
    expect((await postAcknowledge(token)).statusCode).toBe(200);
    sesMock.resetHistory();

    const response = await postReport(token, '1.3', 'Đầu mối: Thượng tá Nguyễn Văn A, 0912.345.678');

    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('Đã gửi báo cáo nhiệm vụ 1.3');
    expect(response.body).toContain('Đơn vị đã hoàn thành mọi nhiệm vụ có yêu cầu báo cáo của công văn này.');

    const item = await getItem(id, 'cong-an');
    expect(item.status).toBe('COMPLETED');
    expect(item.outcome).toBe('ON_TIME');
    expect(item.version).toBe(4);
    expect(historyTypes(item)).toEqual(['ISSUED', 'DELIVERED', 'ACKNOWLEDGED', 'REPORTED', 'COMPLETED']);
    expect(item.reports['1.3']).toMatchObject({ taskCode: '1.3', late: false });
    // The text is a submission of its own, which the slot names.
    expect(await submissionOf(id, 'cong-an', item.reports['1.3']?.reportId)).toMatchObject({
      kind: 'REPORT',
      slotKey: '1.3',
      text: 'Đầu mối: Thượng tá Nguyễn Văn A, 0912.345.678',
    });
    expect(item.reports['1.3']?.submittedAt).toBeDefined();
    expect(item.completedAt).toBeDefined();
    expect(item.escalationLevel).toBe(0);
    expect(item.reports['1.3']?.remindedUntil).toBeUndefined();
    // Nothing is due any more: the sparse index no longer holds it.
    expect(item.dueAt).toBeUndefined();
    expect(item.bucket).toBe('completedOnTime');

    const woken = taskSuccesses();
    expect(woken).toHaveLength(2);
    expect(woken[1]?.taskToken).toBe(taskToken);
    expect(planInOutput(woken[1]?.output, { directiveId: id, recipientId: 'cong-an' })).toMatchObject({
      done: true,
      status: 'COMPLETED',
      version: 4,
    });
    expect(sesMock.commandCalls(SendRawEmailCommand)).toHaveLength(0);
  });

  it('a report after its deadline completes the assignment LATE', async () => {
    // A deadline an hour away, which passes before the report comes.
    const { id } = await issue({ deadline: new Date(Date.now() + HOUR).toISOString() });
    const { token } = await deliverAndWait(id, 'dien-luc');
    expect((await postAcknowledge(token)).statusCode).toBe(200);
    vi.setSystemTime(Date.now() + 2 * HOUR);

    const response = await postReport(token, '2.2');

    expect(response.statusCode).toBe(200);
    const item = await getItem(id, 'dien-luc');
    expect(item.status).toBe('COMPLETED');
    expect(item.outcome).toBe('LATE');
    expect(item.reports['2.2']?.late).toBe(true);
    expect(item.history.find((e) => e.type === 'REPORTED')).toMatchObject({ taskCode: '2.2', late: true });
    expect(item.history.at(-1)).toMatchObject({ type: 'COMPLETED', detail: 'LATE' });
    expect(item.bucket).toBe('completedLate');
  });

  it('a report made late by the clock (deadline passes while waiting) is LATE too', async () => {
    const deadline = new Date(Date.now() + 2 * DAY).toISOString();
    const { id } = await issue({ deadline });
    const { token } = await deliverAndWait(id, 'bchqs');
    expect((await postAcknowledge(token)).statusCode).toBe(200);

    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.parse(deadline) + HOUR);
    const response = await postReport(token, '1.3');
    vi.useRealTimers();

    expect(response.statusCode).toBe(200);
    const item = await getItem(id, 'bchqs');
    expect(item.outcome).toBe('LATE');
    expect(item.reports['1.3']).toMatchObject({
      late: true,
      submittedAt: new Date(Date.parse(deadline) + HOUR).toISOString(),
    });
  });
});

describe('out of order', () => {
  it('a report before the acknowledgement is accepted and implies it', async () => {
    const { id } = await issue();
    const { token, taskToken } = await deliverAndWait(id, 'cong-an');

    const response = await postReport(token, '1.3');

    expect(response.statusCode).toBe(200);
    const item = await getItem(id, 'cong-an');
    expect(historyTypes(item)).toEqual(['ISSUED', 'DELIVERED', 'ACKNOWLEDGED', 'REPORTED', 'COMPLETED']);
    expect(item.acknowledgedAt).toBeDefined();
    expect(item.acknowledgedAt).toBe(item.reports['1.3']?.submittedAt);
    expect(item.status).toBe('COMPLETED');
    expect(item.outcome).toBe('ON_TIME');
    // One write: the implied acknowledgement and the report are one transition.
    expect(item.version).toBe(3);
    const woken = taskSuccesses();
    expect(woken).toHaveLength(1);
    expect(woken[0]?.taskToken).toBe(taskToken);
    expect(planInOutput(woken[0]?.output, { directiveId: id, recipientId: 'cong-an' })).toMatchObject({
      done: true,
      status: 'COMPLETED',
      version: 3,
    });

    // The acknowledgement button, clicked afterwards, says it was done: not an error, no second wake-up.
    const late = await postAcknowledge(token);
    expect(late.statusCode).toBe(200);
    expect(late.body).toContain('Đã thực hiện trước đó');
    expect((await getItem(id, 'cong-an')).version).toBe(3);
    expect(taskSuccesses()).toHaveLength(1);
  });

  it('a report for a task the recipient does not owe is refused with 400 and changes nothing', async () => {
    const { id } = await issue();
    const { token } = await deliverAndWait(id, 'cong-an');

    const response = await postReport(token, '2.2');

    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('Nhiệm vụ 2.2 không thuộc đơn vị này');
    const item = await getItem(id, 'cong-an');
    expect(item.version).toBe(2);
    expect(item.status).toBe('DELIVERED');
    expect(taskSuccesses()).toHaveLength(0);
  });

  it('a report without a summary is a 400 page naming the field, and changes nothing', async () => {
    const { id } = await issue();
    const { token } = await deliverAndWait(id, 'cong-an');

    const response = await postReport(token, '1.3', '   ');

    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.body).toContain('Nội dung báo cáo: bắt buộc nhập');
    expect((await getItem(id, 'cong-an')).version).toBe(2);
    expect(taskSuccesses()).toHaveLength(0);
  });
});

describe('after cancel', () => {
  it('acknowledge and report are refused (409), the item is unchanged, nothing is sent or woken', async () => {
    const { id } = await issue();
    const { token } = await deliverAndWait(id, 'bchqs');
    const now = new Date().toISOString();
    const cancelled = await applyTransition(id, 'bchqs', now, (a) => cancel(a, now, 'Trần Văn Bình', 'Thu hồi'));
    expect(cancelled.applied).toBe(true);
    const before = await getItem(id, 'bchqs');
    expect(before.status).toBe('CANCELLED');
    expect(before.cancelledAt).toBe(now);
    expect(historyTypes(before)).toEqual(['ISSUED', 'DELIVERED', 'CANCELLED']);
    expect(before.bucket).toBe('cancelled');
    sesMock.resetHistory();

    const ack = await postAcknowledge(token);
    const rep = await postReport(token, '1.3');

    for (const response of [ack, rep]) {
      expect(response.statusCode).toBe(409);
      expect(response.headers['content-type']).toMatch(/^text\/html/);
      expect(response.body).toContain('Không thể thực hiện');
      expect(response.body).toContain('Công văn đã được thu hồi đối với đơn vị này.');
    }
    const after = await getItem(id, 'bchqs');
    expect(after).toEqual(before);
    expect(sesMock.commandCalls(SendRawEmailCommand)).toHaveLength(0);
    expect(taskSuccesses()).toHaveLength(0);
    expect(taskFailures()).toHaveLength(0);

    // The link still opens (read-only) and shows the withdrawal.
    const page = await viewLink(token);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Công văn đã được thu hồi');
    expect(page.body).not.toContain('/acknowledge');
  });
});

describe('links', () => {
  /** Flips one character well inside the signature (the last one may carry only padding bits). */
  const tamper = (token: string) => {
    const dot = token.indexOf('.');
    const i = dot + 5;
    const c = token[i];
    return `${token.slice(0, i)}${c === 'A' ? 'B' : 'A'}${token.slice(i + 1)}`;
  };

  it('a tampered token gets a 403 page and changes nothing', async () => {
    const { id } = await issue();
    const { token } = await deliverAndWait(id, 'cong-an');
    const before = await getItem(id, 'cong-an');
    const bad = tamper(token);
    expect(bad).not.toBe(token);

    for (const response of [await viewLink(bad), await postAcknowledge(bad), await postReport(bad, '1.3')]) {
      expect(response.statusCode).toBe(403);
      expect(response.headers['content-type']).toMatch(/^text\/html/);
      expect(response.body).toContain('Liên kết không hợp lệ');
      expect(response.body).not.toContain('Công an tỉnh');
    }
    // A payload naming another recipient, with the original signature, is refused too.
    const [payload, signature] = token.split('.') as [string, string];
    const forged = Buffer.from(
      Buffer.from(payload, 'base64url').toString('utf8').replace('"cong-an"', '"bchqs"'),
    ).toString('base64url');
    expect((await postAcknowledge(`${forged}.${signature}`)).statusCode).toBe(403);
    expect((await postAcknowledge('not-a-token')).statusCode).toBe(403);

    expect(await getItem(id, 'cong-an')).toEqual(before);
    expect((await getItem(id, 'bchqs')).status).toBe('ISSUED');
    expect(taskSuccesses()).toHaveLength(0);
  });

  it('GET and HEAD on a valid link show the page and change nothing', async () => {
    const { id } = await issue();
    const { token } = await deliverAndWait(id, 'cong-an');
    const before = await getItem(id, 'cong-an');

    const get = await viewLink(token, 'GET');
    expect(get.statusCode).toBe(200);
    expect(get.headers['content-type']).toMatch(/^text\/html/);
    expect(get.body).toContain('Công an tỉnh');
    expect(get.body).toContain('126/STTTT-BCVT');
    expect(get.body).toContain(`action="/r/${token}/acknowledge"`);
    expect(get.body).toContain(`action="/r/${token}/report"`);

    const head = await viewLink(token, 'HEAD');
    expect(head.statusCode).toBe(200);
    expect(head.body).toBe('');

    // Opened twice more, as a mail scanner would.
    await viewLink(token);
    await viewLink(token, 'HEAD');
    const after = await getItem(id, 'cong-an');
    expect(after.version).toBe(before.version);
    expect(after).toEqual(before);
    expect(taskSuccesses()).toHaveLength(0);
  });

  it('each recipient gets its own link: one link never reaches another assignment', async () => {
    const { id } = await issue();
    const links: Awaited<ReturnType<typeof deliverTo>>[] = [];
    for (const r of RECIPIENTS) links.push(await deliverTo(id, r.id));
    expect(new Set(links.map((l) => l.token)).size).toBe(RECIPIENTS.length);
    const mails = await sentMails();
    expect(mails.map((m) => m.to).sort()).toEqual(RECIPIENTS.map((r) => [r.email]).sort());

    const dienLuc = links[2];
    expect((await postAcknowledge(dienLuc?.token ?? '')).statusCode).toBe(200);
    expect((await getItem(id, 'dien-luc')).status).toBe('ACKNOWLEDGED');
    expect((await getItem(id, 'cong-an')).status).toBe('DELIVERED');
    expect((await getItem(id, 'bchqs')).status).toBe('DELIVERED');
  });
});

describe('delivery failures', () => {
  it('SES MessageRejected: DELIVERY_FAILED, and the task fails with DeliveryFailed', async () => {
    const { id } = await issue();
    sesMock
      .on(SendRawEmailCommand)
      .rejects(new MessageRejected({ message: 'Email address is not verified.', $metadata: { httpStatusCode: 400 } }));

    const failure = await runDeliver(id, 'cong-an').then(
      () => undefined,
      (error: unknown) => error,
    );

    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).name).toBe('DeliveryFailed');
    expect((failure as Error).message).toContain('cong-an');
    expect((failure as Error).message).toContain('Email address is not verified.');
    const item = await getItem(id, 'cong-an');
    expect(item.status).toBe('DELIVERY_FAILED');
    expect(item.version).toBe(2);
    expect(historyTypes(item)).toEqual(['ISSUED', 'DELIVERY_FAILED']);
    expect(item.history.at(-1)?.detail).toBe('Email address is not verified.');
    expect(item.deliveredAt).toBeUndefined();
    expect(item.ackDeadline).toBeUndefined();
    expect(item.bucket).toBe('deliveryFailed');
    expect(sesMock.commandCalls(SendRawEmailCommand)).toHaveLength(1);
  });

  it('SES throttling: the error propagates (Step Functions retries) and the item is still ISSUED', async () => {
    const { id } = await issue();
    const throttled = Object.assign(new Error('Maximum sending rate exceeded.'), { name: 'Throttling' });
    sesMock.on(SendRawEmailCommand).rejectsOnce(throttled);

    // Renamed for the state machine's one Retry on what may pass; the cause keeps SES's name.
    await expect(runDeliver(id, 'bchqs')).rejects.toMatchObject({
      name: 'TransientError',
      message: expect.stringContaining('Throttling'),
    });

    const item = await getItem(id, 'bchqs');
    expect(item.status).toBe('ISSUED');
    expect(item.version).toBe(1);
    expect(historyTypes(item)).toEqual(['ISSUED']);

    // The retry Step Functions makes then delivers.
    sesMock.on(SendRawEmailCommand).resolves({ MessageId: 'retried' });
    const output = await runDeliver(id, 'bchqs');
    expect(output.plan).toMatchObject({ status: 'DELIVERED', version: 2 });
    expect((await getItem(id, 'bchqs')).status).toBe('DELIVERED');
    expect(sesMock.commandCalls(SendRawEmailCommand)).toHaveLength(2);
  });
});
