import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { parseIso, startOfDay } from '#core/calendar/hanoi-time.ts';
import { formatCalendarDate, formatDateTime, formatHourWords } from '#core/calendar/time.ts';
import {
  type AgencyStatistics,
  type AssignmentDetail,
  type Counts,
  type CountsWithRate,
  type DirectiveStatistics,
  type Period,
  statisticsTotal,
} from '#core/statistics.ts';
import { subjectLine } from '#core/subject.ts';
import {
  BUCKET_LABELS,
  COUNT_HEADERS,
  OUTCOME_LABELS,
  RATE_HEADER,
  RATE_RULE,
  SHEETS,
  STATUS_LABELS,
} from './export-text.ts';

/**
 * The statistics as files an office files and forwards (issue 5, point 9): an XLSX workbook and a CSV.
 *
 * Excel dates carry no time zone: a cell holds a serial day number that Excel shows as is. Every date and time
 * is written as its wall time in Asia/Ho_Chi_Minh, so 17:00 in Hà Nội reads 17:00 on any computer. ExcelJS
 * turns a `Date` into that serial from its UTC fields, so the wall time is written as a UTC `Date`, and a date
 * read back from the file is a `Date` whose UTC fields are the Hà Nội wall time.
 */

export type StatisticsRows = {
  byAgency: AgencyStatistics[];
  /** Adds the sheet "Theo công văn". */
  byDirective?: DirectiveStatistics[];
  /** Adds the sheet "Chi tiết". */
  details?: AssignmentDetail[];
};

export type WorkbookOptions = {
  title: string;
  period: Period;
  /** ISO instant: when the figures were taken (the `now` the buckets were judged at). */
  generatedAt: string;
};

export { COUNT_HEADERS, RATE_HEADER, RATE_RULE, SHEETS };

const COUNT_KEYS = Object.keys(COUNT_HEADERS) as (keyof Counts)[];

export const DATE_FORMAT = 'dd/mm/yyyy';
export const DATE_TIME_FORMAT = 'dd/mm/yyyy hh:mm';
export const RATE_FORMAT = '0.0%';

/** The Hà Nội wall time of an instant, as the `Date` ExcelJS writes as that wall time. */
export const excelDateTime = (iso: string) => {
  const at = parseIso(iso) ?? Number.NaN;
  // The wall time is the instant seven hours on (Hà Nội has no daylight saving), to the second as Excel keeps it.
  return new Date(Math.floor(at / 1000) * 1000 + 7 * 3_600_000);
};

/** A calendar date (YYYY-MM-DD), as the `Date` ExcelJS writes as that day. */
export const excelDate = (ymd: string) => {
  const midnight = startOfDay(ymd);
  return new Date(midnight === undefined ? Number.NaN : midnight + 7 * 3_600_000);
};

const periodLine = (p: Period) =>
  `Công văn ban hành từ ngày ${formatCalendarDate(p.from)} đến ngày ${formatCalendarDate(p.to)}`;

const generatedLine = (iso: string) => {
  return `Số liệu tính đến ${formatHourWords(iso)}`;
};

type Column = { header: string; width: number; numFmt?: string; align?: 'left' | 'center' | 'right'; wrap?: boolean };

const thin = { style: 'thin' as const, color: { argb: 'FF808080' } };
const BORDER = { top: thin, left: thin, bottom: thin, right: thin };
const HEADER_FILL = { type: 'pattern' as const, pattern: 'solid' as const, fgColor: { argb: 'FFD9E1F2' } };
const FONT = 'Times New Roman';

/**
 * A sheet laid out as a report: title, period and "as of" lines merged across the table, the header row
 * (frozen, filtered), the rows, an optional total row and notes under the table. Returns the header row number.
 */
const addTableSheet = (
  wb: ExcelJS.Workbook,
  name: string,
  columns: Column[],
  rows: ExcelJS.CellValue[][],
  options: WorkbookOptions & { totalRow?: ExcelJS.CellValue[]; notes?: string[]; freezeColumns: number },
) => {
  const ws = wb.addWorksheet(name, {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    properties: { defaultRowHeight: 18 },
  });
  ws.columns = columns.map((c) => ({ width: c.width }));
  const last = columns.length;

  const banner = (row: number, text: string, font: Partial<ExcelJS.Font>) => {
    ws.mergeCells(row, 1, row, last);
    const cell = ws.getCell(row, 1);
    cell.value = text;
    cell.font = { name: FONT, ...font };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  };
  banner(1, options.title, { size: 14, bold: true });
  ws.getRow(1).height = 36;
  banner(2, periodLine(options.period), { size: 12, italic: true });
  banner(3, generatedLine(options.generatedAt), { size: 12, italic: true });

  const headerRow = 5;
  const header = ws.getRow(headerRow);
  header.values = columns.map((c) => c.header);
  header.height = 45;
  header.eachCell((cell) => {
    cell.font = { name: FONT, size: 12, bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.fill = HEADER_FILL;
    cell.border = BORDER;
  });

  const body = options.totalRow ? [...rows, options.totalRow] : rows;
  body.forEach((values, i) => {
    const row = ws.getRow(headerRow + 1 + i);
    row.values = values;
    const isTotal = options.totalRow !== undefined && i === rows.length;
    columns.forEach((c, j) => {
      const cell = row.getCell(j + 1);
      cell.font = { name: FONT, size: 12, bold: isTotal };
      cell.border = BORDER;
      if (c.numFmt) cell.numFmt = c.numFmt;
      cell.alignment = { vertical: 'top', horizontal: c.align ?? 'left', wrapText: c.wrap ?? false };
    });
  });

  let noteRow = headerRow + body.length + 2;
  for (const note of options.notes ?? []) {
    ws.mergeCells(noteRow, 1, noteRow, last);
    const cell = ws.getCell(noteRow, 1);
    cell.value = note;
    cell.font = { name: FONT, size: 11, italic: true };
    cell.alignment = { wrapText: true, vertical: 'top' };
    ws.getRow(noteRow).height = 32;
    noteRow += 1;
  }

  ws.views = [{ state: 'frozen', xSplit: options.freezeColumns, ySplit: headerRow }];
  if (rows.length > 0)
    ws.autoFilter = { from: { row: headerRow, column: 1 }, to: { row: headerRow + rows.length, column: last } };
  ws.pageSetup.printTitlesRow = `${headerRow}:${headerRow}`;
  return headerRow;
};

const countColumns: Column[] = COUNT_KEYS.map((k) => ({
  header: COUNT_HEADERS[k],
  width: k === 'total' ? 9 : 14,
  numFmt: '0',
  align: 'center',
}));
const rateColumn: Column = { header: RATE_HEADER, width: 12, numFmt: RATE_FORMAT, align: 'center' };

const countCells = (c: CountsWithRate): ExcelJS.CellValue[] => [...COUNT_KEYS.map((k) => c[k]), c.onTimeRate];

/** The header texts of each sheet, in order (for the tests and for anyone reading the file back). */
export const AGENCY_HEADERS = ['STT', 'Đơn vị', ...countColumns.map((c) => c.header), RATE_HEADER];
export const DIRECTIVE_HEADERS = [
  'STT',
  'Số, ký hiệu',
  'Ngày ban hành',
  'Trích yếu',
  ...countColumns.map((c) => c.header),
  RATE_HEADER,
];

const detailColumns: Column[] = [
  { header: 'STT', width: 6, align: 'center' },
  { header: 'Số, ký hiệu công văn', width: 20 },
  { header: 'Ngày ban hành', width: 13, numFmt: DATE_FORMAT, align: 'center' },
  { header: 'Đơn vị', width: 36, wrap: true },
  { header: 'Nhiệm vụ', width: 14, wrap: true },
  { header: 'Hạn báo cáo', width: 17, numFmt: DATE_TIME_FORMAT, align: 'center' },
  { header: 'Hạn từng nhiệm vụ', width: 30, wrap: true },
  { header: 'Xác nhận lúc', width: 17, numFmt: DATE_TIME_FORMAT, align: 'center' },
  { header: 'Báo cáo lúc', width: 17, numFmt: DATE_TIME_FORMAT, align: 'center' },
  { header: 'Trạng thái', width: 22, wrap: true },
  { header: 'Phân loại', width: 26, wrap: true },
  { header: 'Kết quả', width: 11 },
  { header: 'Số lần cảnh báo', width: 11, numFmt: '0', align: 'center' },
];
export const DETAIL_HEADERS = detailColumns.map((c) => c.header);

/** "1.3: 17:00 03/02/2021; 2.2: …" when the deadlines differ between tasks; empty when there is one. */
const perTaskDeadlines = (d: AssignmentDetail) => {
  if (new Set(d.deadlines.map((x) => x.deadline)).size < 2) return null;
  return d.deadlines.map((x) => `${x.taskCode}: ${formatDateTime(x.deadline)}`).join('; ');
};

const asDateTime = (iso: string | undefined) => (iso ? excelDateTime(iso) : null);

/** The workbook: "Theo đơn vị", then "Theo công văn" and "Chi tiết" when their rows are given. */
export const statisticsWorkbook = async (rows: StatisticsRows, options: WorkbookOptions): Promise<Buffer> => {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'chidao';
  wb.title = options.title;
  wb.created = new Date(options.generatedAt);
  wb.modified = wb.created;

  addTableSheet(
    wb,
    SHEETS.byAgency,
    [
      { header: 'STT', width: 6, align: 'center' },
      { header: 'Đơn vị', width: 42, wrap: true },
      ...countColumns,
      rateColumn,
    ],
    rows.byAgency.map((r, i) => [i + 1, r.recipientName, ...countCells(r)]),
    {
      ...options,
      totalRow: [null, 'Tổng cộng', ...countCells(statisticsTotal(rows.byAgency))],
      notes: [RATE_RULE],
      freezeColumns: 2,
    },
  );

  if (rows.byDirective) {
    addTableSheet(
      wb,
      SHEETS.byDirective,
      [
        { header: 'STT', width: 6, align: 'center' },
        { header: 'Số, ký hiệu', width: 20 },
        { header: 'Ngày ban hành', width: 13, numFmt: DATE_FORMAT, align: 'center' },
        { header: 'Trích yếu', width: 50, wrap: true },
        ...countColumns,
        rateColumn,
      ],
      rows.byDirective.map((r, i) => [
        i + 1,
        r.number,
        excelDate(r.issuedOn),
        subjectLine(r.subject),
        ...countCells(r),
      ]),
      {
        ...options,
        totalRow: [null, 'Tổng cộng', null, null, ...countCells(statisticsTotal(rows.byDirective))],
        notes: [RATE_RULE],
        freezeColumns: 2,
      },
    );
  }

  if (rows.details) {
    addTableSheet(
      wb,
      SHEETS.details,
      detailColumns,
      rows.details.map((d, i) => [
        i + 1,
        d.directiveNumber,
        excelDate(d.issuedOn),
        d.recipientName,
        d.taskCodes.join(', '),
        asDateTime(d.lastDeadline),
        perTaskDeadlines(d),
        asDateTime(d.acknowledgedAt),
        asDateTime(d.submittedAt),
        STATUS_LABELS[d.status],
        BUCKET_LABELS[d.bucket],
        d.outcome ? OUTCOME_LABELS[d.outcome] : null,
        d.escalationLevel,
      ]),
      { ...options, notes: ['Ngày giờ theo giờ Việt Nam (GMT+7).'], freezeColumns: 4 },
    );
  }

  return Buffer.from(await wb.xlsx.writeBuffer());
};

/** The rate as a percentage with one decimal and a decimal point ("66.7"); empty when there is none. */
const percent = (rate: number | null) => (rate === null ? '' : (Math.round(rate * 1000) / 10).toFixed(1));

/** A text that a spreadsheet would run as a formula is written with a leading apostrophe (OWASP CSV injection). */
const text = (s: string) => (/^[=+\-@\t\r]/.test(s) ? `'${s}` : s);

const csv = (records: (string | number)[][]) =>
  stringify(records, { bom: true, delimiter: ',', record_delimiter: 'windows' });

const csvCounts = (c: CountsWithRate) => [...COUNT_KEYS.map((k) => c[k]), percent(c.onTimeRate)];

/**
 * The per-agency statistics as CSV: UTF-8 with a BOM (Excel then reads the Vietnamese correctly), comma
 * separated, CRLF, quoted where needed; the rate in percent with a decimal point.
 */
export const statisticsCsv = (rows: readonly AgencyStatistics[]): string =>
  csv([
    ['Mã đơn vị', 'Đơn vị', ...COUNT_KEYS.map((k) => COUNT_HEADERS[k]), `${RATE_HEADER} (%)`],
    ...rows.map((r) => [text(r.recipientId), text(r.recipientName), ...csvCounts(r)]),
  ]);

/** The per-directive statistics as CSV, like `statisticsCsv`; the issue date as dd/mm/yyyy. */
export const directiveStatisticsCsv = (rows: readonly DirectiveStatistics[]): string =>
  csv([
    ['Số, ký hiệu', 'Ngày ban hành', 'Trích yếu', ...COUNT_KEYS.map((k) => COUNT_HEADERS[k]), `${RATE_HEADER} (%)`],
    ...rows.map((r) => [text(r.number), formatCalendarDate(r.issuedOn), text(subjectLine(r.subject)), ...csvCounts(r)]),
  ]);

/** The file name an export is offered under, e.g. `thong-ke-2021-01-01_2021-03-31.xlsx`. */
export const exportFileName = (period: Period, extension: 'xlsx' | 'csv') =>
  `thong-ke-${period.from}_${period.to}.${extension}`;
