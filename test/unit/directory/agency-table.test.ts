import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { directorySampleCsv } from '#documents/directory-sample.ts';
import { readAgencyTable } from '#files/agency-table.ts';

/** Reading a directory file: CSV by comma or semicolon, with or without a BOM, XLSX; rows keep their numbers. */

const rowsOf = async (bytes: Buffer) => {
  const table = await readAgencyTable(bytes);
  if ('problem' in table) throw new Error(`unexpected problem ${table.problem.code}`);
  return table.rows;
};

const xlsx = async (rows: (string | number | { text: string; hyperlink: string })[][]) => {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Danh bạ');
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
};

describe('a directory file', () => {
  it('a CSV separated by commas, English headers, no BOM', async () => {
    const rows = await rowsOf(
      Buffer.from('id,name,email,groups\nso-yte,Sở Y tế,yt@gialai.example,"Sở, ban, ngành; Y tế"\n'),
    );
    expect(rows).toEqual([
      {
        line: 2,
        cells: { id: 'so-yte', name: 'Sở Y tế', email: 'yt@gialai.example', groups: 'Sở, ban, ngành; Y tế' },
        text: 'so-yte,Sở Y tế,yt@gialai.example,"Sở, ban, ngành; Y tế"',
      },
    ]);
  });

  it('a CSV as Excel writes it under Vietnamese settings: BOM, semicolons, CRLF, Vietnamese headers', async () => {
    const csv =
      '\uFEFFMã đơn vị;Tên đơn vị;Email;Nhóm;Điện thoại;Không nhận SMS\r\n' +
      'cong-an;Công an tỉnh;ca@gialai.example;"Sở, ban, ngành; Lực lượng vũ trang";0269 3824 113;x\r\n' +
      '\r\n' +
      'ubnd-pleiku;UBND thành phố Pleiku;pk@gialai.example;UBND cấp huyện;;\r\n';
    const rows = await rowsOf(Buffer.from(csv));
    expect(rows.map((r) => r.line)).toEqual([2, 4]);
    expect(rows[0]?.cells).toEqual({
      id: 'cong-an',
      name: 'Công an tỉnh',
      email: 'ca@gialai.example',
      groups: 'Sở, ban, ngành; Lực lượng vũ trang',
      phone: '0269 3824 113',
      noSms: 'x',
    });
    expect(rows[1]?.cells.id).toBe('ubnd-pleiku');
    expect(rows[1]?.text).toBe('ubnd-pleiku;UBND thành phố Pleiku;pk@gialai.example;UBND cấp huyện;;');
  });

  it('headers are matched without marks or case ("ma don vi", "TEN DON VI", "so dien thoai")', async () => {
    const rows = await rowsOf(Buffer.from('ma don vi,TEN DON VI,E-mail,So dien thoai\na,B,c@d.vn,0905123456\n'));
    expect(rows[0]?.cells).toMatchObject({ id: 'a', name: 'B', phone: '0905123456' });
  });

  it('a header without the required columns names them instead of failing every row', async () => {
    const table = await readAgencyTable(Buffer.from('ten;dien thoai\nSở Y tế;0905123456\n'));
    expect(table).toEqual({
      problem: { code: 'import.missingColumns', params: { columns: 'Mã đơn vị, Email' } },
    });
  });

  it('a file in the Windows code page (Excel\'s plain "CSV") is refused as not UTF-8', async () => {
    const latin = Buffer.from([...Buffer.from('id,name,email\na,S'), 0xf4, ...Buffer.from(',a@b.vn\n')]);
    expect(await readAgencyTable(latin)).toEqual({ problem: { code: 'import.notUtf8', params: {} } });
  });

  it('a header alone is an empty file', async () => {
    expect(await readAgencyTable(Buffer.from('id,name,email\n'))).toEqual({
      problem: { code: 'csv.empty', params: {} },
    });
  });

  it('an XLSX workbook: its first sheet, its row numbers, a hyperlinked email as its text', async () => {
    const bytes = await xlsx([
      ['Mã đơn vị', 'Tên đơn vị', 'Email', 'Điện thoại'],
      ['so-tttt', 'Sở Thông tin và Truyền thông', { text: 'stttt@gialai.example', hyperlink: 'mailto:x' }, 905123456],
      [],
      ['xa-ia-grai', 'UBND xã Ia Grai', 'not-an-email', ''],
    ]);
    const rows = await rowsOf(bytes);
    expect(rows.map((r) => r.line)).toEqual([2, 4]);
    expect(rows[0]?.cells).toEqual({
      id: 'so-tttt',
      name: 'Sở Thông tin và Truyền thông',
      email: 'stttt@gialai.example',
      phone: '905123456',
    });
    expect(rows[1]?.text).toBe('xa-ia-grai | UBND xã Ia Grai | not-an-email');
  });

  it('a zip that is no workbook is unreadable, not a crash', async () => {
    const table = await readAgencyTable(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0]));
    expect('problem' in table && table.problem.code).toBe('csv.unreadable');
  });

  it('the sample file reads back: BOM, Vietnamese headers, three agencies', async () => {
    const sample = directorySampleCsv();
    expect(sample.startsWith('\uFEFFMã đơn vị,Tên đơn vị,Email,Nhóm')).toBe(true);
    const rows = await rowsOf(Buffer.from(sample));
    expect(rows.map((r) => r.cells.id)).toEqual(['so-tttt', 'cong-an-tinh', 'ubnd-pleiku']);
  });
});
