import { UnsupportedFileError } from './errors.ts';

/** A text file as officials save them: UTF-8 with or without a BOM (Notepad), or UTF-16 with a BOM. */
export const decodeText = (bytes: Uint8Array): string => {
  let text: string;
  try {
    if (bytes[0] === 0xff && bytes[1] === 0xfe) text = new TextDecoder('utf-16le', { fatal: true }).decode(bytes);
    else if (bytes[0] === 0xfe && bytes[1] === 0xff) text = new TextDecoder('utf-16be', { fatal: true }).decode(bytes);
    // TextDecoder drops a UTF-8 BOM itself
    else text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (cause) {
    throw new UnsupportedFileError('damaged', { cause });
  }
  // the UTF-16 decoders keep the BOM
  text = text.replace(/^\ufeff/, '').replace(/\r\n?/g, '\n');
  if (text.trim() === '') throw new UnsupportedFileError('empty');
  return text;
};
