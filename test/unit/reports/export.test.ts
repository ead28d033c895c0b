import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { statisticsTables } from '#core/statistics.ts';
import {
  AGENCY_HEADERS,
  DETAIL_HEADERS,
  DIRECTIVE_HEADERS,
  directiveStatisticsCsv,
  excelDateTime,
  statisticsCsv,
  statisticsWorkbook,
} from '#documents/export.ts';
import { items, JANUARY, NOW } from './fixtures.ts';

const tables = statisticsTables(items(), JANUARY, NOW);
const options = { title: 'THỐNG KÊ TÌNH HÌNH THỰC HIỆN CÔNG VĂN CHỈ ĐẠO', period: JANUARY, generatedAt: NOW };

const load = async (buffer: Buffer) => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as Parameters<ExcelJS.Xlsx['load']>[0]);
  return wb;
};

const rowValues = (ws: ExcelJS.Worksheet, row: number) => (ws.getRow(row).values as ExcelJS.CellValue[]).slice(1);

describe('statisticsWorkbook', async () => {
  const buffer = await statisticsWorkbook(tables, options);
  const wb = await load(buffer);
  const sheet = (name: string) => {
    const ws = wb.getWorksheet(name);
    if (!ws) throw new Error(`no sheet ${name}`);
    return ws;
  };

  it('is an XLSX file (a ZIP) with the three sheets', () => {
    expect(buffer.subarray(0, 2).toString('latin1')).toBe('PK');
    expect(wb.worksheets.map((ws) => ws.name)).toEqual(['Theo đơn vị', 'Theo công văn', 'Chi tiết']);
  });

  it('leaves out the sheets whose rows are not given', async () => {
    const only = await load(await statisticsWorkbook({ byAgency: tables.byAgency }, options));
    expect(only.worksheets.map((ws) => ws.name)).toEqual(['Theo đơn vị']);
  });

  it('opens with the title, the period and when the figures were taken', () => {
    const ws = sheet('Theo đơn vị');
    expect(ws.getCell('A1').value).toBe(options.title);
    expect(ws.getCell('A2').value).toBe('Công văn ban hành từ ngày 01/01/2021 đến ngày 31/01/2021');
    expect(ws.getCell('A3').value).toBe('Số liệu tính đến 10 giờ 00 ngày 05/02/2021');
    expect(ws.getCell('A1').isMerged).toBe(true);
  });

  it('has the Vietnamese headers, frozen, with column widths', () => {
    const ws = sheet('Theo đơn vị');
    expect(rowValues(ws, 5)).toEqual(AGENCY_HEADERS);
    for (const header of [
      'Đơn vị',
      'Đang thực hiện trong hạn',
      'Đang thực hiện quá hạn',
      'Hoàn thành đúng hạn',
      'Hoàn thành quá hạn',
      'Tổng',
      'Tỷ lệ đúng hạn',
    ])
      expect(AGENCY_HEADERS).toContain(header);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 5, xSplit: 2 });
    expect(ws.getColumn(2).width).toBe(42);
    expect(ws.getColumn(3).width).toBeGreaterThan(10);
    expect(rowValues(sheet('Theo công văn'), 5)).toEqual(DIRECTIVE_HEADERS);
    expect(rowValues(sheet('Chi tiết'), 5)).toEqual(DETAIL_HEADERS);
  });

  it('has one row per agency with numbers as numbers, then the total row', () => {
    const ws = sheet('Theo đơn vị');
    expect(rowValues(ws, 6)).toEqual([1, 'Bộ Chỉ huy Quân sự tỉnh', 1, 0, 1, 0, 0, 0, 2, 1]);
    expect(rowValues(ws, 7)).toEqual([2, 'Công an tỉnh', 0, 1, 0, 0, 1, 0, 2, 0]);
    expect(rowValues(ws, 8)).toEqual([3, 'Công ty Điện lực Gia Lai', 0, 0, 1, 1, 0, 0, 2, 0.5]);
    expect(rowValues(ws, 9)).toEqual([undefined, 'Tổng cộng', 1, 1, 2, 1, 1, 0, 6, 0.5]);
    expect(ws.getCell('C6').type).toBe(ExcelJS.ValueType.Number);
    // title, period, as-of, blank, header, 3 agencies, total, blank, the note on the rate
    expect(ws.rowCount).toBe(11);
    expect(String(ws.getCell('A11').value)).toContain('đang thực hiện quá hạn được tính là không đúng hạn');
  });

  it('writes the rate as a number with a percentage format', () => {
    const cell = sheet('Theo đơn vị').getCell('J8');
    expect(cell.type).toBe(ExcelJS.ValueType.Number);
    expect(cell.value).toBe(0.5);
    expect(cell.numFmt).toBe('0.0%');
    const d126 = sheet('Theo công văn').getCell('L7');
    expect(d126.value).toBeCloseTo(1 / 3, 12);
    expect(d126.numFmt).toMatch(/%$/);
  });

  it('writes the issue date as a real date, dd/mm/yyyy', () => {
    const ws = sheet('Theo công văn');
    expect(rowValues(ws, 6).slice(0, 2)).toEqual([1, '125/STTTT-BCVT']);
    const cell = ws.getCell('C7');
    expect(cell.type).toBe(ExcelJS.ValueType.Date);
    expect(cell.value).toBeInstanceOf(Date);
    expect((cell.value as Date).toISOString()).toBe('2021-01-30T00:00:00.000Z');
    expect(cell.numFmt).toBe('dd/mm/yyyy');
  });

  it('lists each assignment with deadlines and submission times as Hà Nội wall times', () => {
    const ws = sheet('Chi tiết');
    expect(ws.rowCount).toBe(5 + 6 + 2);
    const late = rowValues(ws, 11); // 126, Công ty Điện lực Gia Lai
    expect(late.slice(0, 5)).toEqual([
      6,
      '126/STTTT-BCVT',
      new Date('2021-01-30T00:00:00Z'),
      'Công ty Điện lực Gia Lai',
      '2.2',
    ]);
    const deadline = ws.getCell('F11');
    expect(deadline.type).toBe(ExcelJS.ValueType.Date);
    // 17:00 in Hà Nội (10:00 UTC) is written as 17:00: Excel dates have no zone.
    expect((deadline.value as Date).toISOString()).toBe('2021-02-03T17:00:00.000Z');
    expect(deadline.numFmt).toBe('dd/mm/yyyy hh:mm');
    const submitted = ws.getCell('I11');
    expect(submitted.type).toBe(ExcelJS.ValueType.Date);
    expect((submitted.value as Date).toISOString()).toBe('2021-02-04T09:30:00.000Z');
    expect(late.slice(9)).toEqual(['Hoàn thành', 'Hoàn thành quá hạn', 'Quá hạn', 0]);
    const overdue = rowValues(ws, 10);
    expect(overdue[3]).toBe('Công an tỉnh');
    expect(overdue[8]).toBeUndefined();
    expect(overdue.slice(9)).toEqual(['Đã xác nhận', 'Đang thực hiện, quá hạn', undefined, 1]);
  });

  it('converts an instant to its Hà Nội wall time', () => {
    expect(excelDateTime('2021-02-03T10:00:00.000Z').toISOString()).toBe('2021-02-03T17:00:00.000Z');
    expect(excelDateTime('2021-01-31T20:00:00.000Z').toISOString()).toBe('2021-02-01T03:00:00.000Z');
  });
});

describe('statisticsCsv', () => {
  const csv = statisticsCsv(tables.byAgency);

  it('starts with a UTF-8 BOM and uses CRLF', () => {
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(Buffer.from(csv, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(csv).toContain('\r\n');
  });

  it('has the header and one row per agency, Vietnamese intact', () => {
    const lines = csv.slice(1).trimEnd().split('\r\n');
    expect(lines).toEqual([
      'Mã đơn vị,Đơn vị,Đang thực hiện trong hạn,Đang thực hiện quá hạn,Hoàn thành đúng hạn,Hoàn thành quá hạn,Đã thu hồi,Không gửi được,Tổng,Tỷ lệ đúng hạn (%)',
      'bchqs-tinh,Bộ Chỉ huy Quân sự tỉnh,1,0,1,0,0,0,2,100.0',
      'cong-an-tinh,Công an tỉnh,0,1,0,0,1,0,2,0.0',
      'dien-luc,Công ty Điện lực Gia Lai,0,0,1,1,0,0,2,50.0',
    ]);
  });

  it('quotes what needs quoting and defuses formulas', () => {
    const [row] = tables.byAgency;
    if (!row) throw new Error('no row');
    const odd = statisticsCsv([
      { ...row, recipientName: 'Ủy ban nhân dân các huyện, thị xã, thành phố' },
      { ...row, recipientName: '=HYPERLINK("x")', onTimeRate: null },
    ]);
    const records = parse(odd, { bom: true }) as string[][];
    expect(records[1]?.[1]).toBe('Ủy ban nhân dân các huyện, thị xã, thành phố');
    expect(odd).toContain('"Ủy ban nhân dân các huyện, thị xã, thành phố"');
    expect(records[2]?.[1]).toBe('\'=HYPERLINK("x")');
    expect(records[2]?.[9]).toBe('');
  });
});

describe('directiveStatisticsCsv', () => {
  it('writes the issue date as dd/mm/yyyy and quotes the subject', () => {
    const csv = directiveStatisticsCsv(tables.byDirective);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const records = parse(csv, { bom: true }) as string[][];
    expect(records[0]?.slice(0, 3)).toEqual(['Số, ký hiệu', 'Ngày ban hành', 'Trích yếu']);
    expect(records.slice(1).map((r) => [r[0], r[1], r[records[0]?.length ? records[0].length - 1 : 0]])).toEqual([
      ['125/STTTT-BCVT', '30/01/2021', '100.0'],
      ['126/STTTT-BCVT', '30/01/2021', '33.3'],
    ]);
    expect(records[2]?.[2]).toBe(tables.byDirective[1]?.subject);
    expect(csv).toContain('"V/v đảm bảo thông tin liên lạc');
  });
});
