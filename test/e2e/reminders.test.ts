import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
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
 * Reminders go out at local working times: a reminder that falls in working hours (08:00–17:00, both included)
 * goes out then; one at night, on a weekend or a holiday waits for 08:00 of the next working day; one that
 * would then coincide with another for the same deadline goes out once; none once the report is in.
 *
 * The clock starts at 09:00 on Wednesday 04/03/2026 in Hà Nội. Four directives, one recipient each, each of
 * which acknowledges at once (so only report deadlines are in play):
 * - A: deadline Friday 06/03 17:00, remindBefore P2D+P1D and on the day → Wed 17:00, Thu 17:00, Fri 08:00;
 * - B: deadline Monday 09/03 10:00, P1D (Sunday 10:00) and on the day → one reminder, Monday 08:00;
 * - C: deadline Wednesday 11/03 22:00, P1D (Tuesday 22:00), not on the day → Wednesday 08:00;
 * - D: deadline Friday 13/03 17:00; reports at once → nothing, ever.
 */
describe('reminders at local working times', () => {
  let rt: Runtime;
  const [a, b, c, d] = recipients('cong-an-tinh', 'bchqs-tinh', 'ubnd-pleiku', 'dien-luc') as [
    Recipient,
    Recipient,
    Recipient,
    Recipient,
  ];
  const deadlines = {
    a: hanoi('2026-03-06T17:00'),
    b: hanoi('2026-03-09T10:00'),
    c: hanoi('2026-03-11T22:00'),
    d: hanoi('2026-03-13T17:00'),
  };
  const ids: Record<'a' | 'b' | 'c' | 'd', string> = { a: '', b: '', c: '', d: '' };
  const links = new Map<string, string>();

  const isReminder = (m: Mail) => m.subject.startsWith('Nhắc hạn');
  const isEscalation = (m: Mail) => m.subject.startsWith('Quá hạn:');
  const remindersTo = async (r: Recipient) => mailsTo(await rt.outbox(), r.email).filter(isReminder);
  const escalationsAbout = async (r: Recipient) =>
    (await rt.outbox()).filter((m) => isEscalation(m) && mailText(m).includes(r.name));
  const seconds = (mails: Mail[]) => mails.map((m) => toSecond(m.sentAt)).sort();
  const summary = (mails: Mail[]) => JSON.stringify(mails.map((m) => [m.to, m.subject, m.sentAt]));

  beforeAll(async () => {
    rt = await startRuntime();
    const now = await rt.clock();
    const issue = async (key: keyof typeof ids, r: Recipient, number: string, extra: Record<string, unknown>) => {
      const body = { ...giaLaiDirective({ now, recipients: [r], number, deadline: deadlines[key] }), ...extra };
      ids[key] = (await rt.issue(body)).id;
    };
    await issue('a', a, '201/STTTT-BCVT', { remindBefore: ['P2D', 'P1D'], remindOnTheDay: true });
    await issue('b', b, '202/STTTT-BCVT', { remindBefore: ['P1D'] });
    await issue('c', c, '203/STTTT-BCVT', { remindBefore: ['P1D'], remindOnTheDay: false });
    await issue('d', d, '204/STTTT-BCVT', { remindBefore: ['P2D', 'P1D'] });
    await rt.settle();
    const mails = await rt.outbox();
    for (const r of [a, b, c, d]) {
      const [invitation] = mailsTo(mails, r.email);
      if (!invitation) throw new Error(`no invitation to ${r.email}\n${rt.log()}`);
      links.set(r.id, linkOf(invitation).path);
    }
    for (const r of [a, b, c]) {
      const ack = await rt.form(`${links.get(r.id)}/acknowledge`);
      if (ack.status !== 200) throw new Error(`acknowledge ${r.id} → ${ack.status}`);
    }
    const report = await rt.form(`${links.get(d.id)}/report`, reportFields(d));
    if (report.status !== 200) throw new Error(`report ${d.id} → ${report.status} ${report.text.slice(0, 300)}`);
    await rt.settle();
  });

  afterAll(async () => {
    await rt?.dispose();
  });

  it('sends nothing before the first reminder is due', async () => {
    await rt.advanceTo(hanoi('2026-03-04T16:59:59'));
    const mails = await rt.outbox();
    expect(mails.filter(isReminder), summary(mails)).toEqual([]);
    expect(mails, summary(mails)).toHaveLength(4);
  });

  it('deadline Friday 17:00, P2D + P1D + on the day: Wednesday 17:00, Thursday 17:00, Friday 08:00', async () => {
    await rt.advanceTo(hanoi('2026-03-06T08:30'));
    const reminders = await remindersTo(a);
    expect(seconds(reminders), summary(reminders)).toEqual(
      [hanoi('2026-03-04T17:00'), hanoi('2026-03-05T17:00'), hanoi('2026-03-06T08:00')].map(toSecond),
    );
    for (const m of reminders) {
      expect(m.to).toEqual([a.email]);
      expect(m.subject).toContain('1.3');
      expect(mailText(m)).toContain('17:00 ngày 06/03/2026');
      expect(linkOf(m).path).toBe(links.get(a.id));
    }

    const history = (await rt.assignment(ids.a, a.id)).history.filter((e) => e.type === 'REMINDED');
    expect(history.map((e) => toSecond(e.at))).toEqual(seconds(reminders));
    expect(history.map((e) => e.checkpoint?.split(':')[2])).toEqual(['P2D', 'P1D', 'DAY']);
    expect(history.every((e) => e.deadline === deadlines.a && e.taskCode === '1.3')).toBe(true);

    // Reported the morning of the deadline: no escalation at 17:00, nothing more.
    const report = await rt.form(`${links.get(a.id)}/report`, reportFields(a));
    expect(report.status, report.text.slice(0, 300)).toBe(200);
    await rt.advanceTo(hanoi('2026-03-06T18:00'));
    expect(await remindersTo(a)).toHaveLength(3);
    expect(await escalationsAbout(a)).toEqual([]);
    const done = await rt.assignment(ids.a, a.id);
    expect(done).toMatchObject({ status: 'COMPLETED', outcome: 'ON_TIME', escalationLevel: 0 });
    expect(done.history.filter((e) => e.type === 'ESCALATED')).toEqual([]);
  });

  it('deadline Monday 10:00, P1D: the Sunday 10:00 reminder moves to Monday 08:00 and is sent once', async () => {
    await rt.advanceTo(hanoi('2026-03-08T23:59:59'));
    expect(summary(await remindersTo(b))).toBe('[]');

    await rt.advanceTo(hanoi('2026-03-09T09:00'));
    const reminders = await remindersTo(b);
    // P1D (Sunday 10:00 → Monday 08:00) and "on the day" (Monday 08:00) are the same moment: one email.
    expect(seconds(reminders), summary(reminders)).toEqual([toSecond(hanoi('2026-03-09T08:00'))]);
    expect(reminders[0]?.subject).toContain('10:00 ngày 09/03/2026');

    const history = (await rt.assignment(ids.b, b.id)).history.filter((e) => e.type === 'REMINDED');
    expect(history).toHaveLength(1);
    expect(toSecond(history[0]?.at ?? '')).toBe(toSecond(hanoi('2026-03-09T08:00')));
    expect(history[0]?.deadline).toBe(deadlines.b);
  });

  it('a reminder that would fall at 22:00 goes out at 08:00 of the next working day', async () => {
    await rt.advanceTo(hanoi('2026-03-11T07:59:59'));
    // Not at 22:00 on Tuesday.
    expect(summary(await remindersTo(c))).toBe('[]');

    await rt.advanceTo(hanoi('2026-03-11T09:00'));
    const reminders = await remindersTo(c);
    expect(seconds(reminders), summary(reminders)).toEqual([toSecond(hanoi('2026-03-11T08:00'))]);
    expect(mailText(reminders[0] as Mail)).toContain('22:00 ngày 11/03/2026');

    const history = (await rt.assignment(ids.c, c.id)).history.filter((e) => e.type === 'REMINDED');
    expect(history.map((e) => toSecond(e.at))).toEqual([toSecond(hanoi('2026-03-11T08:00'))]);
    expect(history[0]?.checkpoint).toContain(':P1D:');
  });

  it('sends no reminder and no escalation to or about a recipient that reported early', async () => {
    await rt.advanceTo(hanoi('2026-03-20T09:00'));
    const mails = await rt.outbox();
    // The invitation only.
    expect(mailsTo(mails, d.email), summary(mailsTo(mails, d.email))).toHaveLength(1);
    expect(await escalationsAbout(d)).toEqual([]);
    // Meanwhile the others who did not report were escalated: silence about D is not silence altogether.
    expect((await escalationsAbout(b)).length).toBeGreaterThan(0);
    expect((await escalationsAbout(c)).length).toBeGreaterThan(0);

    const done = await rt.assignment(ids.d, d.id);
    expect(done).toMatchObject({ status: 'COMPLETED', outcome: 'ON_TIME', escalationLevel: 0 });
    expect(done.history.map((e) => e.type)).toEqual(['ISSUED', 'DELIVERED', 'ACKNOWLEDGED', 'REPORTED', 'COMPLETED']);
    const executions = await rt.executions(`${ids.d}-`);
    expect(executions.map((e) => e.status)).toEqual(['SUCCEEDED']);
  });
});
