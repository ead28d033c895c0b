import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import type { DirectiveFile } from '#core/directive-file.ts';
import { download } from '#handlers/http/download.ts';
import { DirectiveFiles, FullText } from '#web/directive-files.tsx';

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');

const signed: DirectiveFile = {
  fileId: '01JH6Y6W8ZQ3M5X2C4V7B9N0PR',
  name: 'Công văn 126 (ký số).pdf',
  size: 204_800,
  contentType: 'application/pdf',
  sha256: 'ab'.repeat(32),
  uploadedAt: '2021-01-30T04:00:00.000Z',
  signature: {
    signer: { commonName: 'Lê Thị Thu Hương', organization: 'Sở Thông tin và Truyền thông tỉnh Gia Lai' },
    signedAt: '2021-01-30T16:45:00.000Z',
    intact: true,
  },
};
const annex: DirectiveFile = {
  ...signed,
  fileId: '01JH6Y6W8ZQ3M5X2C4V7B9N0PS',
  name: 'Phụ lục.png',
  signature: undefined,
};
const hrefOf = (id: string) => `/r/tok/files/${id}`;

describe('who signed the original, as the recipient page and the dashboard show it', () => {
  it('signer CN and O, the time in Hà Nội (dd/mm/yyyy HH:mm, the next day here), intact, and what was not checked', () => {
    const html = renderToString(
      <DirectiveFiles files={{ original: signed, annexes: [annex] }} hrefOf={hrefOf} lang="vi" />,
    );
    const shown = text(html);
    expect(shown).toContain('Lê Thị Thu Hương');
    expect(shown).toContain('Sở Thông tin và Truyền thông tỉnh Gia Lai');
    // 16:45 UTC is 23:45 in Hà Nội; 17:00 UTC would already be the 31st.
    expect(shown).toContain('30/01/2021 23:45');
    expect(shown).toContain('chữ ký hợp lệ về mặt toàn vẹn; chưa kiểm tra chuỗi chứng thư');
    expect(html).toContain(`href="${hrefOf(signed.fileId)}"`);
    expect(html).toContain(`href="${hrefOf(annex.fileId)}"`);
    expect(shown).toContain('Bản gốc');
    expect(shown).toContain('Phụ lục 1');
  });

  it('a signature over changed bytes says it is not valid', () => {
    const broken = { ...signed, signature: { ...signed.signature, intact: false } } as DirectiveFile;
    const shown = text(
      renderToString(<DirectiveFiles files={{ original: broken, annexes: [] }} hrefOf={hrefOf} lang="vi" />),
    );
    expect(shown).toContain('chữ ký KHÔNG hợp lệ');
    expect(shown).not.toContain('chữ ký hợp lệ về mặt toàn vẹn');
  });

  it('in English under ?lang=en', () => {
    const shown = text(
      renderToString(<DirectiveFiles files={{ original: signed, annexes: [] }} hrefOf={hrefOf} lang="en" />),
    );
    expect(shown).toContain('the signature is valid as to integrity; the certificate chain has not been checked');
    expect(shown).toContain('Signed at (Hà Nội time)');
  });

  it('no files, no section', () => {
    expect(renderToString(<DirectiveFiles files={{ annexes: [] }} hrefOf={hrefOf} lang="vi" />)).toBe('');
  });
});

describe('the full text and the download headers', () => {
  it('every line of the full text is a paragraph of its own', () => {
    const html = renderToString(<FullText text={'1. Công an tỉnh:\n\n1.1. Chỉ đạo.\nTrường hợp đột xuất báo cáo.'} />);
    expect(html.match(/<p>/g)).toHaveLength(3);
  });

  it('names the file in RFC 6266 form: an ASCII fallback, then filename* in UTF-8 (RFC 5987, parentheses escaped)', () => {
    const r = download(Buffer.from('%PDF'), 'application/pdf', 'Công văn (ký số).pdf');
    expect(r.headers?.['content-disposition']).toBe(
      `attachment; filename="Cong-van-ky-so.pdf"; filename*=UTF-8''C%C3%B4ng%20v%C4%83n%20%28k%C3%BD%20s%E1%BB%91%29.pdf`,
    );
    expect(r.headers?.['x-content-type-options']).toBe('nosniff');
  });
});
