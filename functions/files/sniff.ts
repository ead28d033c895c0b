export type SniffedType = 'pdf' | 'docx' | 'png' | 'jpeg' | 'text';

const startsWith = (bytes: Uint8Array, prefix: readonly number[], at = 0) =>
  bytes.length >= at + prefix.length && prefix.every((byte, i) => bytes[at + i] === byte);

const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];
const UTF8_BOM = [0xef, 0xbb, 0xbf];
const UTF16LE_BOM = [0xff, 0xfe];
const UTF16BE_BOM = [0xfe, 0xff];

const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));
// A DOCX is a zip whose parts include word/document.xml; the name sits in a local file header, uncompressed.
const WORD_PART = ascii('word/');
const CONTENT_TYPES = ascii('[Content_Types].xml');

const contains = (bytes: Uint8Array, needle: readonly number[], limit: number) => {
  const end = Math.min(bytes.length, limit) - needle.length;
  for (let i = 0; i <= end; i++) if (startsWith(bytes, needle, i)) return true;
  return false;
};

/** PDF files may carry junk before the header (readers look within the first 1024 bytes). */
const isPdf = (bytes: Uint8Array) => contains(bytes, PDF, 1024);

const isDocx = (bytes: Uint8Array) =>
  startsWith(bytes, ZIP) &&
  // [Content_Types].xml plus a word/ part: Word, LibreOffice and the docx library all write these first.
  contains(bytes, WORD_PART, 64 * 1024) &&
  contains(bytes, CONTENT_TYPES, 64 * 1024);

const fatal = new TextDecoder('utf-8', { fatal: true });

/**
 * Text if it is UTF-16 with a BOM, or valid UTF-8 without control bytes other than whitespace (checked on a prefix,
 * cut back to a character boundary).
 */
const isText = (bytes: Uint8Array) => {
  if (startsWith(bytes, UTF16LE_BOM) || startsWith(bytes, UTF16BE_BOM)) return bytes.length % 2 === 0;
  const body = startsWith(bytes, UTF8_BOM) ? bytes.subarray(3) : bytes;
  let end = Math.min(body.length, 64 * 1024);
  // back off a multi-byte sequence the prefix cut through
  if (end < body.length) while (end > 0 && ((body[end] ?? 0) & 0xc0) === 0x80) end--;
  let decoded: string;
  try {
    decoded = fatal.decode(body.subarray(0, end));
  } catch {
    return false;
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control bytes are exactly what marks a binary file
  return !/[\u0000-\u0008\u000b\u000e-\u001f\u007f]/.test(decoded);
};

/** The type of a file from its bytes, never from its name: what the upload route accepts and extractText reads. */
export const sniffFileType = (bytes: Uint8Array): SniffedType | undefined => {
  if (bytes.length === 0) return undefined;
  if (isPdf(bytes)) return 'pdf';
  if (isDocx(bytes)) return 'docx';
  if (startsWith(bytes, PNG)) return 'png';
  if (startsWith(bytes, JPEG)) return 'jpeg';
  if (isText(bytes)) return 'text';
  return undefined;
};
