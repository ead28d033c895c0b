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
  PHO_GIAM_DOC,
  type Runtime,
  recipients,
  reportFields,
  startRuntime,
  toSecond,
} from '../support/runtime.ts';

/**
 * Three agencies must acknowledge within 8 hours. The police acknowledge, the power company files its report
 * straight away (which implies the acknowledgement), the military command does nothing: after 9 hours only
 * the military command is escalated: at the first level to the official who signed (the deputy director).
 */
describe('missed acknowledgement', () => {
  let rt: Runtime;
  let id: string;
  let issuedAt: string;
  const [acknowledger, reporter, silent] = recipients('cong-an-tinh', 'dien-luc', 'bchqs-tinh');
  const to = [acknowledger, reporter, silent].filter((r) => r !== undefined);
  const leaders = [GIAM_DOC, PHO_GIAM_DOC];
  const escalations = (mails: Mail[]) => mails.filter((m) => m.subject.startsWith('Quá hạn:'));

  beforeAll(async () => {
    rt = await startRuntime();
    issuedAt = await rt.clock();
    id = (
      await rt.issue(
        giaLaiDirective({
          now: issuedAt,
          recipients: to,
          deadline: iso(issuedAt, 5 * DAY),
          acknowledgeWithin: 'PT8H',
          leadership: leaders,
        }),
      )
    ).id;
    await rt.settle();
  });

  afterAll(async () => {
    await rt?.dispose();
  });

  it('sets the acknowledgement deadline at delivery + acknowledgeWithin', async () => {
    const d = await rt.directive(id);
    expect(d.assignments).toHaveLength(3);
    for (const a of d.assignments) {
      expect(a.status, a.recipientId).toBe('DELIVERED');
      expect(a.deliveredAt).not.toBeNull();
      expect(a.ackDeadline).toBe(iso(a.deliveredAt ?? '', 8 * HOUR));
      expect(a.overdue).toBe(false);
    }
  });

  it('accepts an acknowledgement, and a report before the acknowledgement as implying it', async () => {
    if (!acknowledger || !reporter) throw new Error('recipients missing');
    const mails = await rt.outbox();
    const ack = await rt.form(`${linkOf(mailsTo(mails, acknowledger.email)[0] as Mail).path}/acknowledge`);
    expect(ack.status).toBe(200);
    const report = await rt.form(
      `${linkOf(mailsTo(mails, reporter.email)[0] as Mail).path}/report`,
      reportFields(reporter),
    );
    expect(report.status, report.text.slice(0, 300)).toBe(200);
    await rt.settle();

    const r = await rt.assignment(id, reporter.id);
    expect(r.status).toBe('COMPLETED');
    expect(r.outcome).toBe('ON_TIME');
    expect(r.acknowledgedAt).not.toBeNull();
    expect(r.history.map((e) => e.type)).toEqual(['ISSUED', 'DELIVERED', 'ACKNOWLEDGED', 'REPORTED', 'COMPLETED']);
    expect((await rt.assignment(id, acknowledger.id)).status).toBe('ACKNOWLEDGED');
  });

  it('has escalated nothing before the deadline', async () => {
    await rt.advance('PT7H59M');
    expect(escalations(await rt.outbox())).toEqual([]);
    const d = await rt.directive(id);
    for (const a of d.assignments) expect(a.escalationLevel, a.recipientId).toBe(0);
  });

  it('escalates the silent recipient to the signer once the 8 hours have passed', async () => {
    if (!silent) throw new Error('recipient missing');
    await rt.advanceTo(iso(issuedAt, 9 * HOUR));
    expect(await rt.clock()).toBe(iso(issuedAt, 9 * HOUR));

    const mails = escalations(await rt.outbox());
    const about = mails.filter((m) => mailText(m).includes(silent.name));
    expect(about, JSON.stringify(mails.map((m) => [m.to, m.subject]))).toHaveLength(1);
    const [mail] = about;
    expect(mail?.subject).toContain(silent.name);
    expect(mail?.subject).toContain('126/STTTT-BCVT');
    expect(mail?.to).toEqual([PHO_GIAM_DOC.email]);
    // Sent when the deadline passed, not when the clock stopped.
    const a = await rt.assignment(id, silent.id);
    expect(toSecond(mail?.sentAt ?? '')).toBe(toSecond(a.ackDeadline ?? ''));
    // The escalation goes to the leadership only; it carries no recipient link.
    expect(mailsTo(await rt.outbox(), silent.email)).toHaveLength(1);
    expect(() => linkOf(mail as Mail)).toThrow();

    expect(a.status).toBe('DELIVERED');
    expect(a.overdue).toBe(true);
    expect(a.escalationLevel).toBeGreaterThanOrEqual(1);
    expect(a.history.filter((e) => e.type === 'ESCALATED')).toHaveLength(1);
    const d = await rt.directive(id);
    expect(d.counts.inProgressOverdue).toBe(1);
    expect(d.state).toBe('OVERDUE');
  });

  it('does not escalate the recipients that acknowledged', async () => {
    if (!acknowledger || !reporter) throw new Error('recipients missing');
    const mails = escalations(await rt.outbox());
    expect(mails).toHaveLength(1);
    for (const r of [acknowledger, reporter]) {
      expect(
        mails.filter((m) => mailText(m).includes(r.name)),
        r.id,
      ).toEqual([]);
      const a = await rt.assignment(id, r.id);
      expect(a.escalationLevel, r.id).toBe(0);
      expect(a.overdue, r.id).toBe(false);
      expect(a.history.some((e) => e.type === 'ESCALATED' || e.type === 'REMINDED')).toBe(false);
    }
  });
});
