import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import {
  deadlineText,
  decree30PlaceAndDate,
  defaultNewDeadline,
  draftNumber,
  overdueAgencies,
  urgingLetter,
} from '#documents/urging-letter.ts';
import { AGENCIES, assignment, completed, directive126, NOW } from './fixtures.ts';

/** At 10:00 on 05/02/2021, Công an tỉnh has not reported on 1.3 nor Công ty Điện lực Gia Lai on 2.2. */
const assignments = [
  completed(assignment(directive126, AGENCIES.bchqs), '2021-02-02T08:00:00.000Z', 'ON_TIME'),
  assignment(directive126, AGENCIES.congAn, { escalationLevel: 1 }),
  assignment(directive126, AGENCIES.dienLuc, { escalationLevel: 2 }),
];
const NEW_DEADLINE = '2021-02-09T10:00:00.000Z'; // 17:00 ngày 09/02/2021

const open = async (buffer: Buffer) => {
  const zip = await JSZip.loadAsync(buffer);
  const read = async (path: string) => {
    const file = zip.file(path);
    if (!file) throw new Error(`no ${path} in the DOCX`);
    return file.async('string');
  };
  return { zip, read };
};

const decodeXml = (xml: string) =>
  xml
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

/** The text of each paragraph (its runs joined), in order. */
const paragraphs = (xml: string) =>
  [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) =>
    [...p[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => decodeXml(t[1] ?? '')).join(''),
  );

const attribute = (xml: string, element: string, name: string) => {
  const tag = xml.match(new RegExp(`<${element} [^>]*>`))?.[0] ?? '';
  const value = tag.match(new RegExp(`${name}="(-?\\d+)"`))?.[1];
  return value === undefined ? undefined : Number(value);
};

describe('overdueAgencies', () => {
  it('lists the agencies with a report past its deadline, with those tasks and their text', () => {
    expect(overdueAgencies(directive126, assignments, NOW)).toEqual([
      {
        recipientName: 'Công an tỉnh',
        tasks: [{ code: '1.3', text: directive126.tasks[0]?.text, deadline: '2021-02-03T10:00:00.000Z' }],
        escalationLevel: 1,
      },
      {
        recipientName: 'Công ty Điện lực Gia Lai',
        tasks: [{ code: '2.2', text: directive126.tasks[1]?.text, deadline: '2021-02-03T10:00:00.000Z' }],
        escalationLevel: 2,
      },
    ]);
    expect(overdueAgencies(directive126, assignments, '2021-02-03T09:00:00.000Z')).toEqual([]);
  });
});

describe('urgingLetter', async () => {
  const overdue = overdueAgencies(directive126, assignments, NOW);
  const buffer = await urgingLetter({
    directive: directive126,
    overdue,
    newDeadline: NEW_DEADLINE,
    issuedOn: '2021-02-05',
  });
  const { read } = await open(buffer);
  const xml = await read('word/document.xml');
  const text = paragraphs(xml);
  const all = text.join('\n');

  it('is a DOCX: a ZIP with word/document.xml', () => {
    expect(buffer.subarray(0, 2).toString('latin1')).toBe('PK');
    expect(xml).toContain('<w:body>');
  });

  it('has the header block of Decree 30 in a borderless table', () => {
    expect(text).toContain('UBND TỈNH GIA LAI');
    expect(text).toContain('SỞ THÔNG TIN VÀ TRUYỀN THÔNG');
    expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(text).toContain('Độc lập - Tự do - Hạnh phúc');
    expect(text).toContain('Số: ……/STTTT-BCVT');
    expect(text).toContain('V/v đôn đốc thực hiện Công văn số 126/STTTT-BCVT');
    expect(text).toContain('Gia Lai, ngày 05 tháng 02 năm 2021');
    const table = xml.match(/<w:tbl>[\s\S]*?<\/w:tbl>/)?.[0] ?? '';
    expect(table).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    const borders = table.match(/<w:tblBorders>[\s\S]*?<\/w:tblBorders>/)?.[0] ?? '';
    expect(borders).not.toBe('');
    expect(borders.match(/w:val="(\w+)"/g)?.every((v) => v === 'w:val="none"')).toBe(true);
    // the issuer in bold, the place and date in italics
    expect(xml).toMatch(/<w:b\/>[\s\S]{0,200}<w:t[^>]*>SỞ THÔNG TIN VÀ TRUYỀN THÔNG<\/w:t>/);
    expect(xml).toMatch(/<w:i\/>[\s\S]{0,200}<w:t[^>]*>Gia Lai, ngày 05 tháng 02 năm 2021<\/w:t>/);
  });

  it('is addressed to each overdue agency', () => {
    const at = text.indexOf('Kính gửi:');
    expect(at).toBeGreaterThan(0);
    expect(text.slice(at + 1, at + 3)).toEqual(['- Công an tỉnh;', '- Công ty Điện lực Gia Lai.']);
  });

  it('names the directive, the tasks not reported with their deadlines, and the new deadline', () => {
    expect(all).toContain(
      'Ngày 30/01/2021, Sở Thông tin và Truyền thông đã ban hành Công văn số 126/STTTT-BCVT về việc đảm bảo thông tin liên lạc',
    );
    expect(all).toContain('Tuy nhiên, đến ngày 05/02/2021, các đơn vị sau chưa báo cáo kết quả thực hiện');
    expect(text).toContain('- Công an tỉnh (đã cảnh báo quá hạn 1 lần):');
    expect(text).toContain('- Công ty Điện lực Gia Lai (đã cảnh báo quá hạn 2 lần):');
    expect(all).toContain('+ Nhiệm vụ 1.3: Cung cấp đầu mối liên hệ');
    expect(all).toContain('+ Nhiệm vụ 2.2: Cung cấp đầu mối liên hệ');
    expect(all).toContain('(thời hạn: 17 giờ 00 ngày 03/02/2021).');
    expect(all).toContain('về Sở Thông tin và Truyền thông trước 17 giờ 00 ngày 09/02/2021.');
    expect(all).toContain('Sở TT&TT'); // escaped in the XML, intact in the text
    expect(xml).toContain('Sở TT&amp;TT');
  });

  it('closes with Nơi nhận on the left and the signer on the right', () => {
    const at = text.indexOf('Nơi nhận:');
    expect(text.slice(at, at + 4)).toEqual(['Nơi nhận:', '- Như trên;', '- Giám đốc Sở (b/c);', '- Lưu: VT, P.BCVT.']);
    const sign = text.indexOf('KT. GIÁM ĐỐC');
    expect(sign).toBeGreaterThan(at);
    expect(text[sign + 1]).toBe('PHÓ GIÁM ĐỐC');
    expect(text.at(-1)).toBe('Lê Thị Thu Hương');
  });

  it('is A4 with the margins of Decree 30 (in twips)', () => {
    expect(attribute(xml, 'w:pgSz', 'w:w')).toBe(11906);
    expect(attribute(xml, 'w:pgSz', 'w:h')).toBe(16838);
    const twips = (mm: number) => (mm * 1440) / 25.4;
    const margin = (side: string) => attribute(xml, 'w:pgMar', `w:${side}`) ?? Number.NaN;
    expect(margin('top')).toBeGreaterThanOrEqual(Math.floor(twips(20)));
    expect(margin('top')).toBeLessThanOrEqual(Math.ceil(twips(25)));
    expect(margin('bottom')).toBeGreaterThanOrEqual(Math.floor(twips(20)));
    expect(margin('bottom')).toBeLessThanOrEqual(Math.ceil(twips(25)));
    expect(margin('left')).toBeGreaterThanOrEqual(Math.floor(twips(30)));
    expect(margin('left')).toBeLessThanOrEqual(Math.ceil(twips(35)));
    expect(margin('right')).toBeGreaterThanOrEqual(Math.floor(twips(15)));
    expect(margin('right')).toBeLessThanOrEqual(Math.ceil(twips(20)));
    expect([margin('top'), margin('bottom'), margin('left'), margin('right')]).toEqual([1134, 1134, 1701, 850]);
  });

  it('is set in Times New Roman, 14 pt by default', async () => {
    const styles = await read('word/styles.xml');
    const defaults = styles.match(/<w:docDefaults>[\s\S]*?<\/w:docDefaults>/)?.[0] ?? '';
    expect(defaults).toContain('w:ascii="Times New Roman"');
    expect(defaults).toContain('<w:sz w:val="28"/>');
    expect(xml).not.toMatch(/w:ascii="(?!Times New Roman)/);
  });

  it('takes the number when one is given', async () => {
    const numbered = await urgingLetter({
      directive: directive126,
      overdue: overdue.slice(0, 1),
      newDeadline: NEW_DEADLINE,
      issuedOn: '2021-02-05',
      number: '140/STTTT-BCVT',
    });
    const text = paragraphs(await (await open(numbered)).read('word/document.xml'));
    expect(text).toContain('Số: 140/STTTT-BCVT');
    expect(text).toContain('Kính gửi: Công an tỉnh.');
    expect(text.join('\n')).toContain('Tuy nhiên, đến ngày 05/02/2021, đơn vị sau chưa báo cáo');
    expect(text.join('\n')).toContain('đề nghị Công an tỉnh khẩn trương');
  });

  it('names a subject typed without "V/v" as "về việc …" with its first letter lowered, under a letterhead with the province', async () => {
    const { issuerParent: _, ...withoutParent } = directive126;
    const typed = await urgingLetter({
      directive: {
        ...withoutParent,
        issuer: 'Sở Thông tin và Truyền thông tỉnh Gia Lai',
        subject: 'Báo cáo tình hình',
      },
      overdue: overdue.slice(0, 1),
      newDeadline: NEW_DEADLINE,
      issuedOn: '2021-02-05',
    });
    const text = paragraphs(await (await open(typed)).read('word/document.xml'));
    expect(text.slice(0, 2)).toEqual(['UBND TỈNH GIA LAI', 'SỞ THÔNG TIN VÀ TRUYỀN THÔNG']);
    expect(text.join('\n')).toContain('đã ban hành Công văn số 126/STTTT-BCVT về việc báo cáo tình hình.');
  });

  it('refuses a letter to nobody', async () => {
    await expect(
      urgingLetter({ directive: directive126, overdue: [], newDeadline: NEW_DEADLINE, issuedOn: '2021-02-05' }),
    ).rejects.toThrow(RangeError);
  });
});

describe('helpers', () => {
  it('writes the date as Decree 30 does: a zero before days under 10 and months 1 and 2 only', () => {
    expect(decree30PlaceAndDate('Gia Lai', '2021-01-30')).toBe('Gia Lai, ngày 30 tháng 01 năm 2021');
    expect(decree30PlaceAndDate('Gia Lai', '2021-02-05')).toBe('Gia Lai, ngày 05 tháng 02 năm 2021');
    expect(decree30PlaceAndDate('Gia Lai', '2021-07-05')).toBe('Gia Lai, ngày 05 tháng 7 năm 2021');
    expect(decree30PlaceAndDate(undefined, '2021-12-15')).toBe('ngày 15 tháng 12 năm 2021');
  });

  it('writes deadlines in Hà Nội time', () => {
    expect(deadlineText('2021-02-03T10:00:00.000Z')).toBe('17 giờ 00 ngày 03/02/2021');
    expect(deadlineText('2021-02-03T17:30:00.000Z')).toBe('00 giờ 30 ngày 04/02/2021');
  });

  it('leaves the number for the clerk, keeping the symbol', () => {
    expect(draftNumber('126/STTTT-BCVT')).toBe('……/STTTT-BCVT');
    expect(draftNumber('126')).toBe('……');
  });

  it('proposes 17:00 on the third working day, skipping Tết 2021 (10–16/02)', () => {
    expect(defaultNewDeadline('2021-02-05')).toBe('2021-02-17T10:00:00.000Z');
    expect(defaultNewDeadline('2021-01-29')).toBe('2021-02-03T10:00:00.000Z');
  });
});
