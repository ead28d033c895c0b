import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  GIAM_DOC,
  giaLaiDirective,
  hanoi,
  linkOf,
  type Mail,
  mailsTo,
  mailText,
  type Recipient,
  type Runtime,
  recipients,
  reportFields,
  startRuntime,
  toSecond,
} from '../support/runtime.ts';

/**
 * "Trong thời hạn 05 ngày làm việc", issued at 09:00 on Thursday 19/01/2023, the last working day before Tết
 * Quý Mão (days off Friday 20 to Thursday 26/01): the five working days are 27/01, 30/01, 31/01, 01/02 and
 * 02/02, so the report is due at 17:00 on Thursday 02/02/2023. The acknowledgement, by default by the end of
 * the working day of receipt, is due at 17:00 on 19/01. Nothing is sent during Tết.
 */
describe('working-day deadlines across Tết', () => {
  let rt: Runtime;
  let id: string;
  let link: string;
  const [post] = recipients('buu-dien-tinh') as [Recipient];
  const REPORT_DEADLINE = '2023-02-02T10:00:00.000Z';
  const ACK_DEADLINE = '2023-01-19T10:00:00.000Z';
  let mailsBeforeTet = 0;

  const summary = (mails: Mail[]) => JSON.stringify(mails.map((m) => [m.to, m.subject, m.sentAt]));
  const escalations = async () => (await rt.outbox()).filter((m) => m.subject.startsWith('Quá hạn:'));

  beforeAll(async () => {
    rt = await startRuntime({ startAt: '2023-01-19T09:00:00+07:00' });
    const now = await rt.clock();
    const { acknowledgeWithin: _, ...base } = giaLaiDirective({ now, number: '15/STTTT-BCVT', recipients: [post] });
    const body = {
      ...base,
      tasks: base.tasks.map(({ deadline: __, ...t }) => ({ ...t, deadlineWorkingDays: 5 })),
    };
    id = (await rt.issue(body)).id;
    await rt.settle();
    const [invitation] = mailsTo(await rt.outbox(), post.email);
    if (!invitation) throw new Error(`no invitation\n${rt.log()}`);
    link = linkOf(invitation).path;
  });

  afterAll(async () => {
    await rt?.dispose();
  });

  it('stores the report deadline as 17:00 on Thursday 02/02/2023 and the acknowledgement by 17:00 today', async () => {
    expect(await rt.clock()).toBe('2023-01-19T02:00:00.000Z');
    const d = await rt.directive(id);
    expect(d.tasks.map((t) => t.deadline)).toEqual([REPORT_DEADLINE]);
    expect(d.acknowledgeWithin).toBe('END_OF_WORKING_DAY');

    const a = await rt.assignment(id, post.id);
    expect(a.reports).toMatchObject([{ taskCode: '3.1', deadline: REPORT_DEADLINE }]);
    expect(a.ackDeadline).toBe(ACK_DEADLINE);
    expect(a.status).toBe('DELIVERED');
    expect(a.history.map((e) => e.type)).toEqual(['ISSUED', 'DELIVERED']);

    const mails = await rt.outbox();
    expect(mails, summary(mails)).toHaveLength(1);
    expect(mailText(mails[0] as Mail)).toContain('17:00 ngày 02/02/2023');
  });

  it('escalates the missing acknowledgement at 17:00 on the day of receipt', async () => {
    await rt.advanceTo(hanoi('2023-01-19T16:59:59'));
    expect(await escalations()).toEqual([]);
    await rt.advanceTo(hanoi('2023-01-19T17:00:01'));
    const sent = await escalations();
    expect(sent, summary(sent)).toHaveLength(1);
    expect(toSecond(sent[0]?.sentAt ?? '')).toBe(toSecond(ACK_DEADLINE));
    expect(sent[0]?.subject).toContain('chưa xác nhận đã nhận');
    const a = await rt.assignment(id, post.id);
    expect(a.history.filter((e) => e.type === 'ESCALATED')).toMatchObject([{ level: 1, deadline: ACK_DEADLINE }]);
    mailsBeforeTet = (await rt.outbox()).length;
  });

  it('sends nothing during Tết (20–26/01/2023): no reminder, no escalation, no digest', async () => {
    await rt.advanceTo(hanoi('2023-01-27T07:59:59'));
    const mails = await rt.outbox();
    expect(mails, summary(mails.slice(mailsBeforeTet))).toHaveLength(mailsBeforeTet);
    expect((await rt.assignment(id, post.id)).history.map((e) => e.type)).toEqual(['ISSUED', 'DELIVERED', 'ESCALATED']);
  });

  it('escalates to the director two working days after the acknowledgement deadline: Monday 30/01 17:00', async () => {
    await rt.advanceTo(hanoi('2023-01-30T17:01'));
    const sent = await escalations();
    expect(sent, summary(sent)).toHaveLength(2);
    expect(sent[1]?.to).toEqual([GIAM_DOC.email]);
    expect(toSecond(sent[1]?.sentAt ?? '')).toBe(toSecond(hanoi('2023-01-30T17:00')));
    const a = await rt.assignment(id, post.id);
    expect(a.escalationLevel).toBe(2);
    expect(a.history.filter((e) => e.type === 'ESCALATED').map((e) => e.level)).toEqual([1, 2]);
  });

  it('reminds before the working-day deadline and takes the report on time on 02/02', async () => {
    const ack = await rt.form(`${link}/acknowledge`);
    expect(ack.status).toBe(200);
    await rt.advanceTo(hanoi('2023-02-02T09:00'));
    const reminders = mailsTo(await rt.outbox(), post.email).filter((m) => m.subject.startsWith('Nhắc hạn'));
    expect(
      reminders.map((m) => toSecond(m.sentAt)),
      summary(reminders),
    ).toEqual(['2023-01-31T17:00', '2023-02-01T17:00', '2023-02-02T08:00'].map((t) => toSecond(hanoi(t))));
    for (const m of reminders) expect(m.subject).toContain('17:00 ngày 02/02/2023');

    const report = await rt.form(`${link}/report`, reportFields(post));
    expect(report.status, report.text.slice(0, 300)).toBe(200);
    await rt.settle();
    const a = await rt.assignment(id, post.id);
    expect(a.status).toBe('COMPLETED');
    expect(a.reports).toMatchObject([{ deadline: REPORT_DEADLINE, late: false }]);
    expect(a.history.find((e) => e.type === 'ACKNOWLEDGED')?.late).toBe(true);
    expect(a.history.filter((e) => e.type === 'REMINDED').map((e) => e.deadline)).toEqual([
      REPORT_DEADLINE,
      REPORT_DEADLINE,
      REPORT_DEADLINE,
    ]);
  });
});
