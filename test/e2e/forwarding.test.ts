import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ALREADY_DONE,
  GIAM_DOC,
  giaLaiDirective,
  hanoi,
  linkOf,
  type Mail,
  mailText,
  type Recipient,
  type Runtime,
  recipients,
  reportFields,
  startRuntime,
} from '../support/runtime.ts';
import { officialsOf, WebSession } from '../support/web-session.ts';

/**
 * Forwarding to sub-units over HTTP on the real runtime: the district of Chư Sê forwards its task of Công văn 126
 * to three communes; they acknowledge and report; the province office's row of the district shows the roll-up at
 * each step (API and dashboard); a late commune is escalated to the district, never to the office's director; the
 * district starts its own report from its communes' reports; a commune forwards again and the chain links down.
 *
 * The clock starts at 09:00 on Wednesday 04/03/2026 in Hà Nội; the district's report is due Friday 13/03 17:00;
 * the communes' Tuesday 10/03 17:00.
 */
describe('forwarding to sub-units', () => {
  let rt: Runtime;
  const [district] = recipients('ubnd-chu-se') as [Recipient];
  const COMMUNES = [
    { name: 'UBND xã Ia Blang', email: 'xaiablang@chuse.example' },
    { name: 'UBND xã Ia Pal', email: 'xaiapal@chuse.example' },
    { name: 'UBND thị trấn Chư Sê', email: 'ttchuse@chuse.example' },
  ] as const;
  const VILLAGE = { name: 'Thôn Plei Ring', email: 'pleiring@iapal.example' };
  const lines = (units: readonly { name: string; email: string }[]) =>
    units.map((u) => `${u.name} <${u.email}>`).join('\n');
  const code = reportFields(district).taskCode;
  let id = '';
  let link = '';
  const commune: string[] = [];
  const official = { session: undefined as WebSession | undefined };

  /** A form posted from the recipient's page, as its browser sends it. */
  const post = async (path: string, fields: [string, string][], headers: Record<string, string> = {}) => {
    const r = await fetch(rt.base + path, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: rt.base,
        'sec-fetch-site': 'same-origin',
        ...headers,
      },
      body: new URLSearchParams(fields).toString(),
    });
    return { status: r.status, text: await r.text() };
  };
  const forward = (from: string, units: string, deadline = '2026-03-10', codes = [code]) =>
    post(`${from}/forward`, [
      ...codes.map((c): [string, string] => ['taskCodes', c]),
      ['deadline', deadline],
      ['recipients', units],
    ]);

  const rollUp = async () => (await rt.directive(id)).assignments.find((a) => a.recipientId === district.id)?.forwarded;
  const dashboardRow = async () => {
    const page = await official.session?.get(`/directives/${id}`);
    const row = new RegExp(`<tr[^>]*data-recipient="${district.id}"[\\s\\S]*?</tr>`).exec(page?.text ?? '')?.[0];
    return row ?? '';
  };
  const expectRollUp = async (acknowledged: number, completed: number, overdue: number) => {
    expect(await rollUp()).toMatchObject({ total: 3, acknowledged, completed, overdue });
    expect(await dashboardRow()).toContain(
      `3 đơn vị: ${acknowledged} đã nhận, ${completed} hoàn thành, ${overdue} quá hạn`,
    );
  };

  beforeAll(async () => {
    rt = await startRuntime();
    const now = await rt.clock();
    id = (await rt.issue(giaLaiDirective({ now, recipients: [district], deadline: hanoi('2026-03-13T17:00') }))).id;
    await rt.settle();
    const [invitation] = await rt.mailsTo(district.email);
    if (!invitation) throw new Error(`no invitation to ${district.email}\n${rt.log()}`);
    link = linkOf(invitation).path;
    const [me] = officialsOf(rt);
    if (!me) throw new Error('no local official');
    official.session = new WebSession(rt);
    expect((await official.session.signIn(me.email, me.password)).status).toBe(303);
  });

  afterAll(async () => {
    await rt?.dispose();
  });

  it('refuses bad input with 400 naming the field and line, a date past its own deadline, and another site', async () => {
    const bad = await forward(link, `${COMMUNES[0].name} <${COMMUNES[0].email}>\nUBND xã không có địa chỉ`);
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('Các đơn vị nhận, dòng 2');
    // The page comes back with what was typed, to correct it.
    expect(/<textarea[^>]*name="recipients"[^>]*>([^<]*)</.exec(bad.text)?.[1]).toContain(COMMUNES[0].email);
    const english = await post(`${link}/forward?lang=en`, [
      ['taskCodes', code],
      ['deadline', '2026-03-10'],
      ['recipients', 'x'],
    ]);
    expect(english.text).toContain('Units, line 1');
    const late = await forward(link, lines(COMMUNES), '2026-03-20');
    expect(late.status).toBe(400);
    expect(late.text).toContain('muộn hơn hạn của chính đơn vị');
    const notMine = await forward(link, lines(COMMUNES), '2026-03-10', ['9.9' as typeof code]);
    expect(notMine.status).toBe(400);
    const crossSite = await post(
      `${link}/forward`,
      [
        ['taskCodes', code],
        ['deadline', '2026-03-10'],
      ],
      {
        origin: 'https://evil.example',
        'sec-fetch-site': 'cross-site',
      },
    );
    expect(crossSite.status).toBe(403);
    await rt.settle();
    expect(await rt.mailsTo(COMMUNES[0].email)).toEqual([]);
    expect(await rollUp()).toBeUndefined();
  });

  it('forwards the task to three communes, each invited with its own link; a double submit is already done', async () => {
    expect((await rt.form(`${link}/acknowledge`)).status).toBe(200);
    const page = await rt.open(link);
    expect(page.text).toContain('Chuyển tiếp cho đơn vị trực thuộc');
    const [first, second] = await Promise.all([forward(link, lines(COMMUNES)), forward(link, lines(COMMUNES))]);
    expect([first.status, second.status]).toEqual([200, 200]);
    expect([first.text, second.text].some((t) => t.includes('Đã chuyển tiếp cho đơn vị trực thuộc'))).toBe(true);
    const again = await forward(link, lines(COMMUNES));
    expect(again.status).toBe(200);
    expect(again.text).toContain(ALREADY_DONE);
    const other = await forward(link, lines([VILLAGE]));
    expect(other.status).toBe(409);
    expect(other.text).toContain('mỗi nhiệm vụ được chuyển tiếp một lần');
    await rt.settle();
    for (const c of COMMUNES) {
      const mails = await rt.mailsTo(c.email);
      expect(mails, c.email).toHaveLength(1);
      commune.push(linkOf(mails[0] as Mail).path);
    }
    expect(new Set(commune).size).toBe(3);
    // The child is no official's: it is on no list.
    const listed = await rt.call<{ directives: { id: string }[] }>('GET', '/api/directives');
    expect(listed.json.directives.map((d) => d.id)).toEqual([id]);
    await expectRollUp(0, 0, 0);
  });

  it('rolls up as the communes acknowledge and report', async () => {
    expect((await rt.form(`${commune[0]}/acknowledge`)).status).toBe(200);
    await expectRollUp(1, 0, 0);
    const report = await rt.form(`${commune[0]}/report`, {
      taskCode: code,
      summary: 'Xã Ia Blang đã rà soát 12 trạm BTS.',
    });
    expect(report.status, report.text.slice(0, 300)).toBe(200);
    await expectRollUp(1, 1, 0);
    expect((await rt.form(`${commune[1]}/acknowledge`)).status).toBe(200);
    await expectRollUp(2, 1, 0);
  });

  it('a commune forwards again, and the chain links down from the district', async () => {
    const r = await forward(commune[1] ?? '', lines([VILLAGE]), '2026-03-09');
    expect(r.status, r.text.slice(0, 300)).toBe(200);
    await rt.settle();
    expect(await rt.mailsTo(VILLAGE.email)).toHaveLength(1);
    const units = await rt.open(`${link}/forwarded`);
    expect(units.status).toBe(200);
    for (const c of COMMUNES) expect(units.text).toContain(c.name);
    expect(units.text).toContain('Xã Ia Blang đã rà soát 12 trạm BTS.');
    expect(units.text).toContain('1 đơn vị: 0 đã nhận, 0 hoàn thành, 0 quá hạn');
    const down = /href="([^"]*\/forwarded\?down=dv-2)"/.exec(units.text)?.[1]?.replaceAll('&amp;', '&');
    expect(down).toBeDefined();
    const village = await rt.open(down ?? '');
    expect(village.status).toBe(200);
    expect(village.text).toContain(VILLAGE.name);
    expect(village.text).toContain(COMMUNES[1].name);
    // The roll-up counts direct units only; the link reaches nothing that is not below it.
    await expectRollUp(2, 1, 0);
    expect((await rt.open(`${link}/forwarded?down=dv-1`)).status).toBe(404);
    expect((await rt.open(`${commune[0]}/forwarded`)).status).toBe(404);
  });

  it('a late commune is escalated to the district, not to the office’s director', async () => {
    const report = await rt.form(`${commune[1]}/report`, { taskCode: code, summary: 'Xã Ia Pal đã hoàn thành.' });
    expect(report.status).toBe(200);
    await rt.advanceTo(hanoi('2026-03-10T17:30'));
    await expectRollUp(2, 2, 1);
    const late = (await rt.outbox()).filter(
      (m) => m.subject.startsWith('Quá hạn') && m.subject.includes(COMMUNES[2].name),
    );
    expect(late.length).toBeGreaterThan(0);
    for (const m of late) {
      expect(m.to).toContain(district.email);
      expect(m.to).not.toContain(GIAM_DOC.email);
    }
    // The leadership digest of the late communes goes to the district too, and nothing of them to the director.
    const digests = (await rt.mailsTo(district.email)).filter((m) => m.subject.startsWith('Tổng hợp ngày'));
    expect(digests.some((m) => mailText(m).includes(COMMUNES[2].name))).toBe(true);
    const director = await rt.mailsTo(GIAM_DOC.email);
    expect(director.filter((m) => COMMUNES.some((c) => mailText(m).includes(c.name)))).toEqual([]);
  });

  it('the district starts its report from its communes’ reports', async () => {
    const page = await rt.open(link);
    expect(page.text).toContain('Tổng hợp từ báo cáo của đơn vị');
    const summarized = await rt.open(`${link}?summarize=1`);
    const textarea = /<textarea[^>]*name="summary"[^>]*>([\s\S]*?)<\/textarea>/.exec(summarized.text)?.[1] ?? '';
    expect(textarea).toContain(`- ${COMMUNES[0].name}: Xã Ia Blang đã rà soát 12 trạm BTS.`);
    expect(textarea).toContain(`- ${COMMUNES[1].name}: Xã Ia Pal đã hoàn thành.`);
    expect(textarea).toContain(`- ${COMMUNES[2].name}: (chưa báo cáo)`);
    const summary = textarea.replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&');
    const sent = await rt.form(`${link}/report`, { taskCode: code, summary });
    expect(sent.status).toBe(200);
    const a = (await rt.directive(id)).assignments.find((x) => x.recipientId === district.id);
    expect(a?.status).toBe('COMPLETED');
    expect(a?.reports[0]?.summary).toContain(COMMUNES[0].name);
  });
});
