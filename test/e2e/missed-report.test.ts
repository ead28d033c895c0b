import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DAY,
  GIAM_DOC,
  giaLaiDirective,
  HOUR,
  iso,
  linkOf,
  type Mail,
  mailsTo,
  mailText,
  type Runtime,
  recipients,
  reportFields,
  startRuntime,
  toSecond,
} from '../support/runtime.ts';

/**
 * Công ty Cổ phần Cấp thoát nước Gia Lai acknowledges but reports on task 2.2 only after its deadline: one
 * reminder a day before, one escalation at the deadline, a LATE completion, and silence afterwards.
 */
describe('missed report', () => {
  let rt: Runtime;
  let id: string;
  let deadline: string;
  let link: string;
  const [late] = recipients('cap-thoat-nuoc');
  if (!late) throw new Error('recipient missing');
  const aboutLate = (mails: Mail[]) =>
    mails.filter((m) => m.to.includes(late.email) || mailText(m).includes(late.name));
  let seenBefore = 0;

  beforeAll(async () => {
    rt = await startRuntime();
    const now = await rt.clock();
    deadline = iso(now, 3 * DAY);
    id = (await rt.issue(giaLaiDirective({ now, recipients: [late], deadline, remindBefore: ['P1D'] }))).id;
    await rt.settle();
    const [invitation] = mailsTo(await rt.outbox(), late.email);
    if (!invitation) throw new Error(`no invitation\n${rt.log()}`);
    link = linkOf(invitation).path;
  });

  afterAll(async () => {
    await rt?.dispose();
  });

  it('acknowledges without reminders for the acknowledgement', async () => {
    const ack = await rt.form(`${link}/acknowledge`);
    expect(ack.status).toBe(200);
    await rt.settle();
    const a = await rt.assignment(id, late.id);
    expect(a.status).toBe('ACKNOWLEDGED');
    expect(a.reports).toMatchObject([{ taskCode: '2.2', deadline, submittedAt: null }]);
  });

  it('sends nothing until the day before the deadline', async () => {
    await rt.advanceTo(iso(deadline, -DAY - 1000));
    expect(await rt.outbox()).toHaveLength(1);
  });

  it('sends exactly one reminder to the recipient at deadline − 1 day', async () => {
    await rt.advanceTo(iso(deadline, -DAY + 60_000));
    const mails = await rt.outbox();
    const reminders = mailsTo(mails, late.email).filter((m) => m.subject.startsWith('Nhắc hạn'));
    expect(reminders, JSON.stringify(mails.map((m) => [m.to, m.subject, m.sentAt]))).toHaveLength(1);
    const [reminder] = reminders;
    expect(reminder?.subject).toContain('2.2');
    expect(toSecond(reminder?.sentAt ?? '')).toBe(toSecond(iso(deadline, -DAY)));
    // The reminder carries the same link as the invitation.
    expect(linkOf(reminder as Mail).path).toBe(link);
    expect(mails).toHaveLength(2);

    const a = await rt.assignment(id, late.id);
    expect(a.history.filter((e) => e.type === 'REMINDED')).toHaveLength(1);
    expect(a.overdue).toBe(false);
    expect(a.escalationLevel).toBe(0);
  });

  it('escalates once to the leadership when the deadline passes', async () => {
    await rt.advanceTo(iso(deadline, -1000));
    expect(await rt.outbox()).toHaveLength(2);

    await rt.advanceTo(iso(deadline, 2 * HOUR));
    const mails = await rt.outbox();
    const escalations = mails.filter((m) => m.subject.startsWith('Quá hạn:'));
    expect(escalations, JSON.stringify(mails.map((m) => [m.to, m.subject]))).toHaveLength(1);
    const [escalation] = escalations;
    expect(escalation?.to).toEqual([GIAM_DOC.email]);
    expect(mailText(escalation as Mail)).toContain(late.name);
    expect(escalation?.subject).toContain('2.2');
    expect(toSecond(escalation?.sentAt ?? '')).toBe(toSecond(deadline));
    expect(mailsTo(mails, late.email)).toHaveLength(2);

    const a = await rt.assignment(id, late.id);
    expect(a.status).toBe('ACKNOWLEDGED');
    expect(a.overdue).toBe(true);
    expect(a.escalationLevel).toBeGreaterThanOrEqual(1);
    expect(a.history.filter((e) => e.type === 'ESCALATED')).toHaveLength(1);
  });

  it('completes LATE on a report after the deadline', async () => {
    const report = await rt.form(`${link}/report`, reportFields(late));
    expect(report.status, report.text.slice(0, 300)).toBe(200);
    await rt.settle();
    const a = await rt.assignment(id, late.id);
    expect(a.status).toBe('COMPLETED');
    expect(a.outcome).toBe('LATE');
    expect(a.overdue).toBe(false);
    expect(a.reports).toMatchObject([{ taskCode: '2.2', deadline, late: true }]);
    expect(a.history.map((e) => e.type)).toEqual([
      'ISSUED',
      'DELIVERED',
      'ACKNOWLEDGED',
      'REMINDED',
      'ESCALATED',
      'REPORTED',
      'COMPLETED',
    ]);
    expect(a.history.at(-1)?.detail).toBe('LATE');
    const d = await rt.directive(id);
    expect(d.counts.completedLate).toBe(1);
    seenBefore = aboutLate(await rt.outbox()).length;
    expect(seenBefore).toBe(3);
  });

  it('sends nothing more to the recipient or about it afterwards', async () => {
    await rt.advance('P40D');
    expect(aboutLate(await rt.outbox())).toHaveLength(seenBefore);
    expect(await rt.outbox()).toHaveLength(3);
    const a = await rt.assignment(id, late.id);
    expect(a.history.at(-1)?.type).toBe('COMPLETED');
    expect(a.escalationLevel).toBe(1);
    expect(await rt.stats()).toMatchObject({ running: 0, openTasks: 0 });
  });
});
