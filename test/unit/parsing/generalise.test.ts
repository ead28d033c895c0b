import { describe, expect, it } from 'vitest';
import { parseDirective } from '#parsing/index.ts';

/**
 * The general rules that the corpus (test/corpus, bench/cases/parser-corpus.ts) showed missing, each on a short text
 * written for it: layouts copying flattens, header fields written another way, and recipients named where a
 * sentence asks them to act.
 */

const letter = `SỞ THÔNG TIN VÀ TRUYỀN THÔNG
Số: 126 / STTTT - BCVT
Gia Lai, ngày 12.3.2024
Về: tăng cường bảo đảm thông tin liên lạc
Kính gửi: Các Sở: Giao thông vận tải, Y tế, Công thương. Thực hiện chỉ đạo của UBND tỉnh, Sở đề nghị các đơn vị rà soát hạ tầng viễn thông.
Các đơn vị gửi báo cáo trước ngày 20.3.2024.
Nơi nhận:
- Như trên;
- UBND tỉnh (để báo cáo);
- Lưu: VT.
GIÁM ĐỐC
Nguyễn Văn An`;

describe('header fields written another way', () => {
  const { draft } = parseDirective(letter);

  it('reads a number with spaced dashes, a date with dots and a "Về:" subject', () => {
    expect(draft.number).toBe('126/STTTT-BCVT');
    expect(draft.issuedOn).toBe('2024-03-12');
    expect(draft.subject).toBe('V/v tăng cường bảo đảm thông tin liên lạc');
  });

  it('cuts a "Kính gửi" line that runs into the body, and names one recipient per Sở of "các Sở: A, B, C"', () => {
    expect(draft.addressees).toEqual(['Các Sở: Giao thông vận tải, Y tế, Công thương']);
    expect(draft.recipients.map((r) => r.name)).toEqual(['Sở Giao thông vận tải', 'Sở Y tế', 'Sở Công thương']);
    expect(draft.body).toMatch(/^Thực hiện chỉ đạo/u);
  });

  it('gives the request the deadline of the paragraph after it', () => {
    expect(draft.tasks).toHaveLength(1);
    expect(draft.tasks[0]?.deadline).toBe('2024-03-20T10:00:00.000Z');
  });

  it('reads the purpose in parentheses of a copy', () => {
    expect(draft.copies).toContainEqual({ name: 'UBND tỉnh', purpose: 'REPORT' });
  });
});

describe('a header copied out of a table', () => {
  const text = [
    'Hệ thống pháp luật',
    'Đang tải nội dung, vui lòng chờ giây lát...',
    'ỦY BAN NHÂN DÂN',
    'TỈNH VĨNH LONG',
    '-------',
    '|',
    'CỘNG HÒA XÃ HỘI',
    'CHỦ NGHĨA VIỆT NAM',
    'Độc lập - Tự do - Hạnh phúc',
    '|',
    'Số: 07/CT-UBND',
    '|',
    'Vĩnh Long, ngày',
    '30 tháng 3 năm 2015',
    '|',
    'CHỈ THỊ',
    'VỀ TĂNG CƯỜNG CÔNG',
    'TÁC PHÒNG, CHỐNG THIÊN TAI',
    'Để chủ động phòng, tránh thiên tai, Chủ tịch Ủy ban nhân dân tỉnh chỉ thị:',
  ].join('\n');
  const { draft, unparsed } = parseDirective(text);

  it('joins each cell, drops the motto and the site furniture, and reads the caps subject under the title', () => {
    expect(draft.issuer).toBe('Ủy ban nhân dân tỉnh Vĩnh Long');
    expect(draft.number).toBe('07/CT-UBND');
    expect(draft.issuedOn).toBe('2015-03-30');
    expect(draft.subject).toBe('V/v TĂNG CƯỜNG CÔNG TÁC PHÒNG, CHỐNG THIÊN TAI');
    expect(unparsed).toEqual([]);
  });
});

describe('a news report without "Kính gửi"', () => {
  const text = [
    'Tập trung xử lý dứt điểm các nhiệm vụ quá hạn',
    'CHÂU NỮ |',
    'Chủ tịch UBND tỉnh yêu cầu giám đốc các sở, ban, ngành và chủ tịch UBND các huyện, thị xã, thành phố khẩn trương rà soát các nhiệm vụ và báo cáo kết quả về Chủ tịch UBND tỉnh trước ngày 20.7.2020.',
  ].join('\n');
  const { draft } = parseDirective(text);

  it('takes the units the sentence asks to act as recipients, the body that asks as issuer, never the byline', () => {
    expect(draft.issuer).toBe('UBND tỉnh');
    expect(draft.recipients.map((r) => r.name)).toEqual([
      'giám đốc các sở, ban, ngành',
      'chủ tịch UBND các huyện, thị xã, thành phố',
    ]);
    expect(draft.tasks.map((t) => [t.code, t.deadline, t.assigneeNames])).toEqual([
      ['1', '2020-07-20T10:00:00.000Z', ['giám đốc các sở, ban, ngành', 'chủ tịch UBND các huyện, thị xã, thành phố']],
    ]);
  });

  it('does not take a report of work given out ("UBND tỉnh giao 833 nhiệm vụ") for a request', () => {
    const report = parseDirective('Từ ngày 1.1 đến ngày 6.7, UBND tỉnh giao 833 nhiệm vụ cho các sở, ban, ngành.');
    expect(report.draft.tasks).toEqual([]);
  });
});

describe('section headings name the assignees', () => {
  const text = `Kính gửi:
- Bộ Chỉ huy Quân sự tỉnh;
- Công an tỉnh;
- UBND các huyện, thị xã, thành phố.
Sở đề nghị các đơn vị triển khai một số nội dung sau:
1. Bộ Chỉ huy Quân sự tỉnh; Công an tỉnh:
1.1. Hỗ trợ lực lượng ứng cứu thông tin.
1.2. Báo cáo kết quả về Sở trước ngày 03/02/2021.
2. UBND các huyện, thị xã, thành phố:
2.1. Thiết lập điểm cung cấp wifi miễn phí.`;
  const { draft } = parseDirective(text);

  it('gives each sub-item its heading, and the heading units as ids and as names', () => {
    const [first, , third] = draft.tasks;
    expect(first?.heading).toBe('1. Bộ Chỉ huy Quân sự tỉnh; Công an tỉnh:');
    expect(first?.assignees).toEqual(['bo-chi-huy-quan-su-tinh', 'cong-an-tinh']);
    expect(first?.assigneeNames).toEqual(['Bộ Chỉ huy Quân sự tỉnh', 'Công an tỉnh']);
    expect(third?.assigneeNames).toEqual(['UBND các huyện, thị xã, thành phố']);
  });
});
