import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  GIAM_DOC,
  giaLaiDirective,
  hanoi,
  linkOf,
  type Mail,
  mailsTo,
  mailText,
  PHO_GIAM_DOC,
  type Recipient,
  type Runtime,
  recipients,
  startRuntime,
  toSecond,
} from '../support/runtime.ts';

/**
 * Two levels of escalation for a missed report. The directive is signed by Lê Thị Thu Hương (KT. GIÁM ĐỐC,
 * also listed among the leaders as Phó Giám đốc Sở); the director is Nguyễn Ngọc Hùng (Giám đốc Sở); the late
 * agency, Ủy ban nhân dân thành phố Pleiku, has its head in the directory. Deadline Thursday 05/03/2026 17:00:
 * level 1 then, to the signer and the agency's head; level 2 two working days later, the weekend skipped, on
 * Monday 09/03 17:00, to the director only.
 */
describe('escalation chain: signer and agency head, then the director', () => {
  let rt: Runtime;
  let id: string;
  const [late] = recipients('ubnd-pleiku') as [Recipient];
  const head = { name: 'Trần Văn Chủ tịch', email: 'chutich.pleiku@gialai.example', phone: '0269 3823 000' };
  const deadline = hanoi('2026-03-05T17:00');
  const level2At = hanoi('2026-03-09T17:00');
  const DEADLINE_VI = '17:00 ngày 05/03/2026';

  const escalations = async () => (await rt.outbox()).filter((m) => m.subject.startsWith('Quá hạn:'));
  const summary = (mails: Mail[]) => JSON.stringify(mails.map((m) => [m.to, m.subject, m.sentAt]));

  /** Names who is late, on which task, since when, and how to reach them. */
  const expectItNamesTheLateAgency = (mail: Mail) => {
    const text = mailText(mail);
    expect(mail.subject).toContain(late.name);
    expect(mail.subject).toContain('1.3');
    expect(mail.subject).toContain('126/STTTT-BCVT');
    expect(mail.text).toContain(`${late.name} chưa gửi báo cáo nhiệm vụ 1.3`);
    expect(mail.text).toContain(`quá hạn từ ${DEADLINE_VI}`);
    expect(mail.text).toMatch(new RegExp(`Liên hệ đơn vị: ${late.email.replace(/\./g, '\\.')}`));
    expect(mail.html).toContain(`mailto:${late.email}`);
    // Leaders never get the agency's personal link.
    expect(text).not.toMatch(/\/r\/[A-Za-z0-9]/);
  };

  beforeAll(async () => {
    rt = await startRuntime();
    const now = await rt.clock();
    const base = giaLaiDirective({ now, recipients: [late], deadline, leadership: [GIAM_DOC, PHO_GIAM_DOC] });
    const body = {
      ...base,
      signer: { ...base.signer, email: PHO_GIAM_DOC.email },
      recipients: [{ ...late, head }],
    };
    id = (await rt.issue(body)).id;
    await rt.settle();
    const [invitation] = mailsTo(await rt.outbox(), late.email);
    if (!invitation) throw new Error(`no invitation\n${rt.log()}`);
    const ack = await rt.form(`${linkOf(invitation).path}/acknowledge`);
    if (ack.status !== 200) throw new Error(`acknowledge → ${ack.status}`);
    await rt.settle();
  });

  afterAll(async () => {
    await rt?.dispose();
  });

  it('escalates nothing before the deadline', async () => {
    await rt.advanceTo(hanoi('2026-03-05T16:59:59'));
    expect(summary(await escalations())).toBe('[]');
    const a = await rt.assignment(id, late.id);
    expect(a.escalationLevel).toBe(0);
    expect(a.history.filter((e) => e.type === 'ESCALATED')).toEqual([]);
  });

  it('level 1 at the deadline goes to the signer and the agency head, not to the director', async () => {
    await rt.advanceTo(hanoi('2026-03-05T17:01'));
    const sent = await escalations();
    expect(sent, summary(sent)).toHaveLength(1);
    const [mail] = sent as [Mail];
    expect([...mail.to].sort()).toEqual([head.email, PHO_GIAM_DOC.email].sort());
    expect(mail.to).not.toContain(GIAM_DOC.email);
    expect(toSecond(mail.sentAt)).toBe(toSecond(deadline));
    expect(mail.text).toContain('Cảnh báo cấp 1');
    expectItNamesTheLateAgency(mail);

    const a = await rt.assignment(id, late.id);
    expect(a.escalationLevel).toBe(1);
    expect(a.overdue).toBe(true);
    const escalated = a.history.filter((e) => e.type === 'ESCALATED');
    expect(escalated).toMatchObject([{ level: 1, taskCode: '1.3', deadline }]);
    expect(toSecond(escalated[0]?.at ?? '')).toBe(toSecond(deadline));
  });

  it('waits over the weekend: nothing more on Friday, Saturday, Sunday or Monday before 17:00', async () => {
    await rt.advanceTo(hanoi('2026-03-09T16:59:59'));
    expect(await escalations()).toHaveLength(1);
    expect((await rt.assignment(id, late.id)).escalationLevel).toBe(1);
  });

  it('level 2 two working days later (Monday 17:00) goes to the director only', async () => {
    await rt.advanceTo(hanoi('2026-03-09T17:01'));
    const sent = await escalations();
    expect(sent, summary(sent)).toHaveLength(2);
    const mail = sent[1] as Mail;
    expect(mail.to).toEqual([GIAM_DOC.email]);
    expect(toSecond(mail.sentAt)).toBe(toSecond(level2At));
    expect(mail.text).toContain('Cảnh báo cấp 2');
    expect(mail.text).toContain(`Đồng chí ${GIAM_DOC.name} – ${GIAM_DOC.title}`);
    expectItNamesTheLateAgency(mail);

    const a = await rt.assignment(id, late.id);
    expect(a.escalationLevel).toBe(2);
    const escalated = a.history.filter((e) => e.type === 'ESCALATED');
    expect(escalated.map((e) => e.level)).toEqual([1, 2]);
    expect(escalated.map((e) => e.deadline)).toEqual([deadline, deadline]);
    expect(escalated.map((e) => toSecond(e.at))).toEqual([toSecond(deadline), toSecond(level2At)]);
  });

  it('there is no level 3: weeks later, still two escalations', async () => {
    await rt.advance('P30D');
    expect(await escalations()).toHaveLength(2);
    const a = await rt.assignment(id, late.id);
    expect(a.escalationLevel).toBe(2);
    expect(a.history.filter((e) => e.type === 'ESCALATED')).toHaveLength(2);
    // The agency itself heard nothing of the escalations: only the invitation and its reminders.
    expect(mailsTo(await rt.outbox(), late.email).every((m) => !m.subject.startsWith('Quá hạn:'))).toBe(true);
  });
});
