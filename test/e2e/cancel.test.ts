import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AssignmentDetail,
  formActionsOf,
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

const WITHDRAWN = 'Công văn đã được thu hồi';

/**
 * Withdrawing (thu hồi). Công văn 301 goes to three agencies: the police report at once, the army command
 * acknowledges, the city of Pleiku does nothing; two hours later the official withdraws the whole directive.
 * The two open assignments are CANCELLED, their executions end through `Withdrawn`, their pages say so and
 * refuse every action, and no email about it goes out again, whatever happens to the clock. Then công văn 302
 * to three agencies is withdrawn for one of them only: the other two carry on and are reminded.
 */
describe('cancel: a whole directive, then one recipient', () => {
  let rt: Runtime;
  const [reported, acknowledged, silent] = recipients('cong-an-tinh', 'bchqs-tinh', 'ubnd-pleiku') as [
    Recipient,
    Recipient,
    Recipient,
  ];
  const [keeps, withdrawn, alsoKeeps] = recipients('dien-luc', 'cap-thoat-nuoc', 'vnpt-gia-lai') as [
    Recipient,
    Recipient,
    Recipient,
  ];
  const links = new Map<string, string>();
  let first: string;
  let second: string;
  let mailsAfterCancel = 0;
  const historyAfterCancel = new Map<string, AssignmentDetail['history']>();

  const summary = (mails: Mail[]) => JSON.stringify(mails.map((m) => [m.to, m.subject, m.sentAt]));
  const linksOfInvitations = async (...rs: Recipient[]) => {
    const mails = await rt.outbox();
    for (const r of rs) {
      const [invitation] = mailsTo(mails, r.email);
      if (!invitation) throw new Error(`no invitation to ${r.email}\n${rt.log()}`);
      links.set(r.id, linkOf(invitation).path);
    }
  };
  const linkTo = (r: Recipient) => links.get(r.id) ?? '';

  /** The page still opens, says the directive was withdrawn and offers no button. */
  const expectWithdrawnPage = async (r: Recipient) => {
    const page = await rt.open(linkTo(r));
    expect(page.status).toBe(200);
    expect(page.text).toContain(WITHDRAWN);
    expect(formActionsOf(page.text)).toEqual([]);
    expect(page.text).not.toContain('name="taskCode"');
  };

  /** Every action of the link answers 409 and changes nothing. */
  const expectActionsRefused = async (directiveId: string, r: Recipient) => {
    const before = await rt.assignment(directiveId, r.id);
    const ack = await rt.form(`${linkTo(r)}/acknowledge`);
    const report = await rt.form(`${linkTo(r)}/report`, reportFields(r));
    const extension = await rt.form(`${linkTo(r)}/extension`, {
      taskCode: reportFields(r).taskCode,
      until: '2026-05-29',
      reason: 'Đề nghị gia hạn',
    });
    expect([ack.status, report.status, extension.status]).toEqual([409, 409, 409]);
    expect(report.text).toContain(WITHDRAWN);
    await rt.settle();
    const after = await rt.assignment(directiveId, r.id);
    expect(after.history).toEqual(before.history);
    expect(after.status).toBe('CANCELLED');
  };

  beforeAll(async () => {
    rt = await startRuntime();
    const now = await rt.clock();
    const body = giaLaiDirective({
      now,
      number: '301/STTTT-BCVT',
      recipients: [reported, acknowledged, silent],
      deadline: hanoi('2026-03-09T17:00'),
    });
    first = (await rt.issue(body)).id;
    await rt.settle();
    await linksOfInvitations(reported, acknowledged, silent);
    const report = await rt.form(`${linkTo(reported)}/report`, reportFields(reported));
    if (report.status !== 200) throw new Error(`report → ${report.status}`);
    const ack = await rt.form(`${linkTo(acknowledged)}/acknowledge`);
    if (ack.status !== 200) throw new Error(`acknowledge → ${ack.status}`);
    await rt.settle();
  });

  afterAll(async () => {
    await rt?.dispose();
  });

  it('withdraws the directive while its assignments wait: every open one CANCELLED, the completed one kept', async () => {
    await rt.advanceTo(hanoi('2026-03-04T11:00'));
    const running = await rt.executions(`${first}-`);
    expect(
      running
        .filter((e) => e.status === 'RUNNING')
        .map((e) => e.name)
        .sort(),
    ).toEqual([`${first}-${acknowledged.id}`, `${first}-${silent.id}`].sort());

    const answer = await rt.call<{ id: string; cancelled: number }>('POST', `/api/directives/${first}/cancel`, {
      reason: 'Thu hồi để ban hành công văn thay thế',
    });
    expect(answer.status, answer.text.slice(0, 300)).toBe(200);
    expect(answer.json).toEqual({ id: first, cancelled: 2 });
    await rt.settle();

    const d = await rt.directive(first);
    expect(d.cancelledAt).toBe(hanoi('2026-03-04T11:00'));
    expect(d.state).toBe('CANCELLED');
    expect(d.counts).toMatchObject({ cancelled: 2, completedOnTime: 1, inProgressOnTime: 0, inProgressOverdue: 0 });
    expect(Object.fromEntries(d.assignments.map((a) => [a.recipientId, a.status]))).toEqual({
      [reported.id]: 'COMPLETED',
      [acknowledged.id]: 'CANCELLED',
      [silent.id]: 'CANCELLED',
    });
    for (const r of [acknowledged, silent]) {
      const a = await rt.assignment(first, r.id);
      expect(a.cancelledAt).toBe(hanoi('2026-03-04T11:00'));
      expect(a.history.at(-1)).toMatchObject({ type: 'CANCELLED', detail: 'Thu hồi để ban hành công văn thay thế' });
      expect(a.history.filter((e) => e.type === 'CANCELLED')).toHaveLength(1);
    }
    expect((await rt.assignment(first, reported.id)).history.at(-1)?.type).toBe('COMPLETED');
  });

  it('ends their executions (Withdrawn: SUCCEEDED, no longer waiting)', async () => {
    const list = await rt.executions(`${first}-`);
    expect(list).toHaveLength(3);
    for (const e of list) expect(e, JSON.stringify(e)).toMatchObject({ status: 'SUCCEEDED', state: null });
    expect(await rt.stats()).toMatchObject({ running: 0, openTasks: 0 });
  });

  it('shows "withdrawn" on the recipient pages, without buttons, and refuses every action with 409', async () => {
    for (const r of [acknowledged, silent]) {
      await expectWithdrawnPage(r);
      await expectActionsRefused(first, r);
    }
    // A completed assignment cannot be withdrawn; a second withdrawal of the directive changes nothing.
    const completed = await rt.call('POST', `/api/directives/${first}/assignments/${reported.id}/cancel`, {});
    expect(completed.status).toBe(409);
    const again = await rt.call('POST', `/api/directives/${first}/cancel`, {});
    expect(again.status).toBe(200);
    expect(again.json).toEqual({ id: first, cancelled: 0 });
    await rt.settle();
    mailsAfterCancel = (await rt.outbox()).length;
    for (const r of [reported, acknowledged, silent])
      historyAfterCancel.set(r.id, (await rt.assignment(first, r.id)).history);
  });

  it('sends no email at all past every deadline and for weeks after', async () => {
    // Acknowledgement due 17:00 today, reports Monday 09/03 17:00, level 2 on Wednesday 11/03: all passed.
    await rt.advanceTo(hanoi('2026-03-12T09:00'));
    expect((await rt.outbox()).length).toBe(mailsAfterCancel);
    await rt.advance('P30D');
    const mails = await rt.outbox();
    expect(mails, summary(mails.slice(mailsAfterCancel))).toHaveLength(mailsAfterCancel);
    // Three invitations: nothing else was ever sent.
    expect(mails).toHaveLength(3);
    for (const r of [reported, acknowledged, silent])
      expect((await rt.assignment(first, r.id)).history).toEqual(historyAfterCancel.get(r.id));
    await expectWithdrawnPage(silent);
  });

  it('withdraws one recipient only: its execution ends, the others carry on and are reminded', async () => {
    const now = await rt.clock(); // Saturday 11/04/2026, 09:00
    const deadline = hanoi('2026-04-16T17:00');
    const body = giaLaiDirective({
      now,
      number: '302/STTTT-BCVT',
      recipients: [keeps, withdrawn, alsoKeeps],
      deadline,
      remindBefore: ['P1D'],
    });
    second = (await rt.issue(body)).id;
    await rt.settle();
    await linksOfInvitations(keeps, withdrawn, alsoKeeps);
    for (const r of [keeps, withdrawn, alsoKeeps]) expect((await rt.form(`${linkTo(r)}/acknowledge`)).status).toBe(200);
    await rt.settle();

    const answer = await rt.call<{ status: string; applied: boolean }>(
      'POST',
      `/api/directives/${second}/assignments/${withdrawn.id}/cancel`,
      { reason: 'Đơn vị không thuộc phạm vi điều chỉnh' },
    );
    expect(answer.status, answer.text.slice(0, 300)).toBe(200);
    expect(answer.json).toMatchObject({ status: 'CANCELLED', applied: true });
    await rt.settle();
    const twice = await rt.call<{ applied: boolean }>(
      'POST',
      `/api/directives/${second}/assignments/${withdrawn.id}/cancel`,
      {},
    );
    expect(twice.status).toBe(200);
    expect(twice.json.applied).toBe(false);

    const executions = Object.fromEntries((await rt.executions(`${second}-`)).map((e) => [e.name, e.status]));
    expect(executions).toEqual({
      [`${second}-${keeps.id}`]: 'RUNNING',
      [`${second}-${withdrawn.id}`]: 'SUCCEEDED',
      [`${second}-${alsoKeeps.id}`]: 'RUNNING',
    });
    const d = await rt.directive(second);
    expect(d.cancelledAt).toBeNull();
    expect(d.state).toBe('OPEN');
    await expectWithdrawnPage(withdrawn);
    await expectActionsRefused(second, withdrawn);

    // Reminders a day before (Wednesday 17:00) and on the day (Thursday 08:00), but not to the withdrawn one.
    await rt.advanceTo(hanoi('2026-04-16T09:00'));
    const mails = await rt.outbox();
    const reminders = (r: Recipient) => mailsTo(mails, r.email).filter((m) => m.subject.startsWith('Nhắc hạn'));
    expect(
      reminders(keeps).map((m) => toSecond(m.sentAt)),
      summary(reminders(keeps)),
    ).toEqual([toSecond(hanoi('2026-04-15T17:00')), toSecond(hanoi('2026-04-16T08:00'))]);
    expect(reminders(alsoKeeps)).toHaveLength(2);
    expect(mailsTo(mails, withdrawn.email), summary(mailsTo(mails, withdrawn.email))).toHaveLength(1);

    const kept = await rt.assignment(second, keeps.id);
    expect(kept.status).toBe('ACKNOWLEDGED');
    expect(kept.history.filter((e) => e.type === 'REMINDED')).toHaveLength(2);
    const gone = await rt.assignment(second, withdrawn.id);
    expect(gone.history.map((e) => e.type)).toEqual(['ISSUED', 'DELIVERED', 'ACKNOWLEDGED', 'CANCELLED']);

    // At the deadline the others are escalated; the withdrawn one is not.
    await rt.advanceTo(hanoi('2026-04-16T18:00'));
    const escalations = (await rt.outbox()).filter((m) => m.subject.startsWith('Quá hạn:'));
    expect(escalations.some((m) => mailText(m).includes(keeps.name))).toBe(true);
    expect(escalations.filter((m) => mailText(m).includes(withdrawn.name))).toEqual([]);
  });
});
