import { describe, expect, it } from 'vitest';
import { type Block, dropFurniture, paragraphs, type Run, readingOrder } from '#files/layout.ts';

/** A run of text at (x, y), in PDF points, its width estimated at half the type size per character. */
const run = (text: string, x: number, y: number, options: { size?: number; font?: string } = {}): Run => {
  const size = options.size ?? 12;
  return { text, x, y, width: text.length * size * 0.5, size, ...(options.font ? { font: options.font } : {}) };
};
const texts = (blocks: Block[]) => blocks.map((block) => block.map((line) => line.text));
const text = (runs: Run[]) => readingOrder(runs).map(paragraphs);

describe('readingOrder', () => {
  it('reads a two-column header column by column, though its lines interleave in height', () => {
    const runs = [
      run('UBND TỈNH GIA LAI', 110, 780),
      run('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 300, 781),
      run('SỞ THÔNG TIN VÀ TRUYỀN THÔNG', 90, 765),
      run('Độc lập - Tự do - Hạnh phúc', 330, 765),
      run('Kính gửi: Công an tỉnh.', 85, 720),
    ];
    expect(texts(readingOrder(runs))).toEqual([
      ['UBND TỈNH GIA LAI', 'SỞ THÔNG TIN VÀ TRUYỀN THÔNG'],
      ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc'],
      ['Kính gửi: Công an tỉnh.'],
    ]);
  });

  it('keeps a line whole when its word spacing is wide, and puts spaces back between runs', () => {
    const runs = [run('1. Công an tỉnh:', 85, 700), run('Cung cấp đầu mối', 200, 700), run('liên hệ.', 300, 700)];
    expect(texts(readingOrder(runs))).toEqual([['1. Công an tỉnh: Cung cấp đầu mối liên hệ.']]);
  });

  it('splits one line at a tab-like gap ("Số: …      Gia Lai, ngày …")', () => {
    const runs = [run('Số: 126/STTTT-BCVT', 85, 700), run('Gia Lai, ngày 30 tháng 01 năm 2021', 330, 700)];
    expect(texts(readingOrder(runs))).toEqual([['Số: 126/STTTT-BCVT'], ['Gia Lai, ngày 30 tháng 01 năm 2021']]);
  });
});

describe('paragraphs', () => {
  it('joins a justified paragraph’s wrapped lines, and a hyphenated word without a space', () => {
    const runs = [
      run('Các doanh nghiệp bưu chính thực hiện đồng bộ các giải pháp', 85, 700), // 57 chars: 85 → 427
      run('tăng cường năng lực mạng lưới, phòng, chống dịch Covid-', 85, 685), // ends near the edge
      run('19 trên địa bàn.', 85, 670),
    ];
    expect(text(runs)).toEqual([
      [
        'Các doanh nghiệp bưu chính thực hiện đồng bộ các giải pháp tăng cường năng lực mạng lưới, phòng, chống dịch Covid-19 trên địa bàn.',
      ],
    ]);
  });

  it('starts a new paragraph at a first-line indent or a list marker', () => {
    const runs = [
      run('Theo đó, Sở TT&TT đề nghị các đơn vị tổ chức triển khai một số nội dung', 85, 700),
      run('sau đây.', 85, 685),
      run('Tổ chức kiểm tra, kiểm soát chặt chẽ hoạt động khai thác', 113, 670),
      run('a) Chỉ đạo các chi nhánh, đơn vị trực thuộc hỗ trợ phối hợp với', 85, 655),
    ];
    expect(text(runs)).toEqual([
      [
        'Theo đó, Sở TT&TT đề nghị các đơn vị tổ chức triển khai một số nội dung sau đây.',
        'Tổ chức kiểm tra, kiểm soát chặt chẽ hoạt động khai thác',
        'a) Chỉ đạo các chi nhánh, đơn vị trực thuộc hỗ trợ phối hợp với',
      ],
    ]);
  });

  it('joins a centred line only when the next one’s first word could not have fitted after it', () => {
    // the page's text area is 85–541: a body line runs across it
    const body = run('Căn cứ Công văn số 1110/BTTTT-CVT ngày 31/3/2020 của Bộ Thông tin và Truyền thông', 85, 400);
    const centred = (line: string, y: number) => {
      const width = line.length * 6;
      return run(line, 85 + (456 - width) / 2, y, { font: 'bold' });
    };
    const title = 'KẾ HOẠCH TRIỂN KHAI CÔNG TÁC ĐẢM BẢO THÔNG TIN LIÊN LẠC PHỤC VỤ TẾT NGUYÊN ĐÁN';
    expect(title.length * 6).toBeGreaterThan(456 * 0.85); // it filled the line: "QUÝ" did not fit after it
    const runs = [
      centred(title, 700),
      centred('QUÝ MÃO NĂM 2023', 685),
      // a signature block: two short lines, each its own
      centred('KT. GIÁM ĐỐC', 600),
      centred('PHÓ GIÁM ĐỐC', 585),
      body,
    ];
    expect(text(runs)).toEqual([[`${title} QUÝ MÃO NĂM 2023`], ['KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC'], [body.text]]);
  });
});

describe('dropFurniture', () => {
  const page = (lines: Run[]) => ({ height: 842, blocks: readingOrder(lines) });

  it('drops page numbers and running headers in the margins, keeps numbers in the body', () => {
    const pages = [
      page([run('Công văn 126/STTTT-BCVT', 85, 810), run('Nội dung trang một.', 85, 600), run('1', 290, 30)]),
      page([run('Công văn 126/STTTT-BCVT', 85, 810), run('- 2 -', 280, 790), run('2', 85, 600)]),
    ];
    expect(dropFurniture(pages).map(texts)).toEqual([[['Nội dung trang một.']], [['2']]]);
  });
});
