import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AssignmentView,
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

/** What must survive a crash: statuses and every deadline. */
const durable = (a: AssignmentView) => ({
  recipientId: a.recipientId,
  status: a.status,
  deliveredAt: a.deliveredAt,
  ackDeadline: a.ackDeadline,
  acknowledgedAt: a.acknowledgedAt,
  deadlines: a.reports.map((r) => [r.taskCode, r.deadline]),
  escalationLevel: a.escalationLevel,
});

/**
 * The runtime is killed with SIGKILL while assignments wait, and started again on the same data folder and port:
 * nothing is lost, nothing is sent twice, old links still work, and timers still fire once, on time.
 */
describe('restart after SIGKILL', () => {
  let rt: Runtime | undefined;
  let dataDir: string;
  let port: number;
  const runtime = () => {
    if (!rt) throw new Error('the runtime is not running');
    return rt;
  };
  const restart = async () => {
    await runtime().kill();
    rt = undefined;
    rt = await startRuntime({ dataDir, port });
  };

  const first = recipients('cong-an-tinh', 'bchqs-tinh', 'ubnd-chu-se', 'cap-thoat-nuoc');
  const NUMBER = '126/STTTT-BCVT';
  let id: string;
  let before: AssignmentView[];
  const invitations = (mails: Mail[], number: string, address: string) =>
    mailsTo(mails, address).filter((m) => m.subject.startsWith(`[${number}]`));

  beforeAll(async () => {
    rt = await startRuntime();
    ({ dataDir, port } = rt);
  });

  afterAll(async () => {
    await rt?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('issues to four recipients, two of which acknowledge', async () => {
    const r = runtime();
    const now = await r.clock();
    id = (await r.issue(giaLaiDirective({ now, recipients: first, number: NUMBER, deadline: iso(now, 4 * DAY) }))).id;
    await r.settle();
    const mails = await r.outbox();
    for (const x of first.slice(0, 2)) {
      const [mail] = invitations(mails, NUMBER, x.email);
      const ack = await r.form(`${linkOf(mail as Mail).path}/acknowledge`);
      expect(ack.status, x.id).toBe(200);
    }
    await r.settle();
    before = (await r.directive(id)).assignments;
    expect(before.map((a) => [a.recipientId, a.status]).sort()).toEqual(
      [
        ['cong-an-tinh', 'ACKNOWLEDGED'],
        ['bchqs-tinh', 'ACKNOWLEDGED'],
        ['ubnd-chu-se', 'DELIVERED'],
        ['cap-thoat-nuoc', 'DELIVERED'],
      ].sort(),
    );
  });

  it('keeps every assignment, status, deadline and the clock across a SIGKILL', async () => {
    const clockBefore = await runtime().clock();
    const mailsBefore = await runtime().outbox();
    await restart();
    const r = runtime();
    expect(await r.clock()).toBe(clockBefore);
    await r.settle();
    expect(await r.clock()).toBe(clockBefore);

    const after = (await r.directive(id)).assignments;
    expect(after).toHaveLength(4);
    expect(after.map(durable)).toEqual(before.map(durable));
    // The outbox is kept too, and the restart sent no second invitation.
    expect(await r.outbox()).toEqual(mailsBefore);
  });

  it('accepts the old links after the restart and completes every assignment', async () => {
    const r = runtime();
    const mails = await r.outbox();
    for (const x of first.slice(2)) {
      const ack = await r.form(`${linkOf(invitations(mails, NUMBER, x.email)[0] as Mail).path}/acknowledge`);
      expect(ack.status, `${x.id} ${ack.text.slice(0, 300)}`).toBe(200);
    }
    for (const x of first) {
      const report = await r.form(
        `${linkOf(invitations(mails, NUMBER, x.email)[0] as Mail).path}/report`,
        reportFields(x),
      );
      expect(report.status, `${x.id} ${report.text.slice(0, 300)}`).toBe(200);
    }
    await r.settle();

    const d = await r.directive(id);
    for (const a of d.assignments)
      expect([a.recipientId, a.status, a.outcome]).toEqual([a.recipientId, 'COMPLETED', 'ON_TIME']);
    expect(d.assignments.map((a) => a.reports.map((x) => x.deadline))).toEqual(
      before.map((a) => a.reports.map((x) => x.deadline)),
    );
    for (const x of first) {
      const a = await r.assignment(id, x.id);
      expect(
        a.history.filter((e) => e.type === 'DELIVERED'),
        x.id,
      ).toHaveLength(1);
      expect(
        a.history.filter((e) => e.type === 'ACKNOWLEDGED'),
        x.id,
      ).toHaveLength(1);
    }
    const all = await r.outbox();
    for (const x of first) expect(invitations(all, NUMBER, x.email), x.email).toHaveLength(1);
    expect(all).toHaveLength(first.length);
    expect(await r.stats()).toMatchObject({ running: 0, openTasks: 0 });
  });

  describe('a second directive, killed while its timers run', () => {
    const SECOND = '131/STTTT-BCVT';
    const [done, silent] = recipients('vnpt-gia-lai', 'buu-dien-tinh');
    if (!done || !silent) throw new Error('recipients missing');
    let second: string;
    let deadline: string;
    /** First-level escalations; the second level (to the director) comes two working days later. */
    const escalations = (mails: Mail[]) =>
      mails.filter(
        (m) =>
          m.subject.startsWith('Quá hạn:') && mailText(m).includes(SECOND) && mailText(m).includes('Cảnh báo cấp 1'),
      );

    it('issues, both acknowledge, one reports', async () => {
      const r = runtime();
      const now = await r.clock();
      deadline = iso(now, 3 * DAY);
      second = (
        await r.issue(
          giaLaiDirective({ now, recipients: [done, silent], number: SECOND, deadline, remindBefore: ['P1D'] }),
        )
      ).id;
      await r.settle();
      const mails = await r.outbox();
      for (const x of [done, silent]) {
        const ack = await r.form(`${linkOf(invitations(mails, SECOND, x.email)[0] as Mail).path}/acknowledge`);
        expect(ack.status, x.id).toBe(200);
      }
      const report = await r.form(
        `${linkOf(invitations(mails, SECOND, done.email)[0] as Mail).path}/report`,
        reportFields(done),
      );
      expect(report.status).toBe(200);
      await r.settle();
      expect((await r.assignment(second, done.id)).status).toBe('COMPLETED');
      expect((await r.assignment(second, silent.id)).status).toBe('ACKNOWLEDGED');
    });

    it('keeps the clock where it was after a day has passed and the runtime is killed', async () => {
      await runtime().advance('P1D');
      const clockBefore = await runtime().clock();
      const assignmentBefore = await runtime().assignment(second, silent.id);
      await restart();
      expect(await runtime().clock()).toBe(clockBefore);
      const assignmentAfter = await runtime().assignment(second, silent.id);
      expect(durable(assignmentAfter)).toEqual(durable(assignmentBefore));
      expect(assignmentAfter.history).toEqual(assignmentBefore.history);
      expect(escalations(await runtime().outbox())).toEqual([]);
    });

    it('still reminds and escalates once, at the stored times', async () => {
      const r = runtime();
      await r.advanceTo(iso(deadline, 3 * HOUR));
      const mails = await r.outbox();
      const reminders = mailsTo(mails, silent.email).filter((m) => m.subject.startsWith('Nhắc hạn'));
      expect(reminders, JSON.stringify(mails.map((m) => [m.to, m.subject, m.sentAt]))).toHaveLength(1);
      expect(toSecond(reminders[0]?.sentAt ?? '')).toBe(toSecond(iso(deadline, -DAY)));

      const escalated = escalations(mails);
      expect(escalated, JSON.stringify(mails.map((m) => [m.to, m.subject]))).toHaveLength(1);
      expect(escalated[0]?.to).toEqual([GIAM_DOC.email]);
      expect(mailText(escalated[0] as Mail)).toContain(silent.name);
      expect(toSecond(escalated[0]?.sentAt ?? '')).toBe(toSecond(deadline));
      expect(mailsTo(mails, done.email)).toHaveLength(1);

      const a = await r.assignment(second, silent.id);
      expect(a.overdue).toBe(true);
      expect(a.escalationLevel).toBe(1);
      expect(a.reports.map((x) => x.deadline)).toEqual([deadline]);
      expect(a.history.filter((e) => e.type === 'ESCALATED')).toHaveLength(1);
    });

    it('sends no second escalation after another SIGKILL and more time', async () => {
      await restart();
      const r = runtime();
      await r.settle();
      await r.advance('P5D');
      const mails = await r.outbox();
      expect(escalations(mails)).toHaveLength(1);
      expect(mailsTo(mails, silent.email).filter((m) => m.subject.startsWith('Nhắc hạn'))).toHaveLength(1);
      const escalated = (await r.assignment(second, silent.id)).history.filter((e) => e.type === 'ESCALATED');
      expect(escalated.map((e) => e.level)).toEqual([1, 2]);
      // And the first directive's invitations are still the only ones.
      for (const x of first) expect(invitations(mails, NUMBER, x.email), x.email).toHaveLength(1);
    });
  });
});
