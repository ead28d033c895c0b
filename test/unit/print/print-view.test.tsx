import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { OFFICIAL_PAGES, pathTo } from '#contracts/routes.ts';
import type { Assignment } from '#core/assignment/model.ts';
import type { StoredDirective } from '#core/directive.ts';
import { statusSheetOf } from '#core/status-sheet.ts';
import { handler as officialPages } from '#handlers/http/official-pages.tsx';
import { PrintPage } from '#web/officials/print-page.tsx';
import { renderDocument } from '#web/render.tsx';
import { lambdaContext } from '../../support/events.ts';
import { deliverAndWait, httpEvent, issue, OFFICIAL, postAcknowledge, resetMocks } from '../support/harness.ts';

/**
 * "Bản in tình hình thực hiện": the status sheet an official takes to a meeting. Its lines and counts (pure), the
 * page (letterhead, title, the directive, as of when, the counts, the table, overdue first), a directive to 5,000
 * agencies, and the route, which reads the whole directive and answers only to the directive's office.
 */

const NOW = '2026-03-10T03:00:00.000Z'; // 10:00 in Hà Nội
const DAY = 86_400_000;
const at = (days: number) => new Date(Date.parse(NOW) + days * DAY).toISOString();

type Read = Parameters<typeof statusSheetOf>[0][number];
const agency = (id: string, name: string, over: Partial<Assignment> = {}): Read => ({
  recipientId: id,
  recipientName: name,
  status: 'ACKNOWLEDGED',
  acknowledgedAt: at(-6),
  reports: { '1.3': { taskCode: '1.3', deadline: at(3) } },
  ...over,
});

const AGENCIES: Read[] = [
  agency('da-xong', 'Sở Y tế', {
    status: 'COMPLETED',
    outcome: 'ON_TIME',
    reports: { '1.3': { taskCode: '1.3', deadline: at(-1), submittedAt: at(-2) } },
  }),
  agency('tre', 'Công an tỉnh', { reports: { '1.3': { taskCode: '1.3', deadline: at(-3) } } }),
  agency('tre-it', 'Bộ Chỉ huy Quân sự tỉnh', {
    reports: { '1.3': { taskCode: '1.3', deadline: at(-0.5) } },
    extensionRequests: {
      '1.3': { taskCode: '1.3', requestedAt: at(-1), until: '2026-03-20T10:00:00.000Z', reason: 'x' },
    },
  }),
  agency('chua-nhan', 'Công ty Điện lực', { status: 'DELIVERED', acknowledgedAt: undefined, ackDeadline: at(1) }),
  agency('huy', 'Sở Tài chính', { status: 'CANCELLED' }),
  agency('loi', 'UBND huyện Ia Grai', { status: 'DELIVERY_FAILED', acknowledgedAt: undefined }),
];

const DIRECTIVE = {
  id: '01JTESTPRINT0000000000000',
  number: '126/STTTT-BCVT',
  issuer: 'Sở Thông tin và Truyền thông',
  issuerParent: 'UBND tỉnh Gia Lai',
  issuedOn: '2026-03-02',
  subject: 'V/v triển khai các biện pháp bảo đảm an toàn thông tin',
} as unknown as StoredDirective;

describe('the status sheet', () => {
  it('puts overdue agencies first, longest overdue on top, and counts the four, the unacknowledged and the ends', () => {
    const { lines, counts } = statusSheetOf(AGENCIES, NOW);
    expect(lines.map((l) => l.recipientId)).toEqual(['tre', 'tre-it', 'chua-nhan', 'da-xong', 'loi', 'huy']);
    expect(lines[0]?.overdueDays).toBe(3);
    expect(lines[1]?.overdueDays).toBe(1);
    expect(lines[1]?.extensionsAsked).toEqual(['2026-03-20T10:00:00.000Z']);
    expect(lines[3]).toMatchObject({ bucket: 'completedOnTime', reported: 1, owed: 1, lastReportAt: at(-2) });
    expect(counts).toEqual({
      inProgressOnTime: 1,
      inProgressOverdue: 2,
      completedOnTime: 1,
      completedLate: 0,
      cancelled: 1,
      deliveryFailed: 1,
      notAcknowledged: 1,
    });
  });
});

const page = (read: Read[], lang: 'vi' | 'en' = 'vi') =>
  renderDocument(<PrintPage lang={lang} directive={DIRECTIVE} {...statusSheetOf(read, NOW)} now={NOW} />);

/** The text of each row of the table, cells joined with |. */
const rows = (html: string) =>
  [...(html.split('<tbody>')[1] ?? '').matchAll(/<tr[^>]*>(.*?)<\/tr>/g)].map((m) =>
    [...(m[1] ?? '').matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((c) => c[1]).join('|'),
  );

describe('the print page', () => {
  it('carries the letterhead, the title, the directive, the time it is true at and the counts', () => {
    const html = page(AGENCIES);
    expect(html).toContain('<html lang="vi">');
    expect(html).toContain('UBND tỉnh Gia Lai');
    expect(html).toContain('<strong>Sở Thông tin và Truyền thông</strong>');
    expect(html).toContain('<h1 id="sheet-title">BẢN IN TÌNH HÌNH THỰC HIỆN</h1>');
    expect(html).toContain('Công văn số 126/STTTT-BCVT ngày 02/03/2026');
    expect(html).toContain('V/v triển khai các biện pháp bảo đảm an toàn thông tin');
    expect(html).toContain('Tính đến 10:00 ngày 10/03/2026');
    for (const [n, label] of [
      [1, 'Đang thực hiện, trong hạn'],
      [2, 'Đang thực hiện, quá hạn'],
      [1, 'Hoàn thành đúng hạn'],
      [0, 'Hoàn thành quá hạn'],
      [1, 'Chưa báo nhận'],
      [1, 'Đã huỷ'],
      [1, 'Không gửi được'],
    ] as const)
      expect(html).toContain(`<li><strong>${n}</strong>${label}</li>`);
  });

  it('numbers the agencies, overdue first, with the acknowledgement, the report, the status and the notes', () => {
    const html = page(AGENCIES);
    for (const th of ['STT', 'Đơn vị', 'Báo nhận', 'Báo cáo (ngày)', 'Tình trạng', 'Ghi chú'])
      expect(html).toContain(`<th scope="col">${th}</th>`);
    expect(rows(html)).toEqual([
      '1|Công an tỉnh|04/03/2026|Chưa|Đang thực hiện, quá hạn|Quá hạn 3 ngày',
      '2|Bộ Chỉ huy Quân sự tỉnh|04/03/2026|Chưa|Đang thực hiện, quá hạn|Quá hạn 1 ngày; Xin gia hạn đến 20/03/2026',
      '3|Công ty Điện lực|Chưa|Chưa|Đang thực hiện, trong hạn|',
      '4|Sở Y tế|04/03/2026|08/03/2026|Hoàn thành đúng hạn|',
      '5|UBND huyện Ia Grai|Chưa|Chưa|Không gửi được|',
      '6|Sở Tài chính|04/03/2026|Chưa|Đã huỷ|',
    ]);
  });

  it('has no navigation: a print button for the script to show, a way back, neither printed', () => {
    const html = page(AGENCIES);
    expect(html).not.toContain('<nav');
    expect(html).not.toContain('class="topbar"');
    expect(html).toContain(
      '<p class="sheet-tools no-print"><button type="button" data-print="true" hidden>In</button>',
    );
    expect(html).toContain(`<a href="/directives/${DIRECTIVE.id}">Quay lại</a>`);
    expect(html).toContain('@page{size:A4 portrait');
  });

  it('is in English under ?lang=en', () => {
    const html = page(AGENCIES, 'en');
    expect(html).toContain('IMPLEMENTATION STATUS');
    expect(html).toContain('As of 10:00 on 10/03/2026');
    expect(html).toContain('Overdue by 3 days');
  });

  it('holds a directive to 5,000 agencies: one page, every agency numbered, a few megabytes at most', () => {
    const many = Array.from({ length: 5000 }, (_, i) =>
      agency(
        `don-vi-${i}`,
        `UBND xã số ${i + 1}`,
        i % 7 === 0 ? { reports: { '1.3': { taskCode: '1.3', deadline: at(-2) } } } : {},
      ),
    );
    const started = performance.now();
    const html = page(many);
    const ms = performance.now() - started;
    expect(rows(html)).toHaveLength(5000);
    expect(rows(html)[0]).toMatch(/^1\|UBND xã số \d+\|.*Quá hạn 2 ngày$/);
    expect(rows(html)[4999]).toMatch(/^5000\|/);
    expect(html).toContain('Tổng số đơn vị nhận: 5.000');
    expect(Buffer.byteLength(html)).toBeLessThan(2_000_000);
    expect(ms).toBeLessThan(5_000);
  });
});

describe('GET /directives/{id}/print', () => {
  beforeEach(() => {
    resetMocks();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  const get = (routeKey: string, id: string, claims: Record<string, string>) =>
    officialPages(httpEvent({ routeKey, pathParameters: { id }, claims }) as never, lambdaContext) as Promise<{
      statusCode: number;
      body: string;
    }>;
  const print = (id: string, claims: Record<string, string>) => get(OFFICIAL_PAGES.print, id, claims);

  it("reads every agency of the office's directive; another office's directive is not found", async () => {
    const { id } = await issue();
    const { token } = await deliverAndWait(id, 'cong-an');
    expect((await postAcknowledge(token)).statusCode).toBe(200);

    const answer = await print(id, { ...OFFICIAL });
    expect(answer.statusCode).toBe(200);
    expect(answer.body).toContain('BẢN IN TÌNH HÌNH THỰC HIỆN');
    expect(rows(answer.body)).toHaveLength(3);
    expect(answer.body).toContain('<li><strong>2</strong>Chưa báo nhận</li>');

    const elsewhere = await print(id, { ...OFFICIAL, sub: 'official-2', 'custom:office': 'so-khac' });
    expect(elsewhere.statusCode).toBe(404);
    expect(elsewhere.body).not.toContain('BẢN IN');
  });

  it('the dashboard links to it', async () => {
    const { id } = await issue();
    const dashboard = await get(OFFICIAL_PAGES.dashboard, id, { ...OFFICIAL });
    expect(dashboard.statusCode).toBe(200);
    expect(dashboard.body).toContain(
      `<p class="no-print"><a href="${pathTo(OFFICIAL_PAGES.print, { id })}">Bản in</a></p>`,
    );
  });
});
