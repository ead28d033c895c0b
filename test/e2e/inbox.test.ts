import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  giaLaiDirective,
  hanoi,
  linkOf,
  type Mail,
  mailsTo,
  type Recipient,
  type Runtime,
  recipients,
  reportFields,
  startRuntime,
} from '../support/runtime.ts';
import { WebSession } from '../support/web-session.ts';

/**
 * An agency's inbox over HTTP on the real runtime. Two offices (two officials of officials.json) address the
 * power company; the police get one directive. The power company asks at /inbox and gets one link listing both
 * offices' directives, each opening its own page; an unknown address reads the same answer and gets no email.
 * The weekly email goes at 08:00 on Monday 20/04/2026; on Monday 27/04/2026 (Giỗ Tổ Hùng Vương, observed) nothing
 * goes, and on Tuesday 28/04 it does, listing only what is still open.
 */

const TTTT = {
  email: 'canbo@stttt.example.gov.vn',
  name: 'Cán bộ Sở TT&TT',
  password: 'mat-khau-1',
  office: 'stttt-gialai',
};
const YTE = { email: 'canbo@syt.example.gov.vn', name: 'Cán bộ Sở Y tế', password: 'mat-khau-2', office: 'syt-gialai' };
const SENT = 'Nếu địa chỉ này có công văn cần xử lý, một đường dẫn đã được gửi tới hộp thư.';
const INBOX_PATH = /https?:\/\/[^\s"'<>]+(\/inbox\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)/;

describe('an agency’s inbox', () => {
  let rt: Runtime;
  const dataDir = mkdtempSync(join(tmpdir(), 'chidao-e2e-inbox-'));
  writeFileSync(join(dataDir, 'officials.json'), JSON.stringify([TTTT, YTE]));
  const [power, police] = recipients('dien-luc', 'cong-an-tinh') as [Recipient, Recipient];
  const bearers: Record<string, string> = {};

  const issueAs = async (office: string, number: string, to: Recipient[]) => {
    const body = giaLaiDirective({
      now: await rt.clock(),
      recipients: to,
      number,
      deadline: hanoi('2026-05-29T17:00'),
    });
    const r = await fetch(`${rt.base}/api/directives`, {
      method: 'POST',
      headers: { authorization: `Bearer ${bearers[office]}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(r.status).toBe(201);
    return ((await r.json()) as { id: string }).id;
  };
  const weekly = async () => (await rt.outbox()).filter((m) => m.subject.startsWith('Công văn cần xử lý tuần này'));
  const inboxPathOf = (mail: Mail) => {
    const path = INBOX_PATH.exec(mail.text)?.[1];
    if (!path) throw new Error(`no inbox link in ${mail.text}`);
    return path;
  };

  beforeAll(async () => {
    rt = await startRuntime({ dataDir, startAt: '2026-04-15T09:00:00+07:00' });
    for (const o of [TTTT, YTE]) {
      const s = new WebSession(rt);
      expect((await s.signIn(o.email, o.password)).status).toBe(303);
      bearers[o.office] = s.jar.get('chidao_session') ?? '';
    }
    await issueAs(TTTT.office, '126/STTTT-BCVT', [power, police]);
    await issueAs(YTE.office, '45/SYT-NVY', [power]);
    await rt.settle();
  });

  afterAll(async () => {
    await rt?.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('one answer for every address; one email, to the address that has assignments, with one link listing both offices’ directives', async () => {
    const before = (await rt.outbox()).length;
    const known = await rt.form('/inbox', { email: ` ${power.email.toUpperCase()}` });
    const unknown = await rt.form('/inbox', { email: 'khong-ai@gialai.example' });
    expect([known.status, unknown.status]).toEqual([200, 200]);
    expect(known.text).toContain(SENT);
    expect(unknown.text).toBe(known.text);
    const sent = (await rt.outbox()).slice(before);
    expect(sent.map((m) => m.to)).toEqual([[power.email]]);
    expect(mailsTo(await rt.outbox(), 'khong-ai@gialai.example')).toEqual([]);

    const page = await rt.open(inboxPathOf(sent[0] as Mail));
    expect(page.status).toBe(200);
    expect(page.text).toContain('126/STTTT-BCVT');
    expect(page.text).toContain('45/SYT-NVY');
    const pages = [...page.text.matchAll(/href="https?:\/\/[^"]+(\/r\/[^"]+)"/g)].map((m) => m[1] ?? '');
    expect(pages).toHaveLength(2);
    const opened = await Promise.all(pages.map((p) => rt.open(p)));
    expect(opened.map((o) => o.status)).toEqual([200, 200]);
    expect(opened.map((o) => (o.text.includes('126/STTTT-BCVT') ? 'tttt' : 'yte')).sort()).toEqual(['tttt', 'yte']);
    // A recipient's path under /inbox is no inbox link.
    expect((await rt.open(`/inbox/${linkOf(mailsTo(await rt.outbox(), police.email)[0] as Mail).token}`)).status).toBe(
      404,
    );
  });

  it('Monday 20/04 08:00: each address with open assignments gets one email listing them', async () => {
    await rt.advanceTo(hanoi('2026-04-20T07:59'));
    expect(await weekly()).toEqual([]);
    await rt.advanceTo(hanoi('2026-04-20T08:00:30'));
    const sent = await weekly();
    expect(sent.map((m) => m.to[0]).sort()).toEqual([police.email, power.email].sort());
    const mine = mailsTo(sent, power.email)[0] as Mail;
    expect(mine.sentAt).toBe(hanoi('2026-04-20T08:00'));
    expect(mine.text).toContain('126/STTTT-BCVT');
    expect(mine.text).toContain('45/SYT-NVY');
    // Nothing acknowledged yet: the nearest deadline is the acknowledgement's, on the day of issue.
    expect(mine.text).toContain('126/STTTT-BCVT (Sở Thông tin và Truyền thông');
    expect(mine.text).toMatch(/126\/STTTT-BCVT[^\n]*xác nhận đã nhận, hạn 15\/04\/2026 \(đã quá hạn\)/);
    expect((await rt.open(inboxPathOf(mine))).status).toBe(200);
    expect(mailsTo(sent, police.email)[0]?.text).not.toContain('45/SYT-NVY');
  });

  it('skips the holiday Monday 27/04 and sends on Tuesday 28/04 what is still open', async () => {
    // The power company reports on the health department's directive: that one is done.
    const invitation = mailsTo(await rt.outbox(), power.email).find((m) => m.text.includes('45/SYT-NVY')) as Mail;
    const link = linkOf(invitation).path;
    expect((await rt.form(`${link}/acknowledge`)).status).toBe(200);
    expect((await rt.form(`${link}/report`, reportFields(power))).status).toBe(200);
    await rt.settle();
    const before = (await weekly()).length;
    await rt.advanceTo(hanoi('2026-04-27T23:00'));
    expect((await weekly()).length).toBe(before);
    await rt.advanceTo(hanoi('2026-04-28T08:00:30'));
    const sent = (await weekly()).slice(before);
    expect(sent.map((m) => m.to[0]).sort()).toEqual([police.email, power.email].sort());
    const mine = mailsTo(sent, power.email)[0] as Mail;
    expect(mine.sentAt).toBe(hanoi('2026-04-28T08:00'));
    expect(mine.text).toContain('126/STTTT-BCVT');
    expect(mine.text).not.toContain('45/SYT-NVY');
    // The inbox lists the finished one under "done", after the open one.
    const page = await rt.open(inboxPathOf(mine));
    expect(page.text.indexOf('126/STTTT-BCVT')).toBeLessThan(page.text.indexOf('45/SYT-NVY'));
  });
});
