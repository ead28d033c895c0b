import { problem } from '#contracts/problems.ts';
import { UnprocessableError, ValidationError } from '#core/errors.ts';
import { extractText, NoTextLayerError, UnsupportedFileError } from '#files/index.ts';
import { type ParseResult, parseDirective } from '#parsing/index.ts';

export type FileInput = { bytes: Uint8Array; name: string; contentType?: string | undefined };

/** The parse step's answer for a file: what pasting its text gives, and the text itself to show and edit. */
export type ParsedFile = ParseResult & { text: string };

/** An unreadable file is bad input on the form's `file` field; a scan is readable only by a person (422). */
const unreadable = (error: unknown): never => {
  if (error instanceof NoTextLayerError) throw new UnprocessableError(problem('file.noTextLayer'));
  if (error instanceof UnsupportedFileError) {
    const code =
      error.reason === 'format' ? 'file.unsupported' : error.reason === 'empty' ? 'file.noText' : 'file.unreadable';
    throw new ValidationError([{ path: 'file', ...problem(code) }]);
  }
  throw error;
};

/**
 * Reads a DOCX, a PDF with a text layer or a text file into a draft of the create body, as the paste step does
 * with the same text. Nothing is stored: the official stores the original separately (storeFile) if it is to
 * travel with the directive.
 */
export const parseFile = async (file: FileInput): Promise<ParsedFile> => {
  const { text } = await extractText(file).catch((error: unknown) => unreadable(error));
  if (text.trim() === '') throw new ValidationError([{ path: 'file', ...problem('file.noText') }]);
  return { ...parseDirective(text), text };
};
