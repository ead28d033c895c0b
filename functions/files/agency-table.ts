import { parse as parseCsv } from 'csv-parse/sync';
import { type Problem, problem } from '#contracts/problems.ts';
import { AGENCY_COLUMNS, type AgencyField } from '#core/agency-columns.ts';
import { searchKey } from '#core/text.ts';
import { declaredUncompressedBytes } from './zip-guard.ts';

/**
 * A directory an office keeps in a spreadsheet, read as rows of cells named by the directory's fields: a CSV
 * (comma or semicolon separated, as Excel writes it under English or Vietnamese regional settings; UTF-8, with or
 * without its BOM) or an XLSX workbook (its first sheet). Headers are the fields' names (`id`, `name`…) or their
 * Vietnamese labels ("Mã đơn vị", "Tên đơn vị"…), matched without marks or case. What the rows say is checked by
 * the caller; this reads them and says which line each came from.
 */

/** Other headers people write for a field, as `searchKey` writes them. */
const ALIASES: [string, AgencyField][] = [
  ['ma', 'id'],
  ['ten', 'name'],
  ['ten co quan', 'name'],
  ['thu dien tu', 'email'],
  ['dia chi email', 'email'],
  ['e mail', 'email'],
  ['nhom don vi', 'groups'],
  ['so dien thoai', 'phone'],
  ['sdt', 'phone'],
  ['ho ten thu truong', 'headName'],
  ['so dien thoai thu truong', 'headPhone'],
  ['sdt thu truong', 'headPhone'],
];

/** A header as compared: no marks, no case, punctuation as spaces ("E-mail" is "e mail"). */
const headerKey = (header: string) =>
  searchKey(header.replace(/^\uFEFF/, ''))
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

/** Every header a field is known by: its name, its label in the sample, an alias. */
const HEADERS = new Map<string, AgencyField>([
  ...AGENCY_COLUMNS.flatMap(([field, label]): [string, AgencyField][] => [
    [headerKey(field), field],
    [headerKey(label), field],
  ]),
  ...ALIASES,
]);

const REQUIRED: AgencyField[] = ['id', 'name', 'email'];

export type AgencyRow = {
  /** The row's number as the file shows it: the line of a CSV, the row of a sheet (the header is 1). */
  line: number;
  cells: Partial<Record<AgencyField, string>>;
  /** The row as the official typed it, for an error shown next to it. */
  text: string;
};

export type AgencyTable = { rows: AgencyRow[] } | { problem: Problem };

/** Past this a workbook is refused before it is inflated: a directory of thousands of agencies is a few MB. */
const MAX_XLSX_UNCOMPRESSED = 64 * 1024 * 1024;
const ROW_TEXT = 300;

const isZip = (bytes: Buffer) => bytes.length > 4 && bytes.readUInt32LE(0) === 0x04034b50;

/** The separator the header line uses: Excel writes `;` where the decimal mark is a comma (Vietnamese settings). */
const separatorOf = (text: string): string => {
  const header = text.slice(0, text.search(/\r?\n|$/));
  const count = (c: string) => header.split(c).length - 1;
  return [';', '\t'].reduce((best, c) => (count(c) > count(best) ? c : best), ',');
};

const clip = (text: string) => (text.length > ROW_TEXT ? `${text.slice(0, ROW_TEXT)}…` : text);

/** Header cells to fields; the required ones that are missing as a problem. */
const columnsOf = (header: string[]): { fields: (AgencyField | undefined)[] } | { problem: Problem } => {
  const fields = header.map((h) => HEADERS.get(headerKey(h)));
  const missing = REQUIRED.filter((f) => !fields.includes(f));
  if (missing.length)
    return {
      problem: problem('import.missingColumns', {
        columns: missing.map((f) => AGENCY_COLUMNS.find(([k]) => k === f)?.[1] ?? f).join(', '),
      }),
    };
  return { fields };
};

const tableOf = (header: string[], rows: { line: number; values: string[]; text: string }[]): AgencyTable => {
  const columns = columnsOf(header);
  if ('problem' in columns) return columns;
  const out = rows
    .filter((r) => r.values.some((v) => v.trim() !== ''))
    .map(({ line, values, text }) => {
      const cells: Partial<Record<AgencyField, string>> = {};
      columns.fields.forEach((field, i) => {
        if (field && values[i] !== undefined && cells[field] === undefined) cells[field] = values[i].trim();
      });
      return { line, cells, text: clip(text) };
    });
  return out.length ? { rows: out } : { problem: problem('csv.empty') };
};

const fatal = new TextDecoder('utf-8', { fatal: true });

const readCsv = (bytes: Buffer): AgencyTable => {
  let text: string;
  try {
    text = fatal.decode(bytes);
  } catch {
    // Excel's plain "CSV" is in the Windows code page, not UTF-8: the official is told to save as "CSV UTF-8".
    return { problem: problem('import.notUtf8') };
  }
  text = text.replace(/^\uFEFF/, '');
  let records: { record: string[]; info: { lines: number }; raw: string }[];
  try {
    // With `info` and `raw`, each record comes with its last line's number and its text (the types say string[][]).
    records = parseCsv(text, {
      delimiter: separatorOf(text),
      relax_column_count: true,
      skip_empty_lines: true,
      info: true,
      raw: true,
    }) as unknown as typeof records;
  } catch (error) {
    return { problem: problem('csv.unreadable', { detail: (error as Error).message }) };
  }
  const [header, ...rows] = records;
  if (!header) return { problem: problem('csv.empty') };
  return tableOf(
    header.record,
    rows.map((r) => ({ line: r.info.lines, values: r.record, text: r.raw.replace(/^[\r\n]+|[\r\n]+$/g, '') })),
  );
};

/** A cell as the sheet shows it: a hyperlinked email as its text; a phone typed as a number lost its 0, which the
 * phone check does not need. */
const cellText = (cell: { text?: string } | undefined) => (cell?.text ?? '').trim();

const readXlsx = async (bytes: Buffer): Promise<AgencyTable> => {
  const declared = declaredUncompressedBytes(bytes);
  if (declared === undefined || declared > MAX_XLSX_UNCOMPRESSED)
    return { problem: problem('csv.unreadable', { detail: 'XLSX' }) };
  // Loaded only here: the pages' function starts without it, and only an import pays for it.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (error) {
    return { problem: problem('csv.unreadable', { detail: (error as Error).message }) };
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return { problem: problem('csv.empty') };
  const rows: { line: number; values: string[] }[] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const values: string[] = [];
    for (let c = 1; c <= row.cellCount; c++) values.push(cellText(row.getCell(c)));
    rows.push({ line: row.number, values });
  });
  const [header, ...data] = rows;
  if (!header) return { problem: problem('csv.empty') };
  return tableOf(
    header.values,
    data.map((r) => ({
      ...r,
      text: r.values.join(' | ').replace(/( \| )+$/, ''),
    })),
  );
};

/** A file of the directory: an XLSX (a zip) or a CSV, whatever its name says. */
export const readAgencyTable = (bytes: Buffer): Promise<AgencyTable> =>
  isZip(bytes) ? readXlsx(bytes) : Promise.resolve(readCsv(bytes));
