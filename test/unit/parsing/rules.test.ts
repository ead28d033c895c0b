import { describe, expect, it } from 'vitest';
import { agencyName, officialTitle, personName } from '#parsing/casing.ts';
import { contactIn, phonesIn } from '#parsing/contacts.ts';
import { deadlinesIn, firstPeriodOf, recurrenceIn, workingDaysIn } from '#parsing/dates.ts';
import { copyOf, signerFrom, signerPieces } from '#parsing/footer.ts';
import { parseDirective } from '#parsing/index.ts';
import { RecipientIndex, slugify, uniqueIds } from '#parsing/recipients.ts';
import { fold, prepare, tol } from '#parsing/text.ts';

/** The rules the parser is made of, one by one (the README of functions/parsing explains them). */

describe('casing of ALL-CAPS header lines, titles and names', () => {
  it.each([
    ['UBND TỈNH GIA LAI', 'UBND tỉnh Gia Lai'],
    ['SỞ THÔNG TIN VÀ TRUYỀN THÔNG', 'Sở Thông tin và Truyền thông'],
    ['SỞ Y TẾ', 'Sở Y tế'],
    ['SỞ GIÁO DỤC VÀ ĐÀO TẠO', 'Sở Giáo dục và Đào tạo'],
    ['SỞ CÔNG THƯƠNG', 'Sở Công Thương'],
    ['SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI', 'Sở Lao động - Thương binh và Xã hội'],
    ['SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH', 'Sở Văn hóa, Thể thao và Du lịch'],
    ['SỞ NÔNG NGHIỆP VÀ PHÁT TRIỂN NÔNG THÔN', 'Sở Nông nghiệp và Phát triển nông thôn'],
    ['ỦY BAN NHÂN DÂN TỈNH QUẢNG NAM', 'Ủy ban nhân dân tỉnh Quảng Nam'],
    ['UBND THÀNH PHỐ CẦN THƠ', 'UBND thành phố Cần Thơ'],
    ['ỦY BAN NHÂN DÂN HUYỆN KRÔNG PA', 'Ủy ban nhân dân huyện Krông Pa'],
    ['VĂN PHÒNG UBND TỈNH', 'Văn phòng UBND tỉnh'],
    ['BỘ CHỈ HUY QUÂN SỰ TỈNH', 'Bộ Chỉ huy Quân sự tỉnh'],
    ['CỤC QUẢN LÝ THỊ TRƯỜNG', 'Cục Quản lý thị trường'],
    ['TRUNG TÂM Y TẾ HUYỆN ĐỨC TRỌNG', 'Trung tâm Y tế huyện Đức Trọng'],
    ['Sở Thông tin và Truyền thông', 'Sở Thông tin và Truyền thông'],
    ['S? TH\ufffdNG TIN V\ufffd TRUY?N TH\ufffdNG', 'S? Th\ufffdng tin v\ufffd Truy?n th\ufffdng'],
  ])('agency %s → %s', (caps, expected) => {
    expect(agencyName(caps)).toBe(expected);
  });

  it.each([
    ['PHÓ GIÁM ĐỐC', 'Phó Giám đốc'],
    ['GIÁM ĐỐC', 'Giám đốc'],
    ['PHÓ CHỦ TỊCH', 'Phó Chủ tịch'],
    ['CHÁNH VĂN PHÒNG', 'Chánh Văn phòng'],
    ['PHÓ CHÁNH VĂN PHÒNG', 'Phó Chánh Văn phòng'],
    ['TRƯỞNG PHÒNG NGHIỆP VỤ Y', 'Trưởng phòng Nghiệp vụ Y'],
    ['Giám đốc Sở', 'Giám đốc Sở'],
  ])('title %s → %s', (caps, expected) => {
    expect(officialTitle(caps)).toBe(expected);
  });

  it('names', () => {
    expect(personName('LÊ THỊ THU HƯƠNG')).toBe('Lê Thị Thu Hương');
    expect(personName('Lê Thị Thu Hương')).toBe('Lê Thị Thu Hương');
  });
});

describe('deadlines', () => {
  const one = (phrase: string, issuedOn = '2023-03-01') => {
    const { found, problems } = deadlinesIn(fold(phrase), phrase, issuedOn);
    return { instants: found.map((f) => f.instant), problems: problems.map((p) => p.reason), found };
  };

  it.each([
    ['báo cáo trước ngày 03/02/2021.', '2021-02-03T10:00:00.000Z'],
    ['trước ngày 03/2/2021', '2021-02-03T10:00:00.000Z'],
    ['trước 17 giờ ngày 05/3/2023', '2023-03-05T10:00:00.000Z'],
    ['trước 16 giờ 30 ngày 20/10/2023', '2023-10-20T09:30:00.000Z'],
    ['trước 16h30, ngày 20/10/2023', '2023-10-20T09:30:00.000Z'],
    ['trước 10 giờ ngày 03/11/2023', '2023-11-03T03:00:00.000Z'],
    ['trước 3 giờ chiều ngày 03/11/2023', '2023-11-03T08:00:00.000Z'],
    ['chậm nhất ngày 14/7/2023', '2023-07-14T10:00:00.000Z'],
    ['chậm nhất vào 17 giờ 00 ngày 10/01/2024', '2024-01-10T10:00:00.000Z'],
    ['chậm nhất là ngày 15.5.2023', '2023-05-15T10:00:00.000Z'],
    ['trước ngày 15 tháng 3 năm 2023', '2023-03-15T10:00:00.000Z'],
    ['hạn chót ngày 01/6/2023', '2023-06-01T10:00:00.000Z'],
    ['Thời hạn hoàn thành: trước ngày 30/6/2023', '2023-06-30T10:00:00.000Z'],
  ])('%s → %s', (phrase, instant) => {
    expect(one(phrase).instants).toEqual([instant]);
  });

  it('a date without a year takes the year of issue, or the next one when it would fall before it', () => {
    expect(one('trước ngày 15/3', '2023-03-01').found).toEqual([
      { instant: '2023-03-15T10:00:00.000Z', phrase: 'trước ngày 15/3', yearInferred: 2023 },
    ]);
    expect(one('trước ngày 05/01', '2023-12-26').instants).toEqual(['2024-01-05T10:00:00.000Z']);
  });

  it('impossible dates and times are problems, not deadlines', () => {
    expect(one('trước ngày 31/02/2024')).toMatchObject({ instants: [], problems: ['invalid'] });
    expect(one('trước 25 giờ ngày 01/01/2024')).toMatchObject({ instants: [], problems: ['invalid'] });
    expect(deadlinesIn(fold('trước ngày 15/3'), 'trước ngày 15/3', undefined).problems[0]?.reason).toBe('no-year');
  });

  it('dates that are not deadlines are ignored', () => {
    expect(one('Công văn số 1103/BTTTT-CVT ngày 31/3/2020').instants).toEqual([]);
    expect(one('phục vụ trước, trong và sau Tết').instants).toEqual([]);
    expect(one('báo cáo hằng ngày trước 15 giờ, tính từ ngày 10/7/2023').instants).toEqual([]);
  });

  it('working days', () => {
    expect(workingDaysIn(fold('trong thời hạn 05 ngày làm việc kể từ ngày nhận'))).toBe(5);
    expect(workingDaysIn(fold('trong vòng năm (05) ngày làm việc'))).toBe(5);
    expect(workingDaysIn(fold('trong thời hạn 05 ngày'))).toBeUndefined();
  });
});

describe('recurrence', () => {
  const rec = (s: string) => recurrenceIn(fold(s), '2023-07-07');

  it.each([
    [
      'báo cáo hằng ngày về Sở Y tế trước 15 giờ, đến hết ngày 31/7/2023',
      { every: 'P1D', at: '15:00', until: '2023-07-31' },
    ],
    ['cập nhật số liệu hàng ngày', { every: 'P1D' }],
    ['báo cáo trước 17 giờ hằng ngày', { every: 'P1D', at: '17:00' }],
    ['báo cáo định kỳ hằng tuần vào thứ Sáu', { every: 'P1W', weekday: 5 }],
    ['báo cáo hàng tuần vào thứ 2', { every: 'P1W', weekday: 1 }],
    ['tổng hợp, báo cáo trước ngày 25 hằng tháng', { every: 'P1M', dayOfMonth: 25 }],
    ['báo cáo hằng quý', { every: 'P3M' }],
  ])('%s', (text, expected) => {
    expect(rec(text)).toEqual(expected);
  });

  it('the first period: from the day the text names, else the day (or the named weekday) after issue', () => {
    const first = (s: string, issuedOn: string | undefined) => {
      const r = recurrenceIn(fold(s), issuedOn);
      return r && firstPeriodOf(r, fold(s), issuedOn);
    };
    expect(first('báo cáo hằng ngày trước 15 giờ, tính từ ngày 10/7/2023', '2023-07-07')).toEqual({
      instant: '2023-07-10T08:00:00.000Z',
      date: '2023-07-10',
    });
    // issued on Wednesday 28/6/2023: the first Friday is 30/6
    expect(first('báo cáo định kỳ hằng tuần vào thứ Sáu', '2023-06-28')?.date).toBe('2023-06-30');
    expect(first('báo cáo hằng tuần', '2023-06-28')?.date).toBe('2023-07-05');
    expect(first('báo cáo trước 17 giờ hằng ngày', '2023-10-10')?.instant).toBe('2023-10-11T10:00:00.000Z');
    expect(first('báo cáo hằng ngày', undefined)).toBeUndefined();
    expect(first('báo cáo hằng tháng', '2023-06-28')).toBeUndefined();
  });

  it('"hằng ngày" that asks for no report is not a duty', () => {
    expect(rec('bảo đảm nhu cầu thiết yếu hằng ngày của người dân')).toBeUndefined();
    expect(rec('đang hưởng trợ cấp xã hội hằng tháng tại cộng đồng')).toBeUndefined();
  });
});

describe('recipients', () => {
  it('slugs are ASCII, stable, at most 64 characters and unique', () => {
    expect(slugify('Công an tỉnh')).toBe('cong-an-tinh');
    expect(slugify('Ủy ban nhân dân các huyện, thị xã, thành phố')).toBe('uy-ban-nhan-dan-cac-huyen-thi-xa-thanh-pho');
    expect(slugify('Giám đốc các trung tâm giáo dục nghề nghiệp - giáo dục thường xuyên').length).toBeLessThanOrEqual(
      64,
    );
    expect(uniqueIds(['Sở Y tế', 'Sở Y tế', '???'])).toEqual(['so-y-te', 'so-y-te-2', 'don-vi-3']);
  });

  const index = new RecipientIndex(
    [
      'Công an tỉnh',
      'Bộ Chỉ huy Quân sự tỉnh',
      'Ủy ban nhân dân các huyện, thị xã, thành phố',
      'Các doanh nghiệp Bưu chính, Viễn thông trên địa bàn tỉnh',
    ].map((name) => ({ id: slugify(name), name, email: '' })),
  );

  it('a heading names recipients by their names, abbreviations or a part of a group', () => {
    expect(index.named('Bộ Chỉ huy Quân sự tỉnh; Công an tỉnh; UBND các huyện, thị xã, thành phố')).toEqual({
      ids: ['cong-an-tinh', 'bo-chi-huy-quan-su-tinh', 'uy-ban-nhan-dan-cac-huyen-thi-xa-thanh-pho'],
      unmatched: [],
      pure: true,
    });
    expect(index.named('Yêu cầu các doanh nghiệp Viễn thông').ids).toEqual([
      'cac-doanh-nghiep-buu-chinh-vien-thong-tren-dia-ban-tinh',
    ]);
    expect(index.named('Công an tỉnh, Sở Y tế')).toEqual({ ids: ['cong-an-tinh'], unmatched: ['Sở Y tế'], pure: true });
  });

  it('a sentence that mentions a recipient is not a heading', () => {
    expect(index.named('Phối hợp với Công an tỉnh').pure).toBe(false);
    expect(index.named('Lưu ý một số nội dung').pure).toBe(false);
  });

  it('a sentence names its doers first', () => {
    expect(index.leading('UBND các huyện, thị xã, thành phố chỉ đạo …')).toEqual([
      'uy-ban-nhan-dan-cac-huyen-thi-xa-thanh-pho',
    ]);
    expect(index.leading('Giao Công an tỉnh, Bộ Chỉ huy Quân sự tỉnh phối hợp …')).toEqual([
      'cong-an-tinh',
      'bo-chi-huy-quan-su-tinh',
    ]);
    expect(index.leading('Tổ chức kiểm tra Công an tỉnh')).toEqual([]);
  });
});

describe('copies', () => {
  it.each([
    ['- Bộ TT&TT (báo cáo);', { name: 'Bộ TT&TT', purpose: 'REPORT' }],
    ['- Ủy ban nhân dân tỉnh (b/c);', { name: 'Ủy ban nhân dân tỉnh', purpose: 'REPORT' }],
    ['- UBND tỉnh (để báo cáo);', { name: 'UBND tỉnh', purpose: 'REPORT' }],
    ['- Sở Giao thông vận tải (phối hợp);', { name: 'Sở Giao thông vận tải', purpose: 'COORDINATE' }],
    ['- Sở Công Thương (p/h);', { name: 'Sở Công Thương', purpose: 'COORDINATE' }],
    ['- Sở Y tế;', { name: 'Sở Y tế', purpose: 'INFORM' }],
    ['- Website Sở (để đăng tải);', { name: 'Website Sở', purpose: 'INFORM' }],
    ['- Lưu: VT, P.BCVT.', { name: 'Lưu: VT, P.BCVT', purpose: 'ARCHIVE' }],
    ['Lưu VT.', { name: 'Lưu VT', purpose: 'ARCHIVE' }],
    ['- Như trên;', 'same-as-above'],
  ])('%s', (line, expected) => {
    expect(copyOf(line)).toEqual(expected);
  });
});

describe('signer block', () => {
  const signer = (...lines: string[]) => {
    const pieces = lines.flatMap((line, i) => signerPieces(line, i > 0) ?? []);
    return signerFrom(pieces);
  };

  it.each([
    [['KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC', 'Lê Thị Thu Hương'], 'Lê Thị Thu Hương', 'Phó Giám đốc', 'KT. GIÁM ĐỐC'],
    [['KT. GIÁM ĐỐC PHÓ GIÁM ĐỐC', 'Lê Thị Thu Hương'], 'Lê Thị Thu Hương', 'Phó Giám đốc', 'KT. GIÁM ĐỐC'],
    [['PHÓ GIÁM ĐỐC Lê Thị Thu Hương'], 'Lê Thị Thu Hương', 'Phó Giám đốc', undefined],
    [
      ['TL. GIÁM ĐỐC', 'CHÁNH VĂN PHÒNG', '(Đã ký)', 'Đỗ Thị Thu Trang'],
      'Đỗ Thị Thu Trang',
      'Chánh Văn phòng',
      'TL. GIÁM ĐỐC',
    ],
    [
      ['TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH', 'Trần Anh Tuấn'],
      'Trần Anh Tuấn',
      'Phó Chủ tịch',
      'TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH',
    ],
    [['TM. ỦY BAN NHÂN DÂN CHỦ TỊCH', 'NGUYỄN VĂN A'], 'Nguyễn Văn A', 'Chủ tịch', 'TM. ỦY BAN NHÂN DÂN'],
  ])('%j', (lines, name, title, onBehalfOf) => {
    expect(signer(...lines)).toEqual({ name, title, ...(onBehalfOf ? { onBehalfOf } : {}) });
  });
});

describe('contacts', () => {
  it('reads the contact lines of the Gia Lai seed', () => {
    expect(contactIn('- Giám đốc Sở: 0913.421.376 (Đ/c Nguyễn Ngọc Hùng);')).toEqual({
      name: 'Nguyễn Ngọc Hùng',
      title: 'Giám đốc Sở',
      phone: '0913421376',
      text: 'Giám đốc Sở: 0913.421.376 (Đ/c Nguyễn Ngọc Hùng);',
    });
  });

  it('reads a person named first, with an email', () => {
    expect(
      contactIn(
        'Đầu mối: Ông Phạm Văn Đức, Trưởng phòng Khoáng sản, điện thoại: 0203.3835.128, email: duc.pv@tnmt.vn.',
      ),
    ).toMatchObject({
      name: 'Phạm Văn Đức',
      title: 'Trưởng phòng Khoáng sản',
      phone: '02033835128',
      email: 'duc.pv@tnmt.vn',
    });
  });

  it('normalises phone numbers to digits', () => {
    expect(phonesIn('ĐT: 0913 421 376; +84 932 532 789; (0269) 3.824.567').map((p) => p.number)).toEqual([
      '0913421376',
      '0932532789',
      '02693824567',
    ]);
    expect(phonesIn('ngày 31/3/2020, số 1103/BTTTT-CVT')).toEqual([]);
  });

  it('a leader with an email in the text gets no email warning', () => {
    const text = [
      'SỞ Y TẾ',
      'Số: 1/SYT',
      'Kính gửi: Trung tâm Y tế huyện.',
      '1. Báo cáo về Sở trước ngày 05/3/2024.',
      'Liên hệ: Đ/c Vũ Minh Tuấn, Phó Giám đốc Sở, điện thoại 0912.888.999, email: vmtuan@syt.example.vn.',
    ].join('\n');
    const { draft, warnings } = parseDirective(text);
    expect(draft.leadership).toEqual([
      { name: 'Vũ Minh Tuấn', title: 'Phó Giám đốc Sở', email: 'vmtuan@syt.example.vn', phone: '0912888999' },
    ]);
    expect(warnings.map((w) => w.field)).not.toContain('leadership.0.email');
  });
});

describe('text layer', () => {
  it('folds to one character per UTF-16 unit, broken letters as _', () => {
    const raw = 'Kính gửi: K�nh g?i';
    expect(fold(raw)).toBe('kinh gui: k_nh g_i');
    expect(fold(raw)).toHaveLength(raw.length);
  });

  it('tolerant keywords accept a broken letter where a diacritic could stand', () => {
    expect(tol('^kinh gui').test(fold('K�nh g?i:'))).toBe(true);
    expect(tol('^kinh gui').test(fold('Kxnh gui:'))).toBe(false);
  });

  it('drops page furniture and a header repeated on the next page', () => {
    const { lines } = prepare(
      ['SỞ Y TẾ', 'Số: 1/SYT', 'Kính gửi: A.', '1. Một', 'Trang 1/2', 'SỞ Y TẾ', '- 2 -', '2. Hai', '———', '3'].join(
        '\n',
      ),
    );
    expect(lines.map((l) => l.raw)).toEqual(['SỞ Y TẾ', 'Số: 1/SYT', 'Kính gửi: A.', '1. Một', '2. Hai']);
  });
});
