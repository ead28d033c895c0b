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
  reportSlotKeysOf,
  startRuntime,
  toSecond,
} from '../support/runtime.ts';

/**
 * A daily report ("báo cáo hằng ngày") over five working days: task 3.1 of VNPT Gia Lai, first due Monday
 * 09/03/2026 at 17:00, then every day until Friday 13/03. VNPT reports on days 1, 2 and 4 on time, on day 3
 * the next morning (late), never on day 5. Each period is its own report slot (`3.1#YYYY-MM-DD`), with its own
 * reminders and escalation, all within one execution whose history stays small.
 */
describe('periodic report: daily for five days', () => {
  let rt: Runtime;
  let id: string;
  let link: string;
  const [vnpt] = recipients('vnpt-gia-lai') as [Recipient];
  const days = ['2026-03-09', '2026-03-10', '2026-03-11', '2026-03-12', '2026-03-13'];
  const keyOf = (day: string) => `3.1#${day}`;
  const deadlineOf = (day: string) => hanoi(`${day}T17:00`);

  const summary = (mails: Mail[]) => JSON.stringify(mails.map((m) => [m.to, m.subject, m.sentAt]));
  const slotKeysOnPage = async () => {
    const page = await rt.open(link);
    expect(page.status).toBe(200);
    return reportSlotKeysOf(page.text);
  };
  /** Reports the slot the page offers for `day`, as the recipient's browser would. */
  const reportFromPage = async (day: string) => {
    const key = (await slotKeysOnPage()).find((k) => k.endsWith(`#${day}`));
    expect(key, `the page offers no report form for ${day}`).toBe(keyOf(day));
    const answer = await rt.form(`${link}/report`, {
      taskCode: key ?? '',
      summary: `VNPT Gia Lai báo cáo ngày ${day}: 100% trạm BTS hoạt động bình thường, không có sự cố.`,
    });
    expect(answer.status, answer.text.slice(0, 300)).toBe(200);
    await rt.settle();
  };

  beforeAll(async () => {
    rt = await startRuntime();
    const now = await rt.clock();
    const base = giaLaiDirective({
      now,
      recipients: [vnpt],
      deadline: deadlineOf(days[0] ?? ''),
      remindBefore: ['P1D'],
    });
    const body = {
      ...base,
      tasks: base.tasks.map((t) => ({ ...t, recurrence: { every: 'P1D', until: days[4] } })),
    };
    id = (await rt.issue(body)).id;
    await rt.settle();
    const [invitation] = mailsTo(await rt.outbox(), vnpt.email);
    if (!invitation) throw new Error(`no invitation\n${rt.log()}`);
    link = linkOf(invitation).path;
    const ack = await rt.form(`${link}/acknowledge`);
    if (ack.status !== 200) throw new Error(`acknowledge → ${ack.status}`);
    await rt.settle();
  });

  afterAll(async () => {
    await rt?.dispose();
  });

  it('makes one report slot per day, and the page offers only the first one yet', async () => {
    const a = await rt.assignment(id, vnpt.id);
    expect(a.reports.map((r) => [r.key, r.period, r.deadline])).toEqual(
      days.map((day) => [keyOf(day), day, deadlineOf(day)]),
    );
    expect(await slotKeysOnPage()).toEqual([keyOf('2026-03-09')]);
  });

  it('day 1 and day 2: reported on time with the slot key from the page', async () => {
    await rt.advanceTo(hanoi('2026-03-09T10:00'));
    await reportFromPage('2026-03-09');
    await rt.advanceTo(hanoi('2026-03-10T10:00'));
    expect(await slotKeysOnPage()).toEqual([keyOf('2026-03-10')]);
    await reportFromPage('2026-03-10');
    const a = await rt.assignment(id, vnpt.id);
    expect(a.reports.filter((r) => r.submittedAt).map((r) => [r.key, r.late])).toEqual([
      [keyOf('2026-03-09'), false],
      [keyOf('2026-03-10'), false],
    ]);
    expect(a.history.filter((e) => e.type === 'ESCALATED')).toEqual([]);
  });

  it('day 3 missed: escalated at 17:00; reported late the next morning, then day 4 on time', async () => {
    await rt.advanceTo(hanoi('2026-03-12T09:00'));
    const escalations = (await rt.outbox()).filter((m) => m.subject.startsWith('Quá hạn:'));
    expect(
      escalations.map((m) => toSecond(m.sentAt)),
      summary(escalations),
    ).toEqual([toSecond(deadlineOf('2026-03-11'))]);
    expect(escalations[0]?.to).toEqual([GIAM_DOC.email]);
    expect(mailText(escalations[0] as Mail)).toContain('17:00 ngày 11/03/2026');
    expect(mailText(escalations[0] as Mail)).toContain(vnpt.name);

    // The overdue day and the day now due are both offered.
    expect(await slotKeysOnPage()).toEqual([keyOf('2026-03-11'), keyOf('2026-03-12')]);
    await reportFromPage('2026-03-11');
    await reportFromPage('2026-03-12');
    const reported = (await rt.assignment(id, vnpt.id)).history.filter((e) => e.type === 'REPORTED');
    expect(reported.map((e) => [e.taskCode, e.late])).toEqual([
      [keyOf('2026-03-09'), false],
      [keyOf('2026-03-10'), false],
      [keyOf('2026-03-11'), true],
      [keyOf('2026-03-12'), false],
    ]);
  });

  it('a day after day 5: 3 on time, 1 late, 1 missing and overdue; escalations for days 3 and 5 only', async () => {
    await rt.advanceTo(hanoi('2026-03-14T18:00'));
    const d = await rt.directive(id);
    const [a] = d.assignments;
    expect(a).toMatchObject({ status: 'ACKNOWLEDGED', overdue: true, outcome: null, escalationLevel: 1 });
    expect(
      a?.reports.map((r) => ({ key: r.key, period: r.period, late: r.late, submitted: r.submittedAt !== null })),
    ).toEqual([
      { key: keyOf('2026-03-09'), period: '2026-03-09', late: false, submitted: true },
      { key: keyOf('2026-03-10'), period: '2026-03-10', late: false, submitted: true },
      { key: keyOf('2026-03-11'), period: '2026-03-11', late: true, submitted: true },
      { key: keyOf('2026-03-12'), period: '2026-03-12', late: false, submitted: true },
      { key: keyOf('2026-03-13'), period: '2026-03-13', late: null, submitted: false },
    ]);
    const slots = a?.reports ?? [];
    expect(slots.filter((r) => r.late === false)).toHaveLength(3);
    expect(slots.filter((r) => r.late === true)).toHaveLength(1);
    const missing = slots.filter((r) => r.submittedAt === null);
    expect(missing).toHaveLength(1);
    expect(Date.parse(missing[0]?.deadline ?? '')).toBeLessThan(Date.parse(await rt.clock()));
    expect(d.counts).toMatchObject({ inProgressOverdue: 1 });

    const escalations = (await rt.outbox()).filter((m) => m.subject.startsWith('Quá hạn:'));
    expect(
      escalations.map((m) => toSecond(m.sentAt)),
      summary(escalations),
    ).toEqual([toSecond(deadlineOf('2026-03-11')), toSecond(deadlineOf('2026-03-13'))]);
    expect(mailText(escalations[1] as Mail)).toContain('17:00 ngày 13/03/2026');

    const history = (await rt.assignment(id, vnpt.id)).history;
    const escalated = history.filter((e) => e.type === 'ESCALATED');
    expect(escalated.map((e) => [e.level, e.deadline])).toEqual([
      [1, deadlineOf('2026-03-11')],
      [1, deadlineOf('2026-03-13')],
    ]);
    expect(escalated.map((e) => e.checkpoint?.split(':')[1])).toEqual([keyOf('2026-03-11'), keyOf('2026-03-13')]);
  });

  it('reminded each period a day before and on the morning, until reported', async () => {
    const reminders = mailsTo(await rt.outbox(), vnpt.email).filter((m) => m.subject.startsWith('Nhắc hạn'));
    // Day 1's "a day before" (Sunday) and "on the day" are both Monday 08:00: one email.
    expect(
      reminders.map((m) => toSecond(m.sentAt)),
      summary(reminders),
    ).toEqual(
      [
        '2026-03-09T08:00',
        '2026-03-09T17:00',
        '2026-03-10T08:00',
        '2026-03-10T17:00',
        '2026-03-11T08:00',
        '2026-03-11T17:00',
        '2026-03-12T08:00',
        '2026-03-12T17:00',
        '2026-03-13T08:00',
      ].map((t) => toSecond(hanoi(t))),
    );
    const reminded = (await rt.assignment(id, vnpt.id)).history.filter((e) => e.type === 'REMINDED');
    expect(reminded).toHaveLength(reminders.length);
  });

  it('runs as one execution whose history stays bounded', async () => {
    const executions = await rt.executions(`${id}-`);
    expect(executions).toHaveLength(1);
    expect(executions[0]).toMatchObject({ status: 'RUNNING', state: 'AwaitRecipient' });
    expect(executions[0]?.transitions ?? Number.POSITIVE_INFINITY).toBeLessThan(120);
    // The second level for day 5 comes two working days later (Tuesday 17/03), and then nothing more.
    await rt.advance('P30D');
    const after = await rt.executions(`${id}-`);
    expect(after).toHaveLength(1);
    expect(after[0]?.transitions ?? Number.POSITIVE_INFINITY).toBeLessThan(120);
    const escalated = (await rt.assignment(id, vnpt.id)).history.filter((e) => e.type === 'ESCALATED');
    expect(escalated.map((e) => [e.level, e.checkpoint?.split(':')[1]])).toEqual([
      [1, keyOf('2026-03-11')],
      [1, keyOf('2026-03-13')],
      [2, keyOf('2026-03-13')],
    ]);
    expect(toSecond(escalated[2]?.at ?? '')).toBe(toSecond(hanoi('2026-03-17T17:00')));
  });
});
