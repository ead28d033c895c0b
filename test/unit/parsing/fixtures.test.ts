import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { directiveInputSchema } from '#core/directive.ts';
import { type ParseResult, parseDirective } from '#parsing/index.ts';

/**
 * Every `fixtures/*.txt` parses to its `*.expected.json`, field by field. The two seeds (Gia Lai 126/STTTT-BCVT,
 * the Thanh Hóa article on 2915/STTTT-BCVT) are copied here from ../shared/seeds; the others are letters written
 * for these tests, each showing layouts and messes of real copies (see README.md in functions/parsing).
 */

const dir = fileURLToPath(new URL('./fixtures/', import.meta.url));
const names = readdirSync(dir)
  .filter((f) => f.endsWith('.txt'))
  .map((f) => f.slice(0, -4))
  .sort();

const text = (name: string) => readFileSync(`${dir}${name}.txt`, 'utf8');
const expected = (name: string) => JSON.parse(readFileSync(`${dir}${name}.expected.json`, 'utf8')) as ParseResult;
const parse = (name: string) => parseDirective(text(name));

describe('fixtures', () => {
  it('has the two seeds and at least 12 more directives, each with its expected result', () => {
    expect(names).toContain('gia-lai-126');
    expect(names).toContain('thanh-hoa-2915');
    expect(names.length).toBeGreaterThanOrEqual(14);
    for (const name of names) expect(() => expected(name), name).not.toThrow();
  });

  describe.each(names)('%s', (name) => {
    const result = parse(name);
    const want = expected(name);

    it('gives the expected draft', () => {
      expect(result.draft).toEqual(want.draft);
    });

    it('gives the expected warnings', () => {
      expect(result.warnings.map((w) => w.field)).toEqual(want.warnings.map((w) => w.field));
      expect(result.warnings).toEqual(want.warnings);
    });

    it('gives the expected unparsed passages and parse-only outputs', () => {
      expect(result.unparsed).toEqual(want.unparsed);
      expect(result.legalBasisRefs).toEqual(want.legalBasisRefs);
      expect(result.contacts).toEqual(want.contacts);
      expect(result.phones).toEqual(want.phones);
      expect(result.meta).toEqual(want.meta);
    });
  });
});

describe('Gia Lai 126/STTTT-BCVT (seed)', () => {
  const { draft, warnings, unparsed, legalBasisRefs } = parse('gia-lai-126');

  it('reads the header block', () => {
    expect(draft.number).toBe('126/STTTT-BCVT');
    expect(draft.issuer).toBe('Sở Thông tin và Truyền thông');
    expect(draft.issuerParent).toBe('UBND tỉnh Gia Lai');
    expect(draft.place).toBe('Gia Lai');
    expect(draft.issuedOn).toBe('2021-01-30');
    expect(draft.subject).toMatch(/^V\/v đảm bảo thông tin liên lạc .* trên địa bàn tỉnh Gia Lai$/u);
  });

  it('reads the six recipients of "Kính gửi", without their trailing punctuation', () => {
    expect(draft.recipients.map((r) => r.id)).toEqual([
      'cong-an-tinh',
      'bo-chi-huy-quan-su-tinh',
      'uy-ban-nhan-dan-cac-huyen-thi-xa-thanh-pho',
      'cong-ty-dien-luc-gia-lai',
      'cong-ty-co-phan-cap-thoat-nuoc-gia-lai',
      'cac-doanh-nghiep-buu-chinh-vien-thong-tren-dia-ban-tinh',
    ]);
    expect(draft.addressees.at(-1)).toBe('Các doanh nghiệp Bưu chính, Viễn thông trên địa bàn tỉnh');
  });

  it('reads the five legal bases and the six documents they cite', () => {
    expect(draft.legalBases).toHaveLength(5);
    expect(legalBasisRefs.map((r) => [r.documentNumber, r.date])).toEqual([
      ['1110/BTTTT-CVT', '2020-03-31'],
      ['1103/BTTTT-CVT', '2020-03-31'],
      ['1115/BTTTT-CVT', '2020-03-31'],
      ['137/UBND-KGVX', '2021-01-28'],
      ['02/CD-UBND', '2021-01-29'],
      ['03/CD-UBND', '2021-01-30'],
    ]);
  });

  it('turns sections 1–3 into tasks 1.1–1.3, 2.1–2.2, 3.1–3.2, assigned by their section headings', () => {
    expect(draft.tasks.map((t) => t.code)).toEqual(['1.1', '1.2', '1.3', '2.1', '2.2', '3.1', '3.2']);
    const byCode = Object.fromEntries(draft.tasks.map((t) => [t.code, t]));
    expect(byCode['1.1']?.assignees).toEqual([
      'cong-an-tinh',
      'bo-chi-huy-quan-su-tinh',
      'uy-ban-nhan-dan-cac-huyen-thi-xa-thanh-pho',
    ]);
    expect(byCode['2.1']?.assignees).toEqual(['cong-ty-dien-luc-gia-lai', 'cong-ty-co-phan-cap-thoat-nuoc-gia-lai']);
    expect(byCode['3.2']?.assignees).toEqual(['cac-doanh-nghiep-buu-chinh-vien-thong-tren-dia-ban-tinh']);
    // the page break inside 1.1 is mended, the bold markers are gone, a)–d) stay in 3.1
    expect(byCode['1.1']?.text).toContain('các dịch vụ bưu chính, viễn thông phục vụ');
    expect(byCode['1.3']?.text).toBe(
      'Cung cấp đầu mối liên hệ, phối hợp xử lý các vướng mắc, khó khăn có thể xảy ra trong quá trình triển khai về Sở TT&TT trước ngày 03/2/2021.',
    );
    expect(byCode['3.1']?.text.split('\n').map((l) => l.slice(0, 2))).toEqual(['Yê', 'Th', 'a)', 'b)', 'c)', 'd)']);
  });

  it('puts the deadline 2021-02-03 (17:00 in Hà Nội) and a report on 1.3 and 2.2 only', () => {
    const withDeadline = draft.tasks.filter((t) => t.deadline).map((t) => [t.code, t.deadline, t.reportRequired]);
    expect(withDeadline).toEqual([
      ['1.3', '2021-02-03T10:00:00.000Z', true],
      ['2.2', '2021-02-03T10:00:00.000Z', true],
    ]);
    expect(draft.tasks.filter((t) => t.reportRequired).map((t) => t.code)).toEqual(['1.3', '2.2']);
  });

  it('reads the copies with their purposes, "Như trên" left out', () => {
    expect(draft.copies).toEqual([
      { name: 'Bộ TT&TT', purpose: 'REPORT' },
      { name: 'Ủy ban nhân dân tỉnh', purpose: 'REPORT' },
      { name: 'Sở Y tế', purpose: 'INFORM' },
      { name: 'Sở Giao thông vận tải', purpose: 'COORDINATE' },
      { name: 'Sở Công Thương', purpose: 'COORDINATE' },
      { name: 'Ban Giám đốc Sở TT&TT', purpose: 'REPORT' },
      { name: 'Lưu: VT, P.BCVT', purpose: 'ARCHIVE' },
    ]);
  });

  it('reads the signer and the leadership contacts', () => {
    expect(draft.signer).toEqual({ name: 'Lê Thị Thu Hương', title: 'Phó Giám đốc', onBehalfOf: 'KT. GIÁM ĐỐC' });
    expect(draft.leadership).toEqual([
      { name: 'Nguyễn Ngọc Hùng', title: 'Giám đốc Sở', email: '', phone: '0913421376', role: 'DIRECTOR' },
      { name: 'Lê Thị Thu Hương', title: 'Phó Giám đốc Sở', email: '', phone: '0932532789', role: 'SIGNER' },
    ]);
  });

  it('warns only about the emails to pick, and keeps the attachment note in the full text, not in unparsed', () => {
    expect(warnings.map((w) => w.field)).toEqual([
      ...draft.recipients.map((_, i) => `recipients.${i}.email`),
      'leadership.0.email',
      'leadership.1.email',
    ]);
    expect(unparsed).toEqual([]);
    expect(draft.fullText).toMatch(/\n\(Có Công văn số 1103\/BTTTT-CVT .* Viễn thông\)\.\n/u);
  });

  it('validates against the create schema once the emails are filled in', () => {
    const body = {
      ...draft,
      recipients: draft.recipients.map((r) => ({ ...r, email: `${r.id}@gialai.example` })),
      leadership: draft.leadership.map((l, i) => ({ ...l, email: `lanhdao${i}@stttt.gialai.example` })),
    };
    const parsed = directiveInputSchema.safeParse(body);
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
    if (parsed.success) expect(parsed.data.tasks.map((t) => t.deadline)).toEqual(draft.tasks.map((t) => t.deadline));
  });
});

describe('drafts validate against the create schema once emails are filled in', () => {
  // Letters whose warnings are only about emails, inferred first periods and the signer proposed as leader.
  it.each([
    'gia-lai-126',
    'ubnd-quang-nam-3520',
    'so-y-te-dak-lak-1890',
    'so-cong-thuong-can-tho-2875-nfd',
    'so-tnmt-quang-ninh-2456-pages',
    'ubnd-duc-trong-12-broken',
  ])('%s', (name) => {
    const { draft } = parse(name);
    const body = {
      ...draft,
      recipients: draft.recipients.map((r, i) => ({ ...r, email: `don-vi-${i}@example.gov.vn` })),
      leadership: draft.leadership.map((l, i) => ({ ...l, email: `lanh-dao-${i}@example.gov.vn` })),
    };
    const parsed = directiveInputSchema.safeParse(body);
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
  });

  it('a periodic report carries its first period as deadline, and its end', () => {
    const task = parse('so-y-te-dak-lak-1890').draft.tasks[1];
    expect(task).toMatchObject({
      code: '2',
      deadline: '2023-07-10T08:00:00.000Z',
      recurrence: { every: 'P1D', at: '15:00', until: '2023-07-31' },
      reportRequired: true,
    });
  });
});

describe('Thanh Hóa 2915/STTTT-BCVT (news article, seed)', () => {
  const { draft, warnings, meta } = parse('thanh-hoa-2915');

  it('takes what the article gives', () => {
    expect(meta.source).toBe('article');
    expect(draft.number).toBe('2915/STTTT-BCVT');
    expect(draft.issuer).toBe('Sở Thông tin và Truyền thông');
    expect(draft.issuedOn).toBe('2022-12-30');
    expect(draft.subject).toBe('V/v đảm bảo thông tin liên lạc thông suốt phục vụ Tết Nguyên đán Quý Mão năm 2023');
  });

  it('splits the recipients into the three groups the article names', () => {
    expect(draft.addressees).toEqual([
      'UBND các huyện, thị xã, thành phố',
      'Các doanh nghiệp: Bưu chính, viễn thông, truyền hình cáp',
      'Các cơ quan báo chí của tỉnh',
    ]);
  });

  it('makes one task per paragraph, assigned to the group it names (or the one named before)', () => {
    expect(draft.tasks.map((t) => [t.code, t.assignees])).toEqual([
      ['1', ['ubnd-cac-huyen-thi-xa-thanh-pho']],
      ['2', ['ubnd-cac-huyen-thi-xa-thanh-pho']],
      ['3', ['cac-co-quan-bao-chi-cua-tinh']],
      ['4', ['cac-doanh-nghiep-buu-chinh-vien-thong-truyen-hinh-cap']],
      ['5', ['cac-doanh-nghiep-buu-chinh-vien-thong-truyen-hinh-cap']],
      ['6', ['cac-doanh-nghiep-buu-chinh-vien-thong-truyen-hinh-cap']],
    ]);
    expect(meta.closing).toHaveLength(1);
    expect(meta.byline).toBe('Linh Hương');
  });

  it('flags what is missing or inferred', () => {
    const fields = warnings.map((w) => w.field);
    for (const f of ['text', 'issuedOn', 'signer', 'leadership', 'copies', 'tasks', 'tasks.2.assignees'])
      expect(fields).toContain(f);
    expect(warnings.find((w) => w.field === 'issuedOn')?.message).toContain('2022');
    expect(draft.signer).toBeUndefined();
  });
});
