import { SendRawEmailCommand } from '@aws-sdk/client-ses';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { checkpointsOf } from '#core/assignment/checkpoints.ts';
import { addWorkingDays } from '#core/calendar/index.ts';
import {
  CONTACT_TASK,
  DAY,
  deliverAndWait,
  getItem,
  HOUR,
  historyTypes,
  issue,
  LEADERS,
  postAcknowledge,
  postReport,
  resetMocks,
  runCheckpoint,
  sentMails,
  sesMock,
  taskSuccesses,
  tokenOf,
} from './support/harness.ts';

/**
 * The checkpoint step, run when a wait times out: it reads the item, sends the reminders and escalations that
 * fell due (each once), records them, and plans the next wait. Only `Date` is faked: the SDK's timers and
 * dynalite run as usual.
 */

beforeEach(() => {
  resetMocks();
});

afterEach(() => {
  vi.useRealTimers();
});

const at = (ms: number) => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(ms);
};

const MINUTE = 60_000;

describe('checkpoint', () => {
  it('reminds once before the deadline, escalates to the leadership after it, and goes quiet after the report', async () => {
    const deadline = new Date(Date.now() + 2 * DAY).toISOString();
    const { id } = await issue({ deadline, remindBefore: ['P1D'] });
    const { token } = await deliverAndWait(id, 'cong-an');
    expect((await postAcknowledge(token)).statusCode).toBe(200);
    sesMock.resetHistory();
    const remindAt = Date.parse(deadline) - DAY;
    const remindId = `remind:1.3:P1D:${deadline}`;
    const escalateId = `escalate:1.3:1:${deadline}`;

    // Woken early (a rescheduled wait): nothing is due yet.
    const early = await runCheckpoint(id, 'cong-an');
    expect(sesMock.commandCalls(SendRawEmailCommand)).toHaveLength(0);
    expect(early.plan).toMatchObject({ done: false, status: 'ACKNOWLEDGED', version: 3 });
    expect(early.plan.at).toBe(new Date(remindAt).toISOString());

    // After the reminder time: one reminder, to the recipient, with its link.
    at(remindAt + HOUR);
    const reminded = await runCheckpoint(id, 'cong-an');
    let mails = await sentMails();
    expect(mails).toHaveLength(1);
    const reminder = mails[0];
    expect(reminder?.to).toEqual(['cong-an@gialai.example']);
    expect(reminder?.subject).toMatch(
      /^Nhắc hạn: báo cáo nhiệm vụ 1\.3 — 126\/STTTT-BCVT \(hạn \d\d:\d\d ngày \d\d\/\d\d\/\d{4}\)$/,
    );
    expect(reminder?.text).toContain('Công an tỉnh');
    expect(reminder?.links).toHaveLength(1);
    expect(tokenOf(reminder?.links[0] ?? '')).toBe(token);

    let item = await getItem(id, 'cong-an');
    expect(item.version).toBe(4);
    expect(item.status).toBe('ACKNOWLEDGED');
    expect(historyTypes(item)).toEqual(['ISSUED', 'DELIVERED', 'ACKNOWLEDGED', 'REMINDED']);
    expect(item.history.at(-1)).toMatchObject({ type: 'REMINDED', checkpoint: remindId, taskCode: '1.3', deadline });
    // Done up to the reminder's time, for this deadline.
    expect(item.reports['1.3']?.remindedUntil).toBe(new Date(Date.parse(deadline) - DAY).toISOString());
    expect(item.escalationLevel).toBe(0);
    // Next wait: until the deadline, 23 hours on.
    expect(reminded.plan).toMatchObject({ done: false, version: 4, at: deadline, timeoutSeconds: 23 * 3600 });

    // Woken again at the same time: the reminder is not sent twice.
    const again = await runCheckpoint(id, 'cong-an');
    expect(sesMock.commandCalls(SendRawEmailCommand)).toHaveLength(1);
    expect((await getItem(id, 'cong-an')).version).toBe(4);
    expect(again.plan).toMatchObject({ version: 4, at: deadline });

    // After the deadline: a first-level escalation to the signer (a deputy director here), naming the recipient
    // and the task.
    at(Date.parse(deadline) + HOUR);
    const escalated = await runCheckpoint(id, 'cong-an');
    mails = await sentMails();
    expect(mails).toHaveLength(2);
    const escalation = mails[1];
    expect(escalation?.to).toEqual(LEADERS.filter((l) => l.name === 'Lê Thị Thu Hương').map((l) => l.email));
    expect(escalation?.subject).toBe('Quá hạn: Công an tỉnh chưa báo cáo nhiệm vụ 1.3 — 126/STTTT-BCVT');
    expect(escalation?.text).toContain('Công an tỉnh');
    expect(escalation?.text).toContain(`Báo cáo nhiệm vụ 1.3: ${CONTACT_TASK}`);
    expect(escalation?.text).toContain('Cảnh báo cấp 1');
    expect(escalation?.text).toContain('cong-an@gialai.example');
    // The recipient's link is the recipient's alone: never in a leadership email.
    expect(escalation?.links).toEqual([]);

    item = await getItem(id, 'cong-an');
    expect(item.version).toBe(5);
    expect(item.escalationLevel).toBe(1);
    expect(historyTypes(item)).toEqual(['ISSUED', 'DELIVERED', 'ACKNOWLEDGED', 'REMINDED', 'ESCALATED']);
    expect(item.history.at(-1)).toMatchObject({ type: 'ESCALATED', level: 1, checkpoint: escalateId, taskCode: '1.3' });
    expect(item.reports['1.3']?.remindedUntil).toBe(deadline);
    expect(item.bucket).toBe('inProgressOverdue');
    // Next: the second level, to the director, two working days after the deadline.
    expect(escalated.plan).toMatchObject({ done: false, version: 5, at: addWorkingDays(deadline, 2) });

    // The report comes in, late: COMPLETED, LATE; the checkpoint then sends nothing and says done.
    at(Date.parse(deadline) + 2 * HOUR);
    expect((await postReport(token, '1.3')).statusCode).toBe(200);
    item = await getItem(id, 'cong-an');
    expect(item).toMatchObject({ status: 'COMPLETED', outcome: 'LATE', escalationLevel: 1 });
    at(Date.parse(deadline) + 3 * DAY);
    const after = await runCheckpoint(id, 'cong-an');
    expect(sesMock.commandCalls(SendRawEmailCommand)).toHaveLength(2);
    expect(after.plan).toMatchObject({ done: true, status: 'COMPLETED', version: item.version });
    expect((await getItem(id, 'cong-an')).version).toBe(item.version);
    // Neither the checkpoint nor its emails woke anything: only the report did.
    expect(taskSuccesses()).toHaveLength(2);
  });

  it('escalates a missing acknowledgement to the leadership once the acknowledgement deadline passes', async () => {
    const { id } = await issue({ remindBefore: ['P1D'] });
    await deliverAndWait(id, 'bchqs');
    sesMock.resetHistory();
    const delivered = await getItem(id, 'bchqs');
    const ackDeadline = delivered.ackDeadline ?? '';

    at(Date.parse(ackDeadline) + MINUTE);
    const out = await runCheckpoint(id, 'bchqs');

    const mails = await sentMails();
    expect(mails).toHaveLength(1);
    // The first level goes to the signer, who is among the leaders (the deputy director).
    expect(mails[0]?.to).toEqual(LEADERS.filter((l) => l.name === 'Lê Thị Thu Hương').map((l) => l.email));
    expect(mails[0]?.subject).toBe('Quá hạn: Bộ Chỉ huy Quân sự tỉnh chưa xác nhận đã nhận công văn 126/STTTT-BCVT');
    expect(mails[0]?.text).toContain('Xác nhận đã nhận công văn');
    const item = await getItem(id, 'bchqs');
    expect(item.escalationLevel).toBe(1);
    expect(item.ackRemindedUntil).toBe(ackDeadline);
    expect(item.history.at(-1)).toMatchObject({ type: 'ESCALATED', level: 1, deadline: ackDeadline });
    expect(item.status).toBe('DELIVERED');
    expect(out.plan).toMatchObject({ done: false, version: item.version });
  });

  it('after downtime, of several checkpoints due at once only the latest is sent; the earlier are recorded as moot', async () => {
    const deadline = new Date(Date.now() + 3 * DAY).toISOString();
    const { id } = await issue({ deadline, remindBefore: ['P2D', 'P1D'] });
    const { token } = await deliverAndWait(id, 'dien-luc');
    expect((await postAcknowledge(token)).statusCode).toBe(200);
    sesMock.resetHistory();

    at(Date.parse(deadline) + HOUR);
    await runCheckpoint(id, 'dien-luc');

    const mails = await sentMails();
    expect(mails).toHaveLength(1);
    expect(mails[0]?.subject).toBe('Quá hạn: Công ty Điện lực Gia Lai chưa báo cáo nhiệm vụ 2.2 — 126/STTTT-BCVT');
    const item = await getItem(id, 'dien-luc');
    expect(historyTypes(item).filter((t) => t === 'REMINDED')).toHaveLength(0);
    expect(historyTypes(item).filter((t) => t === 'ESCALATED')).toHaveLength(1);
    // The escalation at the deadline makes both reminders before it moot: done up to the deadline.
    expect(item.reports['2.2']?.remindedUntil).toBe(deadline);
    expect(checkpointsOf(item).map((c) => c.id)).toEqual([`escalate:2.2:2:${deadline}`]);
    expect(item.version).toBe(4);
  });

  it('a checkpoint on a completed assignment sends nothing, however late it runs', async () => {
    const { id } = await issue({ remindBefore: ['P1D'] });
    const { token } = await deliverAndWait(id, 'dien-luc');
    expect((await postReport(token, '2.2')).statusCode).toBe(200);
    sesMock.resetHistory();
    const before = await getItem(id, 'dien-luc');

    at(Date.now() + 10 * DAY);
    const out = await runCheckpoint(id, 'dien-luc');

    expect(sesMock.commandCalls(SendRawEmailCommand)).toHaveLength(0);
    expect(out.plan).toMatchObject({ done: true, status: 'COMPLETED' });
    expect(await getItem(id, 'dien-luc')).toEqual(before);
  });
});
