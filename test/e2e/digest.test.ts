import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OFFICE } from '../../local/demo/gia-lai-126.ts';
import {
  GIAM_DOC,
  giaLaiDirective,
  hanoi,
  linkOf,
  type Mail,
  mailsTo,
  PHO_GIAM_DOC,
  type Recipient,
  type Runtime,
  recipients,
  reportFields,
  startRuntime,
} from '../support/runtime.ts';

const ISSUER = OFFICE.issuer;
const TRUONG_PHONG = {
  name: 'Trần Quốc Bảo',
  title: 'Trưởng phòng Bưu chính, Viễn thông',
  email: 'tp.bcvt@stttt.gialai.example',
  phone: '0905111222',
};

/**
 * The leadership digest at 08:00 on working days. Two directives of the same office, with leaders in common
 * and not: 126 (Giám đốc, Phó Giám đốc) to the police, due Wednesday 04/03/2026 16:00, and the power company,
 * which reports at once; 127 (Giám đốc, Trưởng phòng) to Pleiku (due 17:00), the army command (reports late,
 * on Thursday 07:00) and the water company (due next week). On Thursday 08:00 each of the three leaders gets
 * exactly one digest of the office: the four counts over both directives and the two overdue reports, a day
 * late. Saturday: none. Once everything is in: none. A public holiday (30/04): none.
 */
describe('leadership digest', () => {
  let rt: Runtime;
  let first: string;
  let second: string;
  let third: string;
  const [police, power, pleiku, army, water, vnpt] = recipients(
    'cong-an-tinh',
    'dien-luc',
    'ubnd-pleiku',
    'bchqs-tinh',
    'cap-thoat-nuoc',
    'vnpt-gia-lai',
  ) as [Recipient, Recipient, Recipient, Recipient, Recipient, Recipient];
  const leaders = [GIAM_DOC, PHO_GIAM_DOC, TRUONG_PHONG];
  const links = new Map<string, string>();
  const linkTo = (r: Recipient) => links.get(r.id) ?? '';

  const digests = async () => (await rt.outbox()).filter((m) => m.subject.startsWith('Tổng hợp ngày'));
  const summary = (mails: Mail[]) => JSON.stringify(mails.map((m) => [m.to, m.subject, m.sentAt]));
  const collectLinks = async (...rs: Recipient[]) => {
    const mails = await rt.outbox();
    for (const r of rs) {
      const [invitation] = mailsTo(mails, r.email);
      if (!invitation) throw new Error(`no invitation to ${r.email}\n${rt.log()}`);
      links.set(r.id, linkOf(invitation).path);
    }
  };
  const act = async (r: Recipient, action: 'acknowledge' | 'report') => {
    const answer = await rt.form(`${linkTo(r)}/${action}`, action === 'report' ? reportFields(r) : {});
    expect(answer.status, `${action} ${r.id}: ${answer.text.slice(0, 300)}`).toBe(200);
  };

  beforeAll(async () => {
    rt = await startRuntime();
    const now = await rt.clock();
    first = (
      await rt.issue(
        giaLaiDirective({
          now,
          number: '126/STTTT-BCVT',
          recipients: [police, power],
          deadline: hanoi('2026-03-04T16:00'),
          leadership: [GIAM_DOC, PHO_GIAM_DOC],
        }),
      )
    ).id;
    const base = giaLaiDirective({
      now,
      number: '127/STTTT-BCVT',
      recipients: [pleiku, army, water],
      deadline: hanoi('2026-03-04T17:00'),
      leadership: [GIAM_DOC, TRUONG_PHONG],
    });
    const body = {
      ...base,
      tasks: base.tasks.map((t) => (t.code === '2.2' ? { ...t, deadline: hanoi('2026-03-13T17:00') } : t)),
    };
    second = (await rt.issue(body)).id;
    await rt.settle();
    await collectLinks(police, power, pleiku, army, water);
    for (const r of [police, pleiku, army, water]) await act(r, 'acknowledge');
    await act(power, 'report');
    await rt.settle();
  });

  afterAll(async () => {
    await rt?.dispose();
  });

  it('sends no digest on the day of issue, nor before 08:00 the next morning', async () => {
    await rt.advanceTo(hanoi('2026-03-05T07:00'));
    await act(army, 'report'); // after its 17:00 deadline: completed late
    await rt.advanceTo(hanoi('2026-03-05T07:59:59'));
    expect(summary(await digests())).toBe('[]');
  });

  it('Thursday 08:00: one digest per leader of the office, with the four counts and who is late', async () => {
    await rt.advanceTo(hanoi('2026-03-05T08:00:30'));
    const sent = await digests();
    expect(sent, summary(sent)).toHaveLength(3);
    for (const leader of leaders) {
      const mine = mailsTo(sent, leader.email);
      expect(mine, `${leader.email}: ${summary(sent)}`).toHaveLength(1);
      const mail = mine[0] as Mail;
      expect(mail.to).toEqual([leader.email]);
      expect(mail.sentAt).toBe(hanoi('2026-03-05T08:00'));
      expect(mail.subject).toBe(`Tổng hợp ngày 05/03/2026: 2 việc quá hạn của 2 đơn vị — ${ISSUER}`);
      expect(mail.text).toContain(`Đồng chí ${leader.name} – ${leader.title}`);
      expect(mail.text).toContain('Đang thực hiện, trong hạn: 1');
      expect(mail.text).toContain('Đang thực hiện, quá hạn: 2');
      expect(mail.text).toContain('Hoàn thành đúng hạn: 1');
      expect(mail.text).toContain('Hoàn thành quá hạn: 1');
      expect(mail.text).toContain(
        `- ${police.name} — Báo cáo nhiệm vụ 1.3, công văn 126/STTTT-BCVT: hạn 16:00 ngày 04/03/2026, quá 1 ngày. Liên hệ: ${police.email}`,
      );
      expect(mail.text).toContain(
        `- ${pleiku.name} — Báo cáo nhiệm vụ 1.3, công văn 127/STTTT-BCVT: hạn 17:00 ngày 04/03/2026, quá 1 ngày. Liên hệ: ${pleiku.email}`,
      );
      for (const onTime of [power, army, water]) expect(mail.text).not.toContain(onTime.name);
    }
    // The digest is the leaders' only: no agency gets one.
    for (const r of [police, power, pleiku, army, water]) expect(mailsTo(sent, r.email)).toEqual([]);

    // What it says is what is stored.
    const p = await rt.assignment(first, police.id);
    expect(p).toMatchObject({ overdue: true, escalationLevel: 1, status: 'ACKNOWLEDGED' });
    expect(p.history.filter((e) => e.type === 'ESCALATED')).toMatchObject([{ level: 1 }]);
    const a = await rt.assignment(second, army.id);
    expect(a).toMatchObject({ status: 'COMPLETED', outcome: 'LATE' });
    expect(a.history.find((e) => e.type === 'REPORTED')?.late).toBe(true);
    expect((await rt.assignment(second, water.id)).overdue).toBe(false);
  });

  it('Friday 08:00: again, two days late', async () => {
    await rt.advanceTo(hanoi('2026-03-06T08:00:30'));
    const sent = (await digests()).filter((m) => m.subject.startsWith('Tổng hợp ngày 06/03/2026'));
    expect(sent.map((m) => m.to[0]).sort(), summary(sent)).toEqual(leaders.map((l) => l.email).sort());
    for (const mail of sent) {
      expect(mail.sentAt).toBe(hanoi('2026-03-06T08:00'));
      expect(mail.text).toContain('hạn 16:00 ngày 04/03/2026, quá 2 ngày');
      expect(mail.text).toContain('hạn 17:00 ngày 04/03/2026, quá 2 ngày');
    }
  });

  it('Saturday 08:00: no digest', async () => {
    await rt.advanceTo(hanoi('2026-03-07T12:00'));
    const sent = await digests();
    expect(sent, summary(sent)).toHaveLength(6);
    expect(sent.filter((m) => m.subject.includes('07/03/2026'))).toEqual([]);
  });

  it('once everything is reported, the next working day sends nothing', async () => {
    for (const r of [police, pleiku, water]) await act(r, 'report');
    await rt.settle();
    for (const [id, r] of [
      [first, police],
      [second, pleiku],
      [second, water],
    ] as const) {
      const a = await rt.assignment(id, r.id);
      expect(a.status).toBe('COMPLETED');
      expect(a.history.at(-1)?.type).toBe('COMPLETED');
    }
    expect((await rt.directive(first)).state).toBe('COMPLETED');
    expect((await rt.directive(second)).state).toBe('COMPLETED');

    await rt.advanceTo(hanoi('2026-03-09T09:00'));
    const sent = await digests();
    expect(sent, summary(sent)).toHaveLength(6);
  });

  it('a public holiday (30/04 and 01/05/2026) sends nothing, though something is overdue', async () => {
    await rt.advanceTo(hanoi('2026-04-28T09:00'));
    expect(await digests()).toHaveLength(6);
    third = (
      await rt.issue(
        giaLaiDirective({
          now: await rt.clock(),
          number: '140/STTTT-BCVT',
          recipients: [vnpt],
          deadline: hanoi('2026-04-28T16:00'),
          leadership: [GIAM_DOC],
        }),
      )
    ).id;
    await rt.settle();
    await collectLinks(vnpt);
    await act(vnpt, 'acknowledge');

    // Wednesday 29/04, a working day: the digest goes out.
    await rt.advanceTo(hanoi('2026-04-29T09:00'));
    let sent = (await digests()).slice(6);
    expect(
      sent.map((m) => [m.to, m.sentAt]),
      summary(sent),
    ).toEqual([[[GIAM_DOC.email], hanoi('2026-04-29T08:00')]]);
    expect(sent[0]?.text).toContain(`- ${vnpt.name} — Báo cáo nhiệm vụ 3.1, công văn 140/STTTT-BCVT`);

    // Thursday 30/04 and Friday 01/05: holidays; then the weekend.
    await rt.advanceTo(hanoi('2026-05-03T23:59'));
    sent = (await digests()).slice(6);
    expect(sent, summary(sent)).toHaveLength(1);
    expect((await rt.assignment(third, vnpt.id)).overdue).toBe(true);

    // Monday 04/05: back to work, and the digest with it.
    await rt.advanceTo(hanoi('2026-05-04T09:00'));
    sent = (await digests()).slice(6);
    expect(
      sent.map((m) => [m.to, m.sentAt]),
      summary(sent),
    ).toEqual([
      [[GIAM_DOC.email], hanoi('2026-04-29T08:00')],
      [[GIAM_DOC.email], hanoi('2026-05-04T08:00')],
    ]);
    expect(sent[1]?.text).toContain('hạn 16:00 ngày 28/04/2026, quá 6 ngày');
  });
});
