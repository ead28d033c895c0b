import mammoth from 'mammoth';
import { UnsupportedFileError } from './errors.ts';
import { declaredUncompressedBytes, MAX_UNCOMPRESSED_BYTES } from './zip-guard.ts';

/**
 * The raw text of a DOCX: mammoth ends every paragraph, and every paragraph of a table cell, with a blank line, so
 * a two-column header table reads as its left cell then its right cell, each line its own.
 */
export const extractDocx = async (bytes: Uint8Array): Promise<string> => {
  const declared = declaredUncompressedBytes(bytes);
  if (declared === undefined || declared > MAX_UNCOMPRESSED_BYTES) throw new UnsupportedFileError('damaged');
  let value: string;
  try {
    ({ value } = await mammoth.extractRawText({ buffer: Buffer.from(bytes) }));
  } catch (cause) {
    throw new UnsupportedFileError('damaged', { cause });
  }
  const text = value
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t\u00a0]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  if (text === '') throw new UnsupportedFileError('empty');
  return text;
};
