import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CONFIRMED,
  DAY,
  type DirectiveView,
  GIAM_DOC,
  giaLaiDirective,
  iso,
  linkOf,
  mailsTo,
  noticeOf,
  type RecipientLink,
  type Runtime,
  recipients,
  reportFields,
  startRuntime,
} from '../support/runtime.ts';

/** Công văn 126/STTTT-BCVT to five agencies, each of which acknowledges and reports on time. */
describe('happy path: issue, acknowledge, report, complete', () => {
  let rt: Runtime;
  let id: string;
  let deadline: string;
  let body: ReturnType<typeof giaLaiDirective>;
  const to = recipients('cong-an-tinh', 'bchqs-tinh', 'ubnd-pleiku', 'dien-luc', 'vnpt-gia-lai');
  const links = new Map<string, RecipientLink>();
  const KEY = 'gia-lai-126-STTTT-BCVT';

  beforeAll(async () => {
    rt = await startRuntime();
    const now = await rt.clock();
    deadline = iso(now, 4 * DAY);
    body = giaLaiDirective({ now, recipients: to, deadline });
    id = (await rt.issue(body, { 'idempotency-key': KEY })).id;
    await rt.settle();
  });

  afterAll(async () => {
    await rt?.dispose();
  });

  it('sends each recipient exactly one invitation with its own absolute /r/ link', async () => {
    const mails = await rt.outbox();
    for (const r of to) {
      const mine = mailsTo(mails, r.email);
      expect(mine, r.email).toHaveLength(1);
      const [mail] = mine;
      if (!mail) continue;
      expect(mail.subject.startsWith('[126/STTTT-BCVT]'), mail.subject).toBe(true);
      const link = linkOf(mail);
      expect(link.url).toBe(`${rt.base}/r/${link.token}`);
      links.set(r.id, link);
    }
    expect(new Set([...links.values()].map((l) => l.token)).size).toBe(to.length);
    expect(mailsTo(mails, GIAM_DOC.email)).toEqual([]);

    const d = await rt.directive(id);
    expect(d.assignments.map((a) => [a.recipientId, a.status]).sort()).toEqual(
      to.map((r) => [r.id, 'DELIVERED']).sort(),
    );
  });

  it('sends the invitation as a Vietnamese letter: letterhead with the province, no English paragraph, the English version a part of its own', async () => {
    const [mail] = mailsTo(await rt.outbox(), to[0]?.email ?? '');
    if (!mail) throw new Error('no invitation');
    expect(mail.text).toMatch(/^UBND TỈNH GIA LAI\nSỞ THÔNG TIN VÀ TRUYỀN THÔNG\n/);
    expect(mail.subject).toContain('] V/v đảm bảo thông tin liên lạc');
    for (const part of [mail.text, mail.html]) {
      expect(part).toMatch(/ngày \d\d\/\d\d\/\d{4} về việc đảm bảo thông tin liên lạc/);
      expect(part).not.toMatch(/English:|has sent you|Please acknowledge|lang="en"/);
    }
    expect(mail.html).toContain(`href="${linkOf(mail).url}?lang=en"`);
    // The English version is an attachment of the same message (after the calendar).
    const parts: { name: string; body: string }[] = [];
    for (let i = 0; ; i++) {
      const r = await fetch(`${rt.base}/_local/outbox/view/${mail.id}/attachments/${i}`);
      if (r.status === 404) break;
      parts.push({ name: r.headers.get('content-disposition') ?? '', body: await r.text() });
    }
    const english = parts.find((p) => p.name.includes('english-version.txt'));
    expect(english?.body).toContain('has sent you directive 126/STTTT-BCVT');
    expect(english?.body).toContain(`The page in English: ${linkOf(mail).url}?lang=en`);
  });

  it('answers a retried create with the same directive and sends nothing twice', async () => {
    const retry = await rt.call<{ id: string }>('POST', '/api/directives', body, { 'idempotency-key': KEY });
    expect(retry.status).toBe(200);
    expect(retry.json.id).toBe(id);
    // The same key with another body is a mistake, not a retry.
    const other = await rt.call(
      'POST',
      '/api/directives',
      { ...body, subject: `${body.subject} (sửa)` },
      {
        'idempotency-key': KEY,
      },
    );
    expect(other.status).toBe(409);
    await rt.settle();
    expect(await rt.outbox()).toHaveLength(to.length);
    expect((await rt.directive(id)).assignments).toHaveLength(to.length);
  });

  it('refuses the officials API without the token', async () => {
    const anonymous = await rt.open(`/api/directives/${id}`);
    expect(anonymous.status).toBe(401);
    const wrong = await rt.call('GET', `/api/directives/${id}`, undefined, { authorization: 'Bearer wrong' });
    expect(wrong.status).toBe(401);
  });

  it('records an acknowledgement and a report from each recipient through its link', async () => {
    expect(links.size).toBe(to.length);
    for (const r of to) {
      const link = links.get(r.id);
      if (!link) throw new Error(`no link for ${r.id}`);
      const ack = await rt.form(`${link.path}/acknowledge`);
      expect(ack.status, ack.text.slice(0, 300)).toBe(200);
      expect(noticeOf(ack.text)).toBe(CONFIRMED);
      const report = await rt.form(`${link.path}/report`, reportFields(r));
      expect(report.status, report.text.slice(0, 300)).toBe(200);
      expect(noticeOf(report.text)).toBe(`Đã gửi báo cáo nhiệm vụ ${reportFields(r).taskCode}`);
    }
    await rt.settle();

    const d: DirectiveView = await rt.directive(id);
    expect(d.assignments).toHaveLength(to.length);
    for (const a of d.assignments) {
      expect(a, a.recipientId).toMatchObject({
        status: 'COMPLETED',
        outcome: 'ON_TIME',
        overdue: false,
        escalationLevel: 0,
      });
      expect(a.acknowledgedAt).not.toBeNull();
      expect(a.reports).toHaveLength(1);
      expect(a.reports[0]).toMatchObject({ deadline, late: false });
      expect(a.reports[0]?.submittedAt).not.toBeNull();
    }
    expect(d.state).toBe('COMPLETED');
    expect(d.counts.completedOnTime).toBe(to.length);

    // Completing sends nothing more: still one email per recipient, none to the leadership.
    const mails = await rt.outbox();
    for (const r of to) expect(mailsTo(mails, r.email), r.email).toHaveLength(1);
    expect(mails).toHaveLength(to.length);
  });

  it('keeps the history of an assignment in order: ISSUED, DELIVERED, ACKNOWLEDGED, REPORTED, COMPLETED', async () => {
    const a = await rt.assignment(id, 'dien-luc');
    expect(a.history.map((e) => e.type)).toEqual(['ISSUED', 'DELIVERED', 'ACKNOWLEDGED', 'REPORTED', 'COMPLETED']);
    const times = a.history.map((e) => e.at);
    expect([...times].sort()).toEqual(times);
    expect(a.history.find((e) => e.type === 'REPORTED')).toMatchObject({ taskCode: '2.2', late: false });
    expect(a.history.at(-1)).toMatchObject({ type: 'COMPLETED', detail: 'ON_TIME' });
  });

  it('ends every execution once every assignment is complete', async () => {
    await rt.settle();
    expect(await rt.stats()).toMatchObject({ running: 0, parked: 0, openTasks: 0, inFlight: 0 });
  });
});
