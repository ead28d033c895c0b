import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ALREADY_DONE,
  type AssignmentDetail,
  giaLaiDirective,
  hanoi,
  linkOf,
  noticeOf,
  type Recipient,
  type Runtime,
  recipients,
  startRuntime,
  taskCodeOf,
} from '../support/runtime.ts';
import { officialsOf, WebSession } from '../support/web-session.ts';

/**
 * An agency corrects its report before the deadline, over the real `npm start` runtime: Ủy ban nhân dân thành phố
 * Pleiku reports on Wednesday with a file, sees its report on its page, corrects it on Thursday with a new file;
 * the API's history keeps both versions (each readable, each file downloadable through the agency's link), the
 * report still counts as sent on Wednesday and on time, and the dashboard shows the latest version marked
 * "đã sửa". Once the deadline (Friday 17:00) has passed on the virtual clock the form is gone and a POST is refused
 * with a 4xx page, nothing stored.
 */

type HistoryWithReports = AssignmentDetail['history'][number] & {
  report?: { id: string; submittedAt: string; summary: string; attachment: { name: string; size: number } | null };
};

const FIRST = 'Thành phố Pleiku báo cáo: đã rà soát 12 trạm BTS; đầu mối là Phòng Văn hóa và Thông tin.';
const SECOND =
  'Thành phố Pleiku báo cáo (bản sửa): đã rà soát 14 trạm BTS, không phải 12; đầu mối là Phòng Văn hóa và Thông tin.';
const FIRST_FILE = Buffer.from('Bảng số liệu, bản 1\n12 trạm\n', 'utf8');
const SECOND_FILE = Buffer.from('Bảng số liệu, bản 2\n14 trạm\n', 'utf8');

describe('an agency corrects its report until the deadline', () => {
  let rt: Runtime;
  let id: string;
  let link: string;
  const [agency] = recipients('ubnd-pleiku') as [Recipient];
  const taskCode = taskCodeOf(agency.id) ?? '';
  const deadline = hanoi('2026-03-06T17:00');

  /** multipart/form-data, as the page's forms post (one optional file). */
  const postForm = async (
    path: string,
    fields: Record<string, string>,
    file?: { bytes: Buffer; name: string },
    headers: Record<string, string> = {},
  ) => {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    if (file) form.append('file', new Blob([new Uint8Array(file.bytes)], { type: 'text/plain' }), file.name);
    const r = await fetch(rt.base + path, { method: 'POST', redirect: 'manual', body: form, headers });
    return { status: r.status, text: await r.text() };
  };
  const replacesOn = (html: string) => /<input type="hidden" name="replaces" value="([^"]+)"/.exec(html)?.[1];
  const reportLinksOn = (html: string) =>
    [...html.matchAll(/href="(\/r\/[^"]+\/reports\/([^"]+))"/g)].map((m) => ({ href: m[1] ?? '', id: m[2] ?? '' }));
  const bytesOf = async (href: string) => {
    const r = await fetch(rt.base + href);
    return {
      status: r.status,
      body: Buffer.from(await r.arrayBuffer()),
      disposition: r.headers.get('content-disposition'),
    };
  };
  const history = async () => (await rt.assignment(id, agency.id)).history as HistoryWithReports[];

  beforeAll(async () => {
    rt = await startRuntime();
    id = (await rt.issue(giaLaiDirective({ now: await rt.clock(), recipients: [agency], deadline }))).id;
    await rt.settle();
    const [invitation] = await rt.mailsTo(agency.email);
    if (!invitation) throw new Error(`no invitation\n${rt.log()}`);
    link = linkOf(invitation).path;
  });

  afterAll(async () => {
    await rt?.dispose();
  });

  it('after reporting, the page shows the report: its text, its time and its file through the agency’s link', async () => {
    const sent = await postForm(
      `${link}/report`,
      { taskCode, summary: FIRST },
      { bytes: FIRST_FILE, name: 'số liệu 1.txt' },
    );
    expect(sent.status, sent.text.slice(0, 400)).toBe(200);
    await rt.settle();
    const page = await rt.open(link);
    expect(page.text).toContain(FIRST);
    expect(page.text).toContain('Báo cáo đã gửi: Gửi lúc 09:00 04/03/2026');
    const [file] = reportLinksOn(page.text);
    expect(file).toBeDefined();
    const download = await bytesOf(file?.href ?? '');
    expect(download.status).toBe(200);
    expect(download.body.equals(FIRST_FILE)).toBe(true);
    expect(download.disposition).toContain("filename*=UTF-8''s%E1%BB%91%20li%E1%BB%87u%201.txt");
    // HEAD answers as GET does, without the bytes; neither records anything.
    expect((await rt.open(file?.href ?? '', 'HEAD')).status).toBe(200);
    expect((await history()).map((e) => e.type)).not.toContain('REPORT_CORRECTED');
  });

  it('a file id the agency did not send is not found under its link', async () => {
    expect((await rt.open(`${link}/reports/AAAAAAAAAA`)).status).toBe(404);
    expect((await rt.open(`${link}/reports/..%2F..%2Fx`)).status).toBe(404);
  });

  it('a correction posted from another site is refused, and nothing is stored', async () => {
    const page = await rt.open(link);
    const r = await postForm(
      `${link}/correct`,
      { taskCode, replaces: replacesOn(page.text) ?? '', summary: SECOND },
      undefined,
      { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
    );
    expect(r.status).toBe(403);
    expect((await history()).map((e) => e.type)).not.toContain('REPORT_CORRECTED');
  });

  it('the agency corrects it on Thursday: the page shows the new version first and the first one below', async () => {
    await rt.advanceTo(hanoi('2026-03-05T10:30'));
    const page = await rt.open(link);
    expect(page.text).toContain('Sửa báo cáo');
    const replaces = replacesOn(page.text) ?? '';
    expect(replaces).not.toBe('');
    const r = await postForm(
      `${link}/correct`,
      { taskCode, replaces, summary: SECOND },
      { bytes: SECOND_FILE, name: 'số liệu 2.txt' },
    );
    expect(r.status, r.text.slice(0, 400)).toBe(200);
    expect(noticeOf(r.text)).toBe(`Đã sửa báo cáo nhiệm vụ ${taskCode}`);
    const after = await rt.open(link);
    expect(after.text.indexOf(SECOND)).toBeGreaterThan(-1);
    expect(after.text.indexOf(FIRST)).toBeGreaterThan(after.text.indexOf(SECOND));
    expect(after.text).toContain('đã sửa 10:30 05/03/2026');
    expect(after.text).toContain('Các bản trước (1)');
    // Both files, each version's own, through the agency's link.
    const files = reportLinksOn(after.text);
    expect(files).toHaveLength(2);
    const bodies = await Promise.all(files.map((f) => bytesOf(f.href)));
    expect(bodies.map((b) => b.body.toString('utf8'))).toEqual([
      SECOND_FILE.toString('utf8'),
      FIRST_FILE.toString('utf8'),
    ]);
  });

  it('the API history keeps both versions; the report still counts as sent on Wednesday, on time', async () => {
    const a = await rt.assignment(id, agency.id);
    const events = a.history as HistoryWithReports[];
    const reported = events.find((e) => e.type === 'REPORTED');
    const corrected = events.filter((e) => e.type === 'REPORT_CORRECTED');
    expect(corrected).toHaveLength(1);
    expect(reported?.report).toMatchObject({ summary: FIRST, attachment: { name: 'số liệu 1.txt' } });
    expect(corrected[0]?.report).toMatchObject({ summary: SECOND, attachment: { name: 'số liệu 2.txt' } });
    expect(corrected[0]?.previousReportId).toBe(reported?.reportId);
    expect(corrected[0]?.at).toBe(hanoi('2026-03-05T10:30'));
    const [slot] = a.reports;
    expect(slot).toMatchObject({
      summary: SECOND,
      submittedAt: hanoi('2026-03-04T09:00'),
      late: false,
      correctedAt: hanoi('2026-03-05T10:30'),
      corrections: 1,
    });
    expect(a.status).toBe('COMPLETED');
    expect(a.outcome).toBe('ON_TIME');
  });

  it('the same form posted again (a double click) reads as already done, and stores nothing', async () => {
    const before = await history();
    const oldPage = reportLinksOn((await rt.open(link)).text);
    // The form as first shown named the first version: that is what a second click sends.
    const first = before.find((e) => e.type === 'REPORTED')?.reportId ?? '';
    const r = await postForm(`${link}/correct`, { taskCode, replaces: first, summary: `${SECOND} (lần 2)` });
    expect(r.status).toBe(200);
    expect(noticeOf(r.text)).toBe(ALREADY_DONE);
    expect(await history()).toEqual(before);
    expect(reportLinksOn((await rt.open(link)).text)).toEqual(oldPage);
  });

  it('a correction that changes nothing is refused with a 400 that says so', async () => {
    const page = await rt.open(link);
    const r = await postForm(`${link}/correct`, { taskCode, replaces: replacesOn(page.text) ?? '', summary: SECOND });
    expect(r.status).toBe(400);
    expect(r.text).toContain('Bản sửa giống hệt báo cáo đang có');
  });

  it('the dashboard shows the latest version, marked “đã sửa”', async () => {
    const [official] = officialsOf(rt);
    const browser = new WebSession(rt);
    await browser.signIn(official?.email ?? '', official?.password ?? '');
    const dashboard = await browser.get(`/directives/${id}`);
    expect(dashboard.status).toBe(200);
    expect(dashboard.text).toContain(SECOND);
    expect(dashboard.text).not.toContain(FIRST);
    expect(dashboard.text).toContain('đã sửa 10:30 05/03/2026');
  });

  it('after the deadline the form is gone and a correction is refused with a 409 page, nothing stored', async () => {
    const page = await rt.open(link);
    const replaces = replacesOn(page.text) ?? '';
    await rt.advanceTo(hanoi('2026-03-06T17:01'));
    const closed = await rt.open(link);
    expect(replacesOn(closed.text)).toBeUndefined();
    expect(closed.text).toContain('Đã quá hạn báo cáo (17:00 06/03/2026)');
    const before = await history();
    const r = await postForm(`${link}/correct`, { taskCode, replaces, summary: `${SECOND} Bổ sung sau hạn.` });
    expect(r.status).toBe(409);
    expect(r.text).toContain('không sửa được báo cáo nữa');
    expect(await history()).toEqual(before);
    const a = await rt.assignment(id, agency.id);
    expect(a.reports[0]).toMatchObject({ summary: SECOND, late: false });
    expect(a.outcome).toBe('ON_TIME');
  });
});
