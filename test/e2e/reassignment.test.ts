import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  giaLaiDirective,
  hanoi,
  linkOf,
  type Mail,
  type Recipient,
  type Runtime,
  recipients,
  reportFields,
  startRuntime,
} from '../support/runtime.ts';
import { officialsOf, WebSession } from '../support/web-session.ts';

/**
 * An official moves an assignment to another address: the old link answers 410 with a page saying so, the new
 * address gets its own invitation and acts with it, deadlines are kept and the history names both addresses.
 * Two officials moving one assignment at once: one wins. Then the agency names its handler, who is copied on
 * the next reminder.
 *
 * The clock starts at 09:00 on Wednesday 04/03/2026 in Hà Nội; the report is due Friday 06/03 17:00, reminded
 * the day before (Thursday 17:00).
 */
describe('reassignment and a named handler', () => {
  let rt: Runtime;
  const [moved, raced] = recipients('ubnd-pleiku', 'ubnd-an-khe') as [Recipient, Recipient];
  const NEW = 'vanthu.pleiku@gialai.gov.vn';
  const HANDLER = 'tran.thi.b@pleiku.gialai.gov.vn';
  const deadline = hanoi('2026-03-06T17:00');
  let id = '';
  let oldLink = '';
  let newLink = '';
  const path = (r: Recipient, action: string) =>
    `/api/directives/${encodeURIComponent(id)}/assignments/${encodeURIComponent(r.id)}/${action}`;
  const isReminder = (m: Mail) => m.subject.startsWith('Nhắc hạn');

  beforeAll(async () => {
    rt = await startRuntime();
    const now = await rt.clock();
    id = (await rt.issue(giaLaiDirective({ now, recipients: [moved, raced], deadline, remindBefore: ['P1D'] }))).id;
    await rt.settle();
    const [invitation] = await rt.mailsTo(moved.email);
    if (!invitation) throw new Error(`no invitation to ${moved.email}\n${rt.log()}`);
    oldLink = linkOf(invitation).path;
  });

  afterAll(async () => {
    await rt?.dispose();
  });

  it('moves the assignment: the new address gets a new link, the old one answers 410 saying it moved', async () => {
    const before = await rt.assignment(id, moved.id);
    const r = await rt.call<{ applied: boolean }>('POST', path(moved, 'reassign'), {
      email: '  VanThu.Pleiku@GiaLai.gov.vn ',
      name: 'Văn thư UBND thành phố Pleiku',
    });
    expect(r.status, r.text).toBe(200);
    expect(r.json.applied).toBe(true);
    await rt.settle();

    const invitations = await rt.mailsTo(NEW);
    expect(invitations).toHaveLength(1);
    newLink = linkOf(invitations[0] as Mail).path;
    expect(newLink).not.toBe(oldLink);

    const gone = await rt.open(oldLink);
    expect(gone.status).toBe(410);
    expect(gone.text).toContain('chuyển sang địa chỉ email khác');
    expect((await rt.open(`${oldLink}?lang=en`)).text).toContain('moved to another address');
    expect((await rt.form(`${oldLink}/acknowledge`)).status).toBe(410);

    const after = await rt.assignment(id, moved.id);
    expect(after).toMatchObject({ recipientEmail: NEW, recipientName: 'Văn thư UBND thành phố Pleiku' });
    // Deadlines are kept.
    expect(after.reports.map((s) => s.deadline)).toEqual(before.reports.map((s) => s.deadline));
    expect(after.history.find((e) => e.type === 'REASSIGNED')).toMatchObject({ from: moved.email, to: NEW });
    // The same address again changes nothing and sends nothing.
    const again = await rt.call<{ applied: boolean }>('POST', path(moved, 'reassign'), { email: NEW });
    expect(again.status).toBe(200);
    expect(again.json.applied).toBe(false);
    await rt.settle();
    expect(await rt.mailsTo(NEW)).toHaveLength(1);
  });

  it('refuses a malformed address before anything changes', async () => {
    const r = await rt.call('POST', path(moved, 'reassign'), { email: 'not an address' });
    expect(r.status).toBe(400);
    expect((await rt.assignment(id, moved.id)).recipientEmail).toBe(NEW);
  });

  it('two officials moving one assignment at once: one wins, the other conflicts', async () => {
    const { recipientEmail } = await rt.assignment(id, raced.id);
    const answers = await Promise.all(
      ['one@gialai.gov.vn', 'two@gialai.gov.vn'].map((email) =>
        rt.call<{ applied?: boolean }>('POST', path(raced, 'reassign'), { email, fromEmail: recipientEmail }),
      ),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    const winner = answers.findIndex((a) => a.status === 200);
    const now = await rt.assignment(id, raced.id);
    expect(now.recipientEmail).toBe(winner === 0 ? 'one@gialai.gov.vn' : 'two@gialai.gov.vn');
    expect(now.history.filter((e) => e.type === 'REASSIGNED')).toHaveLength(1);
  });

  it("the dashboard's form moves it too; a form showing an address that has since changed is a 409 page", async () => {
    const [official] = officialsOf(rt);
    if (!official) throw new Error('no local official');
    const s = new WebSession(rt);
    expect((await s.signIn(official.email, official.password)).status).toBe(303);
    const dashboard = await s.get(`/directives/${encodeURIComponent(id)}`);
    expect(dashboard.text).toContain('Chuyển sang địa chỉ khác');
    const { recipientEmail: shown } = await rt.assignment(id, raced.id);
    const ANKHE = 'vanthu.ankhe@gialai.gov.vn';
    const fields = { action: 'reassign', recipientId: raced.id, fromEmail: shown };

    const moved = await s.post(`/directives/${encodeURIComponent(id)}/actions`, { ...fields, email: ANKHE });
    expect(moved.status, moved.text.slice(0, 300)).toBe(303);
    expect((await rt.assignment(id, raced.id)).recipientEmail).toBe(ANKHE);
    const after = await s.get(moved.location ?? '');
    expect(after.text).toContain(`${shown} → ${ANKHE}`);

    const stale = await s.post(`/directives/${encodeURIComponent(id)}/actions`, {
      ...fields,
      email: 'khac@gialai.gov.vn',
    });
    expect(stale.status).toBe(409);
    expect((await rt.assignment(id, raced.id)).recipientEmail).toBe(ANKHE);
  });

  it('the agency names its handler on its page, with a checked phone', async () => {
    const bad = await rt.form(`${newLink}/handler`, { name: 'Trần Thị B', email: HANDLER, phone: '12345' });
    expect(bad.status).toBe(400);
    const r = await rt.form(`${newLink}/handler`, {
      name: 'Trần Thị B',
      email: ` ${HANDLER.toUpperCase()} `,
      phone: '0912 345 678',
    });
    expect(r.status, r.text.slice(0, 300)).toBe(200);
    expect(r.text).toContain('Đã ghi nhận người xử lý');
    const a = await rt.assignment(id, moved.id);
    expect(a.history.at(-1)).toMatchObject({ type: 'HANDLER_NAMED', detail: 'Trần Thị B' });
    expect((await rt.open(newLink)).text).toContain(HANDLER);
  });

  it('the new address acknowledges; the next reminder goes to it with the handler in copy', async () => {
    expect((await rt.form(`${newLink}/acknowledge`)).status).toBe(200);
    await rt.advanceTo(hanoi('2026-03-05T17:30'));
    const reminders = (await rt.outbox()).filter((m) => isReminder(m) && m.to.includes(NEW));
    expect(reminders).toHaveLength(1);
    expect((reminders[0] as Mail & { cc?: string[] }).cc).toEqual([HANDLER]);
    expect(linkOf(reminders[0] as Mail).path).toBe(newLink);
    expect(await rt.mailsTo(moved.email).then((ms) => ms.filter(isReminder))).toEqual([]);
  });

  it('the new address reports; the history shows both addresses and every step', async () => {
    const report = await rt.form(`${newLink}/report`, reportFields(moved));
    expect(report.status, report.text.slice(0, 300)).toBe(200);
    const a = await rt.assignment(id, moved.id);
    expect(a.status).toBe('COMPLETED');
    const types = a.history.map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['DELIVERED', 'REASSIGNED', 'HANDLER_NAMED', 'ACKNOWLEDGED']));
    expect(types.indexOf('REASSIGNED')).toBeLessThan(types.indexOf('ACKNOWLEDGED'));
    expect(a.history.find((e) => e.type === 'REASSIGNED')).toMatchObject({ from: moved.email, to: NEW });
  });
});
