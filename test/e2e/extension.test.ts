import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ExecutionView,
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
 * An extension granted while the execution waits. Ủy ban nhân dân thành phố Pleiku asks through its link to
 * report on task 1.3 by Wednesday 11/03/2026 instead of Friday 06/03 17:00; the official grants it on Thursday
 * evening through the API. The deadline moves on the stored item and the same execution, woken by
 * SendTaskFailure("Rescheduled"), plans its waits from the new deadline: no reminder on Friday morning and no
 * escalation at Friday 17:00, reminders before the new deadline instead, and a report on Wednesday is on time.
 * Thị xã An Khê, with the same task and no extension, shows what happens at the old deadline otherwise.
 */
describe('deadline extension granted while the workflow waits', () => {
  let rt: Runtime;
  let id: string;
  const [extended, control] = recipients('ubnd-pleiku', 'ubnd-an-khe') as [Recipient, Recipient];
  const oldDeadline = hanoi('2026-03-06T17:00');
  const newDeadline = hanoi('2026-03-11T17:00');
  let link: string;
  let arnBefore: string;
  let transitionsBefore: number;

  const isReminder = (m: Mail) => m.subject.startsWith('Nhắc hạn');
  const remindersTo = async (r: Recipient) => mailsTo(await rt.outbox(), r.email).filter(isReminder);
  const escalationsAbout = async (r: Recipient) =>
    (await rt.outbox()).filter((m) => m.subject.startsWith('Quá hạn:') && mailText(m).includes(r.name));
  const summary = (mails: Mail[]) => JSON.stringify(mails.map((m) => [m.to, m.subject, m.sentAt]));
  /** The assignment executions of the directive (the fan-out's is named by the directive id alone). */
  const executions = () => rt.executions(`${id}-`);
  const executionOf = (list: ExecutionView[], r: Recipient) => list.filter((e) => e.name === `${id}-${r.id}`);

  beforeAll(async () => {
    rt = await startRuntime();
    const now = await rt.clock();
    const body = giaLaiDirective({
      now,
      recipients: [extended, control],
      deadline: oldDeadline,
      remindBefore: ['P1D'],
    });
    id = (await rt.issue(body)).id;
    await rt.settle();
    const mails = await rt.outbox();
    for (const r of [extended, control]) {
      const [invitation] = mailsTo(mails, r.email);
      if (!invitation) throw new Error(`no invitation to ${r.email}\n${rt.log()}`);
      const path = linkOf(invitation).path;
      if (r === extended) link = path;
      const ack = await rt.form(`${path}/acknowledge`);
      if (ack.status !== 200) throw new Error(`acknowledge ${r.id} → ${ack.status}`);
    }
    await rt.settle();
  });

  afterAll(async () => {
    await rt?.dispose();
  });

  it('records the request made through the recipient link; the deadline does not move yet', async () => {
    const answer = await rt.form(`${link}/extension`, {
      taskCode: '1.3',
      until: '2026-03-11',
      reason: 'Đơn vị đang tổng hợp số liệu từ các phường, xã; đề nghị gia hạn đến ngày 11/03/2026.',
    });
    expect(answer.status, answer.text.slice(0, 300)).toBe(200);
    await rt.settle();
    const a = await rt.assignment(id, extended.id);
    expect(a.extensionRequest).toMatchObject({ taskCode: '1.3', until: newDeadline });
    expect(a.reports).toMatchObject([{ taskCode: '1.3', deadline: oldDeadline, submittedAt: null }]);
    expect(a.history.at(-1)).toMatchObject({ type: 'EXTENSION_REQUESTED', taskCode: '1.3', deadline: newDeadline });

    const list = await executions();
    expect(list, JSON.stringify(list)).toHaveLength(2);
    const [mine] = executionOf(list, extended);
    expect(mine).toMatchObject({ status: 'RUNNING', state: 'AwaitRecipient' });
    arnBefore = mine?.arn ?? '';
    expect(executionOf(list, control)).toMatchObject([{ status: 'RUNNING' }]);
  });

  it('reminds a day before the old deadline while the request waits', async () => {
    await rt.advanceTo(hanoi('2026-03-05T17:30'));
    const reminders = await remindersTo(extended);
    expect(
      reminders.map((m) => toSecond(m.sentAt)),
      summary(reminders),
    ).toEqual([toSecond(hanoi('2026-03-05T17:00'))]);
    expect(mailText(reminders[0] as Mail)).toContain('17:00 ngày 06/03/2026');
  });

  it('grants the extension through the API: the deadline moves and history keeps both', async () => {
    // The execution waits for the next checkpoint (Friday 08:00): what it has done so far.
    const [waiting] = executionOf(await executions(), extended);
    expect(waiting).toMatchObject({ arn: arnBefore, status: 'RUNNING', state: 'AwaitRecipient' });
    transitionsBefore = waiting?.transitions ?? 0;

    const answer = await rt.call<{ applied: boolean; reports: { deadline: string }[] }>(
      'POST',
      `/api/directives/${id}/assignments/${extended.id}/extension`,
      { decision: 'grant', taskCode: '1.3', until: '2026-03-11T17:00:00+07:00' },
    );
    expect(answer.status, answer.text.slice(0, 300)).toBe(200);
    expect(answer.json).toMatchObject({ applied: true, reports: [{ deadline: newDeadline }] });
    await rt.settle();

    const a = await rt.assignment(id, extended.id);
    expect(a.reports).toMatchObject([{ taskCode: '1.3', deadline: newDeadline, submittedAt: null }]);
    expect(a.extensionRequest).toBeNull();
    const granted = a.history.filter((e) => e.type === 'EXTENSION_GRANTED');
    expect(granted).toMatchObject([{ taskCode: '1.3', deadline: newDeadline, previousDeadline: oldDeadline }]);
    const d = await rt.directive(id);
    const viaDirective = d.assignments.find((x) => x.recipientId === extended.id);
    expect(viaDirective?.reports.map((r) => r.deadline)).toEqual([newDeadline]);
    expect(d.assignments.find((x) => x.recipientId === control.id)?.reports.map((r) => r.deadline)).toEqual([
      oldDeadline,
    ]);
    // The agency hears of the decision, with its link and the new deadline.
    const decision = mailsTo(await rt.outbox(), extended.email).filter((m) => m.subject.startsWith('Đồng ý gia hạn'));
    expect(decision.map((m) => m.subject)).toEqual([
      'Đồng ý gia hạn nhiệm vụ 1.3 — 126/STTTT-BCVT (hạn mới 17:00 ngày 11/03/2026)',
    ]);
    expect(() => linkOf(decision[0] as Mail)).not.toThrow();
  });

  it('the same execution was woken and waits again: one per recipient, same arn, RUNNING', async () => {
    const list = await executions();
    expect(list, JSON.stringify(list)).toHaveLength(2);
    const mine = executionOf(list, extended);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ arn: arnBefore, status: 'RUNNING', state: 'AwaitRecipient' });
    // Woken by the grant at once, not at its old timer: Checkpoint, Route, AwaitRecipient again.
    expect(mine[0]?.transitions).toBe(transitionsBefore + 3);
  });

  it('sends no reminder on Friday morning and no escalation at the old deadline', async () => {
    await rt.advanceTo(hanoi('2026-03-06T18:00'));
    expect(await remindersTo(extended)).toHaveLength(1);
    expect(summary(await escalationsAbout(extended))).toBe('[]');
    // Without an extension, the same task is escalated at 17:00.
    const other = await escalationsAbout(control);
    expect(
      other.map((m) => toSecond(m.sentAt)),
      summary(other),
    ).toEqual([toSecond(oldDeadline)]);

    const a = await rt.assignment(id, extended.id);
    expect(a).toMatchObject({ overdue: false, escalationLevel: 0, status: 'ACKNOWLEDGED' });
    expect(a.history.filter((e) => e.type === 'ESCALATED' || e.type === 'REMINDED')).toHaveLength(1);
    expect(executionOf(await executions(), extended)).toMatchObject([{ arn: arnBefore, status: 'RUNNING' }]);
  });

  it('reminds before the new deadline: Tuesday 17:00 and Wednesday 08:00', async () => {
    await rt.advanceTo(hanoi('2026-03-11T10:00'));
    const reminders = (await remindersTo(extended)).slice(1);
    expect(
      reminders.map((m) => toSecond(m.sentAt)),
      summary(reminders),
    ).toEqual([toSecond(hanoi('2026-03-10T17:00')), toSecond(hanoi('2026-03-11T08:00'))]);
    for (const m of reminders) expect(mailText(m)).toContain('17:00 ngày 11/03/2026');
    const reminded = (await rt.assignment(id, extended.id)).history.filter((e) => e.type === 'REMINDED');
    expect(reminded.map((e) => e.deadline)).toEqual([oldDeadline, newDeadline, newDeadline]);
    expect(summary(await escalationsAbout(extended))).toBe('[]');
    expect(executionOf(await executions(), extended)).toMatchObject([{ arn: arnBefore, status: 'RUNNING' }]);
  });

  it('a report after the old deadline but before the new one is ON_TIME, and the same execution ends', async () => {
    const report = await rt.form(`${link}/report`, reportFields(extended));
    expect(report.status, report.text.slice(0, 300)).toBe(200);
    await rt.settle();
    const a = await rt.assignment(id, extended.id);
    expect(a).toMatchObject({ status: 'COMPLETED', outcome: 'ON_TIME', overdue: false, escalationLevel: 0 });
    expect(a.reports).toMatchObject([{ taskCode: '1.3', deadline: newDeadline, late: false }]);
    expect(a.history.find((e) => e.type === 'REPORTED')).toMatchObject({ taskCode: '1.3', late: false });
    expect(a.history.map((e) => e.type)).toEqual([
      'ISSUED',
      'DELIVERED',
      'ACKNOWLEDGED',
      'EXTENSION_REQUESTED',
      'REMINDED',
      'EXTENSION_GRANTED',
      'REMINDED',
      'REMINDED',
      'REPORTED',
      'COMPLETED',
    ]);

    const list = await executions();
    expect(list).toHaveLength(2);
    expect(executionOf(list, extended)).toMatchObject([{ arn: arnBefore, status: 'SUCCEEDED' }]);
    expect(executionOf(list, control)).toMatchObject([{ status: 'RUNNING' }]);
  });

  it('stays silent about the extended recipient afterwards', async () => {
    const before = (await remindersTo(extended)).length;
    await rt.advance('P14D');
    expect(await remindersTo(extended)).toHaveLength(before);
    expect(await escalationsAbout(extended)).toEqual([]);
    expect((await rt.assignment(id, extended.id)).history.at(-1)?.type).toBe('COMPLETED');
  });
});
