import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  giaLaiDirective,
  hanoi,
  linkOf,
  mailsTo,
  mailText,
  type Recipient,
  type Runtime,
  recipients,
  reportFields,
  startRuntime,
  toSecond,
} from '../support/runtime.ts';

type Row = {
  inProgressOnTime: number;
  inProgressOverdue: number;
  completedOnTime: number;
  completedLate: number;
  cancelled: number;
  deliveryFailed: number;
  total: number;
  onTimeRate: number | null;
};
type Statistics = {
  period: { from: string; to: string };
  byAgency: (Row & { recipientId: string; recipientName: string })[];
  byDirective: (Row & { directiveId: string; number: string; issuedOn: string })[];
};

const zero = { inProgressOnTime: 0, inProgressOverdue: 0, completedOnTime: 0, completedLate: 0, cancelled: 0 };
const COUNT_HEADERS = [
  'Đang thực hiện trong hạn',
  'Đang thực hiện quá hạn',
  'Hoàn thành đúng hạn',
  'Hoàn thành quá hạn',
  'Đã thu hồi',
  'Không gửi được',
  'Tổng',
];
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The values of a worksheet row, from column 1 (ExcelJS keeps index 0 empty). */
const valuesOf = (ws: ExcelJS.Worksheet, row: number) => (ws.getRow(row).values as ExcelJS.CellValue[]).slice(1);

/**
 * Statistics and the urging letter, downloaded as an official would. Công văn 126 of 04/03/2026 goes to three
 * agencies, due Thursday 05/03 17:00: the police report on time, the army command late (Friday), Pleiku not at
 * all. Công văn 90, dated 20/02/2026 (outside March), goes to An Khê and Chư Sê, neither of which reports.
 * Figures are taken on Friday 06/03 at 10:00.
 */
describe('exports: statistics (JSON, XLSX, CSV) and the urging letter (DOCX)', () => {
  let rt: Runtime;
  let march: string;
  let february: string;
  const [onTime, late, overdue] = recipients('cong-an-tinh', 'bchqs-tinh', 'ubnd-pleiku') as [
    Recipient,
    Recipient,
    Recipient,
  ];
  const [anKhe, chuSe] = recipients('ubnd-an-khe', 'ubnd-chu-se') as [Recipient, Recipient];
  const deadline = hanoi('2026-03-05T17:00');
  const MARCH = 'from=2026-03-01&to=2026-03-31';
  let overdueLink: string;

  beforeAll(async () => {
    rt = await startRuntime();
    const now = await rt.clock();
    march = (await rt.issue(giaLaiDirective({ now, recipients: [onTime, late, overdue], deadline }))).id;
    february = (
      await rt.issue({
        ...giaLaiDirective({ now, number: '90/STTTT-BCVT', recipients: [anKhe, chuSe], deadline }),
        issuedOn: '2026-02-20',
      })
    ).id;
    await rt.settle();
    const mails = await rt.outbox();
    const link = (r: Recipient) => {
      const [invitation] = mailsTo(mails, r.email);
      if (!invitation) throw new Error(`no invitation to ${r.email}\n${rt.log()}`);
      return linkOf(invitation).path;
    };
    overdueLink = link(overdue);
    for (const r of [late, overdue, anKhe, chuSe]) await rt.form(`${link(r)}/acknowledge`);
    await rt.form(`${link(onTime)}/report`, reportFields(onTime));
    await rt.advanceTo(hanoi('2026-03-06T09:30'));
    const report = await rt.form(`${link(late)}/report`, reportFields(late));
    if (report.status !== 200) throw new Error(`late report → ${report.status}`);
    await rt.advanceTo(hanoi('2026-03-06T10:00'));
  });

  afterAll(async () => {
    await rt?.dispose();
  });

  it('the stored assignments and the outbox are what the figures say', async () => {
    expect(await rt.assignment(march, onTime.id)).toMatchObject({ status: 'COMPLETED', outcome: 'ON_TIME' });
    const l = await rt.assignment(march, late.id);
    expect(l).toMatchObject({ status: 'COMPLETED', outcome: 'LATE' });
    expect(l.history.find((e) => e.type === 'REPORTED')?.late).toBe(true);
    const o = await rt.assignment(march, overdue.id);
    expect(o).toMatchObject({ status: 'ACKNOWLEDGED', overdue: true, escalationLevel: 1 });
    expect(o.history.filter((e) => e.type === 'ESCALATED')).toMatchObject([{ level: 1, deadline }]);
    const escalations = (await rt.outbox()).filter(
      (m) => m.subject.startsWith('Quá hạn:') && mailText(m).includes(overdue.name),
    );
    expect(escalations.map((m) => toSecond(m.sentAt))).toEqual([toSecond(deadline)]);
  });

  it('GET /api/statistics: per agency and per directive, for the directives issued in the period', async () => {
    const r = await rt.call<Statistics>('GET', `/api/statistics?${MARCH}`);
    expect(r.status, r.text.slice(0, 300)).toBe(200);
    expect(r.json.period).toEqual({ from: '2026-03-01', to: '2026-03-31' });
    expect(r.json.byAgency).toEqual([
      expect.objectContaining({ recipientName: late.name, ...zero, completedLate: 1, total: 1, onTimeRate: 0 }),
      expect.objectContaining({ recipientName: onTime.name, ...zero, completedOnTime: 1, total: 1, onTimeRate: 1 }),
      expect.objectContaining({ recipientName: overdue.name, ...zero, inProgressOverdue: 1, total: 1, onTimeRate: 0 }),
    ]);
    expect(r.json.byDirective).toHaveLength(1);
    expect(r.json.byDirective[0]).toMatchObject({
      directiveId: march,
      number: '126/STTTT-BCVT',
      issuedOn: '2026-03-04',
      ...zero,
      inProgressOverdue: 1,
      completedOnTime: 1,
      completedLate: 1,
      total: 3,
    });
    expect(r.json.byDirective[0]?.onTimeRate).toBeCloseTo(1 / 3, 10);

    // February and March together: công văn 90 too, with its two overdue agencies.
    const both = await rt.call<Statistics>('GET', '/api/statistics?from=2026-02-01&to=2026-03-31');
    expect(both.json.byDirective.map((d) => [d.number, d.total, d.inProgressOverdue])).toEqual([
      ['90/STTTT-BCVT', 2, 2],
      ['126/STTTT-BCVT', 3, 1],
    ]);
    expect(both.json.byAgency).toHaveLength(5);
    expect((await rt.call('GET', '/api/statistics?from=2026-03-31&to=2026-03-01')).status).toBe(400);
  });

  it('format=xlsx: a real workbook with its three sheets, headers, rows and dates as dates', async () => {
    const r = await rt.download(`/api/statistics?${MARCH}&format=xlsx`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe(XLSX);
    expect(r.headers.get('content-disposition')).toContain('thong-ke-2026-03-01_2026-03-31.xlsx');
    expect(r.body.subarray(0, 2).toString('latin1')).toBe('PK');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.body as unknown as ArrayBuffer);
    expect(wb.worksheets.map((ws) => ws.name)).toEqual(['Theo đơn vị', 'Theo công văn', 'Chi tiết']);

    const agencies = wb.getWorksheet('Theo đơn vị') as ExcelJS.Worksheet;
    expect(String(agencies.getCell(1, 1).value)).toBe('Thống kê thực hiện công văn chỉ đạo');
    expect(valuesOf(agencies, 5)).toEqual(['STT', 'Đơn vị', ...COUNT_HEADERS, 'Tỷ lệ đúng hạn']);
    expect(valuesOf(agencies, 6)).toEqual([1, late.name, 0, 0, 0, 1, 0, 0, 1, 0]);
    expect(valuesOf(agencies, 7)).toEqual([2, onTime.name, 0, 0, 1, 0, 0, 0, 1, 1]);
    expect(valuesOf(agencies, 8)).toEqual([3, overdue.name, 0, 1, 0, 0, 0, 0, 1, 0]);
    const total = valuesOf(agencies, 9);
    expect(total.slice(1, 9)).toEqual(['Tổng cộng', 0, 1, 1, 1, 0, 0, 3]);
    expect(total[9]).toBeCloseTo(1 / 3, 10);

    const directives = wb.getWorksheet('Theo công văn') as ExcelJS.Worksheet;
    expect(valuesOf(directives, 5).slice(0, 4)).toEqual(['STT', 'Số, ký hiệu', 'Ngày ban hành', 'Trích yếu']);
    const row = valuesOf(directives, 6);
    expect(row[1]).toBe('126/STTTT-BCVT');
    expect(row[2]).toBeInstanceOf(Date);
    expect((row[2] as Date).toISOString()).toBe('2026-03-04T00:00:00.000Z');
    expect(row.slice(4, 11)).toEqual([0, 1, 1, 1, 0, 0, 3]);

    const details = wb.getWorksheet('Chi tiết') as ExcelJS.Worksheet;
    const header = valuesOf(details, 5);
    expect(header).toEqual([
      'STT',
      'Số, ký hiệu công văn',
      'Ngày ban hành',
      'Đơn vị',
      'Nhiệm vụ',
      'Hạn báo cáo',
      'Hạn từng nhiệm vụ',
      'Xác nhận lúc',
      'Báo cáo lúc',
      'Trạng thái',
      'Phân loại',
      'Kết quả',
      'Số lần cảnh báo',
    ]);
    const names = [6, 7, 8].map((n) => details.getCell(n, 4).value);
    expect(names).toEqual([late.name, onTime.name, overdue.name]);
    for (const n of [6, 7, 8]) {
      const due = details.getCell(n, header.indexOf('Hạn báo cáo') + 1).value;
      // The Hà Nội wall time, 17:00 on 05/03/2026, written as a date-time cell.
      expect(due).toBeInstanceOf(Date);
      expect((due as Date).toISOString()).toBe('2026-03-05T17:00:00.000Z');
    }
    const reportedAt = details.getCell(6, header.indexOf('Báo cáo lúc') + 1).value;
    expect((reportedAt as Date).toISOString()).toBe('2026-03-06T09:30:00.000Z');
    expect(details.getCell(8, header.indexOf('Báo cáo lúc') + 1).value).toBeNull();
    expect(details.getCell(8, header.indexOf('Số lần cảnh báo') + 1).value).toBe(1);
  });

  it('format=csv: UTF-8 with a BOM, one row per agency', async () => {
    const r = await rt.download(`/api/statistics?${MARCH}&format=csv`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^text\/csv/);
    expect([...r.body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = r.body.subarray(3).toString('utf8').trimEnd().split('\r\n');
    expect(lines[0]).toBe(`Mã đơn vị,Đơn vị,${COUNT_HEADERS.join(',')},Tỷ lệ đúng hạn (%)`);
    expect(lines.slice(1)).toEqual([
      `${late.id},${late.name},0,0,0,1,0,0,1,0.0`,
      `${onTime.id},${onTime.name},0,0,1,0,0,0,1,100.0`,
      `${overdue.id},${overdue.name},0,1,0,0,0,0,1,0.0`,
    ]);
  });

  it('urging letter: a DOCX naming the directive and its overdue agency only', async () => {
    const r = await rt.download(`/api/directives/${march}/urging-letter`);
    expect(r.status, r.body.toString('utf8').slice(0, 300)).toBe(200);
    expect(r.headers.get('content-type')).toBe(DOCX);
    expect(r.headers.get('content-disposition')).toContain('.docx');
    expect(r.body.subarray(0, 2).toString('latin1')).toBe('PK');
    const zip = await JSZip.loadAsync(r.body);
    const xml = await zip.file('word/document.xml')?.async('string');
    expect(xml).toBeDefined();
    expect(xml).toContain('126/STTTT-BCVT');
    expect(xml).toContain(`Kính gửi: `);
    expect(xml).toContain(overdue.name);
    expect(xml).toContain('17 giờ 00 ngày 05/03/2026');
    for (const done of [onTime, late]) expect(xml).not.toContain(done.name);
  });

  it('urging letter for several overdue agencies lists them all; none overdue → 400', async () => {
    const r = await rt.download(`/api/directives/${february}/urging-letter`);
    expect(r.status).toBe(200);
    const xml = (await (await JSZip.loadAsync(r.body)).file('word/document.xml')?.async('string')) ?? '';
    expect(xml).toContain('90/STTTT-BCVT');
    expect(xml).toContain(`- ${anKhe.name};`);
    expect(xml).toContain(`- ${chuSe.name}.`);

    // Once Pleiku reports, công văn 126 has nobody to urge.
    const report = await rt.form(`${overdueLink}/report`, reportFields(overdue));
    expect(report.status).toBe(200);
    await rt.settle();
    const none = await rt.call<{ error: string }>('GET', `/api/directives/${march}/urging-letter`);
    expect(none.status).toBe(400);
    expect(none.json.error).toBe('ValidationError');
  });
});
