/**
 * What can go wrong reading a file an official brings. The app maps these to problems (422 for a scan, 415/422
 * for the rest); nothing else may escape extractText or readPdfSignature for any input bytes.
 */

/** A PDF whose pages carry no text (a scan or a photo printed to PDF): only the paste step can help. */
export class NoTextLayerError extends Error {
  override readonly name = 'NoTextLayerError';
  constructor(readonly pages: number) {
    super(`The PDF has ${pages} page(s) and no text layer`);
  }
}

export type UnsupportedReason =
  /** not a DOCX, PDF or text file (an image, an archive, random bytes) */
  | 'format'
  /** the format is recognised but the file is broken or truncated */
  | 'damaged'
  /** a password-protected PDF */
  | 'encrypted'
  /** readable, yet no text in it (an empty DOCX, an empty text file) */
  | 'empty';

export class UnsupportedFileError extends Error {
  override readonly name = 'UnsupportedFileError';
  constructor(
    readonly reason: UnsupportedReason,
    options?: { cause?: unknown },
  ) {
    super(`Unsupported file: ${reason}`, options);
  }
}
