import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractText, NoTextLayerError, readPdfSignature, sniffFileType, UnsupportedFileError } from '#files/index.ts';

/**
 * Whatever bytes are uploaded, reading them ends in text or in one of the two typed errors that the app maps to
 * a 4xx: never a library's own error (which would become a 500), never a hang.
 */

const FIXTURES = new URL('../../fixtures/files/', import.meta.url);
const fixture = (name: string) => new Uint8Array(readFileSync(new URL(name, FIXTURES)));
const ascii = (text: string) => new TextEncoder().encode(text);
const concat = (...parts: Uint8Array[]) => new Uint8Array(parts.flatMap((part) => [...part]));

const readsOrFailsTyped = async (bytes: Uint8Array) => {
  try {
    const { text } = await extractText({ bytes, name: 'upload' });
    expect(typeof text).toBe('string');
  } catch (error) {
    if (!(error instanceof NoTextLayerError || error instanceof UnsupportedFileError)) throw error;
  }
  // a signature that cannot be read is "not intact" or absent, never an exception
  const signature = await readPdfSignature(bytes);
  expect(signature === undefined || typeof signature.intact === 'boolean').toBe(true);
};

/** A file with a few bytes overwritten and possibly cut short: what a broken upload or a bad disk gives. */
const mutated = (original: Uint8Array) =>
  fc
    .record({
      edits: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 20 }),
      cut: fc.option(fc.nat(), { nil: undefined }),
    })
    .map(({ edits, cut }) => {
      const copy = new Uint8Array(original);
      for (const [at, value] of edits) copy[at % copy.length] = value;
      return cut === undefined ? copy : copy.subarray(0, cut % copy.length);
    });

describe('garbage in, a typed error out', () => {
  it('random bytes', async () => {
    await fc.assert(fc.asyncProperty(fc.uint8Array({ maxLength: 2048 }), readsOrFailsTyped), { numRuns: 200 });
  });

  it('random bytes behind each format’s magic', async () => {
    const magic = fc.constantFrom(
      ascii('%PDF-1.7\n'),
      concat(new Uint8Array([0x50, 0x4b, 0x03, 0x04]), ascii('[Content_Types].xml word/document.xml')),
      new Uint8Array([0xff, 0xfe]),
      new Uint8Array([0xef, 0xbb, 0xbf]),
    );
    await fc.assert(
      fc.asyncProperty(magic, fc.uint8Array({ maxLength: 2048 }), (head, tail) =>
        readsOrFailsTyped(concat(head, tail)),
      ),
      { numRuns: 120 },
    );
  });

  it('a PDF with bytes overwritten or cut short', async () => {
    await fc.assert(fc.asyncProperty(mutated(fixture('two-page.pdf')), readsOrFailsTyped), { numRuns: 30 });
  });

  it('a DOCX with bytes overwritten or cut short', async () => {
    await fc.assert(fc.asyncProperty(mutated(fixture('gia-lai-126.docx')), readsOrFailsTyped), { numRuns: 30 });
  });

  it('a PDF signature dictionary around random bytes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 512 }), fc.nat(5000), async (cms, length) => {
        const hex = Buffer.from(cms).toString('hex');
        const head = `%PDF-1.7\n<< /ByteRange [0 30 ${30 + hex.length + 2} ${length}] /Contents <`;
        const signature = await readPdfSignature(concat(ascii(head), ascii(hex), ascii('> >>\n%%EOF\n')));
        expect(signature?.intact).toBe(false);
      }),
      { numRuns: 200 },
    );
  });
});

describe('sniffFileType', () => {
  it('knows each fixture by its bytes', () => {
    expect(sniffFileType(fixture('gia-lai-126.pdf'))).toBe('pdf');
    expect(sniffFileType(fixture('scan.pdf'))).toBe('pdf');
    expect(sniffFileType(fixture('gia-lai-126.docx'))).toBe('docx');
    expect(sniffFileType(fixture('letter.png'))).toBe('png');
    expect(sniffFileType(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]))).toBe('jpeg');
    expect(sniffFileType(ascii('Kính gửi: Công an tỉnh'))).toBe('text');
  });

  it('refuses what is none of them', () => {
    expect(sniffFileType(new Uint8Array())).toBeUndefined();
    expect(sniffFileType(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]))).toBeUndefined(); // a zip, not Word
    expect(sniffFileType(new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]))).toBeUndefined(); // an ELF binary
    expect(sniffFileType(new Uint8Array([0x4b, 0xe1, 0x6e, 0x68]))).toBeUndefined(); // Latin-1, not UTF-8
  });

  it('text cut inside a multi-byte character at the sniffing limit is still text', () => {
    const long = ascii(`${'a'.repeat(64 * 1024 - 1)}ươ`);
    expect(sniffFileType(long)).toBe('text');
  });
});
