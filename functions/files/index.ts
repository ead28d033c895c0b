/**
 * Reading the files officials bring: the text of a DOCX, a PDF or a text file for the parser, the type of an
 * upload from its bytes, and who signed a PDF. Every failure is a NoTextLayerError or an UnsupportedFileError.
 */
import { NoTextLayerError, UnsupportedFileError } from './errors.ts';
import { sniffFileType } from './sniff.ts';
import { decodeText } from './text.ts';

export { NoTextLayerError, UnsupportedFileError, type UnsupportedReason } from './errors.ts';
export { type PdfSignature, readPdfSignature } from './signature.ts';
export { type SniffedType, sniffFileType } from './sniff.ts';

export type FileToRead = { bytes: Uint8Array; name: string; contentType?: string };
export type ExtractedText = { format: 'docx' | 'pdf' | 'text'; text: string; pages?: number };

// PDFs and Word files may spell Vietnamese with combining marks; the parser and the directory compare NFC.
const tidy = (text: string) => text.normalize('NFC');

/**
 * The text of a file, by its bytes (the name and content type are the browser's guess and are not trusted).
 * Throws NoTextLayerError for a PDF without text (a scan) and UnsupportedFileError for anything else unreadable.
 */
export const extractText = async (file: FileToRead): Promise<ExtractedText> => {
  const type = sniffFileType(file.bytes);
  try {
    switch (type) {
      // pdfjs and mammoth are loaded on the first file that needs them (esbuild inlines them, evaluated lazily): the
      // pages and routes of the same function that read no file do not pay their cold import.
      case 'pdf': {
        const { extractPdf } = await import('./pdf.ts');
        const { text, pages } = await extractPdf(file.bytes);
        return { format: 'pdf', text: tidy(text), pages };
      }
      case 'docx': {
        const { extractDocx } = await import('./docx.ts');
        return { format: 'docx', text: tidy(await extractDocx(file.bytes)) };
      }
      case 'text':
        return { format: 'text', text: tidy(decodeText(file.bytes)) };
      default:
        throw new UnsupportedFileError('format');
    }
  } catch (error) {
    // a library's surprise must not become a 500: everything leaves as one of the two typed errors
    if (error instanceof NoTextLayerError || error instanceof UnsupportedFileError) throw error;
    throw new UnsupportedFileError('damaged', { cause: error });
  }
};
