import { readFileSync } from 'node:fs';
import mammoth from 'mammoth';
import { describe, expect, it, vi } from 'vitest';
import { extractText, NoTextLayerError, UnsupportedFileError } from '#files/index.ts';
import { declaredUncompressedBytes, MAX_UNCOMPRESSED_BYTES } from '#files/zip-guard.ts';
import { type DraftDirective, parseDirective } from '#parsing/index.ts';

const FIXTURES = new URL('../../fixtures/files/', import.meta.url);
const fixture = (name: string) => new Uint8Array(readFileSync(new URL(name, FIXTURES)));
const SEEDS = process.env.SEEDS_DIR ?? '/work/shared/seeds';
const seed = (name: string) => readFileSync(`${SEEDS}/${name}`, 'utf8');

/**
 * The fields the issue names, plus the full text: the whole letter, every paragraph in order, is what the
 * recipient page shows, so a file must give the same as its text. Nothing differs today; a field that came to
 * differ would be named here with the reason.
 */
const fields = (draft: DraftDirective) => ({
  number: draft.number,
  issuer: draft.issuer,
  issuedOn: draft.issuedOn,
  subject: draft.subject,
  recipients: draft.recipients.map((recipient) => recipient.name),
  tasks: draft.tasks.map((task) => ({ code: task.code, deadline: task.deadline })),
  signer: draft.signer,
  fullText: draft.fullText,
});

const parsedFile = async (name: string) => {
  const extracted = await extractText({ bytes: fixture(name), name });
  return { extracted, draft: parseDirective(extracted.text).draft };
};

describe('a file parses to the same draft as its text', () => {
  const giaLai = parseDirective(seed('gia-lai-126-STTTT-BCVT.txt')).draft;

  it('the Gia Lai letter as DOCX (header as a two-column table)', async () => {
    const { extracted, draft } = await parsedFile('gia-lai-126.docx');
    expect(extracted.format).toBe('docx');
    expect(fields(draft)).toEqual(fields(giaLai));
    // the draft is a real one: the comparison would pass for two empty drafts otherwise
    expect(giaLai).toMatchObject({ number: '126/STTTT-BCVT', issuedOn: '2021-01-30' });
    expect(giaLai.tasks.length).toBeGreaterThan(5);
  });

  it('the Gia Lai letter as PDF: the two-column header comes out as two blocks, not interleaved', async () => {
    const { extracted, draft } = await parsedFile('gia-lai-126.pdf');
    expect(extracted).toMatchObject({ format: 'pdf', pages: 4 });
    expect(extracted.text).toContain(
      'UBND TỈNH GIA LAI\nSỞ THÔNG TIN VÀ TRUYỀN THÔNG\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\nSố: 126/STTTT-BCVT\nV/v đảm bảo thông tin liên lạc và chất lượng dịch vụ bưu chính, viễn thông',
    );
    // "Nơi nhận" (left) and the signature (right) are side by side too
    expect(extracted.text).toMatch(/- Lưu: VT, P\.BCVT\.\n\nKT\. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\n\nLê Thị Thu Hương$/);
    expect(fields(draft)).toEqual(fields(giaLai));
  });

  it('a two-page PDF with Word-like paragraphs (first-line indent only) and page numbers', async () => {
    const { extracted, draft } = await parsedFile('two-page.pdf');
    expect(extracted).toMatchObject({ format: 'pdf', pages: 2 });
    // the page numbers printed in the top margin are dropped
    expect(extracted.text.split('\n').filter((line) => /^\s*\d+\s*$/.test(line))).toEqual([]);
    // wrapped lines are one paragraph again; paragraphs stay apart
    expect(extracted.text).toContain(
      '\nTheo đó, Sở TT&TT đề nghị các đơn vị tổ chức triển khai thực hiện một số nội dung sau:\nUBND các huyện, thị xã, thành phố chỉ đạo Phòng Văn hoá và Thông tin đôn đốc,',
    );
    expect(fields(draft)).toEqual(fields(parseDirective(seed('thanh-hoa-2915-STTTT-BCVT.txt')).draft));
  });
});

describe('a page drawn sideways', () => {
  it('is read in the direction its text runs', async () => {
    const { text } = await extractText({ bytes: fixture('rotated.pdf'), name: 'rotated.pdf' });
    expect(text).toMatch(
      /^UBND TỈNH GIA LAI\nSỞ THÔNG TIN VÀ TRUYỀN THÔNG\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\nSố: 126\/STTTT-BCVT\n/,
    );
    expect(text).toContain('\n\nKính gửi:\n\n');
  });
});

describe('what cannot be read', () => {
  it('a scanned PDF (one picture, no text layer) is a NoTextLayerError', async () => {
    const reading = extractText({ bytes: fixture('scan.pdf'), name: 'cong-van-126.pdf' });
    await expect(reading).rejects.toBeInstanceOf(NoTextLayerError);
    await expect(reading).rejects.toMatchObject({ pages: 1 });
  });

  it('a PNG, even named .pdf, is an UnsupportedFileError of format', async () => {
    await expect(
      extractText({ bytes: fixture('letter.png'), name: 'cong-van.pdf', contentType: 'application/pdf' }),
    ).rejects.toMatchObject({ name: 'UnsupportedFileError', reason: 'format' });
  });

  it('a truncated PDF is damaged, a password-free empty text is empty', async () => {
    const pdf = fixture('gia-lai-126.pdf');
    await expect(extractText({ bytes: pdf.subarray(0, 2000), name: 'a.pdf' })).rejects.toBeInstanceOf(
      UnsupportedFileError,
    );
    await expect(extractText({ bytes: new TextEncoder().encode(' \n\t\n'), name: 'a.txt' })).rejects.toMatchObject({
      reason: 'empty',
    });
  });

  it('a zip that is not a Word file is not taken for one', async () => {
    const docx = fixture('gia-lai-126.docx');
    // the same zip with its parts renamed away from word/
    const renamed = new Uint8Array(docx);
    const latin1 = Buffer.from(renamed).toString('latin1');
    for (let at = latin1.indexOf('word/'); at >= 0; at = latin1.indexOf('word/', at + 1)) renamed[at] = 0x78; // 'x'
    await expect(extractText({ bytes: renamed, name: 'a.docx' })).rejects.toMatchObject({ reason: 'format' });
  });
});

describe('a DOCX that would inflate beyond reason', () => {
  /** The fixture with its central directory declaring `size` bytes for its first part (the zip-bomb shape). */
  const declaring = (size: number) => {
    const copy = new Uint8Array(fixture('gia-lai-126.docx'));
    const view = new DataView(copy.buffer);
    const at = Buffer.from(copy).indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    view.setUint32(at + 24, size, true);
    return copy;
  };

  it('reads the sizes the fixture declares', () => {
    const docx = fixture('gia-lai-126.docx');
    const declared = declaredUncompressedBytes(docx) ?? 0;
    expect(declared).toBeGreaterThan(docx.length);
    expect(declared).toBeLessThan(1024 * 1024);
    expect(declaredUncompressedBytes(declaring(MAX_UNCOMPRESSED_BYTES + 1))).toBeGreaterThan(MAX_UNCOMPRESSED_BYTES);
  });

  it('is refused before anything is inflated', async () => {
    const inflate = vi.spyOn(mammoth, 'extractRawText');
    try {
      await expect(
        extractText({ bytes: declaring(MAX_UNCOMPRESSED_BYTES + 1), name: 'bomb.docx' }),
      ).rejects.toMatchObject({ name: 'UnsupportedFileError', reason: 'damaged' });
      expect(inflate).not.toHaveBeenCalled();
      // the control: the same spy sees a normal DOCX being read
      await extractText({ bytes: fixture('gia-lai-126.docx'), name: 'a.docx' });
      expect(inflate).toHaveBeenCalledTimes(1);
    } finally {
      inflate.mockRestore();
    }
  });
});

describe('the caller’s bytes', () => {
  it('are left as they were (pdfjs detaches the buffer it is given)', async () => {
    const pdf = fixture('two-page.pdf');
    const before = Buffer.from(pdf).toString('base64');
    await extractText({ bytes: pdf, name: 'a.pdf' });
    expect(pdf.byteLength).toBeGreaterThan(0);
    expect(Buffer.from(pdf).toString('base64')).toBe(before);
  });
});

describe('text files as officials save them', () => {
  const text = 'Số: 126/STTTT-BCVT\r\nGia Lai, ngày 30 tháng 01 năm 2021\r\n';
  const expected = 'Số: 126/STTTT-BCVT\nGia Lai, ngày 30 tháng 01 năm 2021\n';
  const utf16 = (value: string, bigEndian: boolean) => {
    const bytes = Buffer.from(`\ufeff${value}`, 'utf16le');
    return new Uint8Array(bigEndian ? bytes.swap16() : bytes);
  };

  it.each([
    ['UTF-8', new TextEncoder().encode(text)],
    ['UTF-8 with a BOM', new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)])],
    ['UTF-16 LE with a BOM', utf16(text, false)],
    ['UTF-16 BE with a BOM', utf16(text, true)],
  ])('%s', async (_, bytes) => {
    await expect(extractText({ bytes, name: 'cong-van.txt' })).resolves.toEqual({ format: 'text', text: expected });
  });

  it('decomposed Vietnamese (as some PDF and Mac tools write it) comes out composed', async () => {
    const decomposed = 'Hương'.normalize('NFD');
    expect(decomposed).not.toBe('Hương');
    const { text: out } = await extractText({ bytes: new TextEncoder().encode(decomposed), name: 'a.txt' });
    expect(out).toBe('Hương');
  });
});
