import { createHash } from 'node:crypto';
import { monotonicFactory } from 'ulid';
import { putFileBytes } from '#adapters/directive-files.ts';
import { putFileRecord } from '#adapters/store/files.ts';
import { type Problem, problem } from '#contracts/problems.ts';
import {
  cleanFileName,
  type DirectiveFile,
  FILE_CONTENT_TYPES,
  fileSummary,
  MAX_FILE_BYTES,
  type StoredFileType,
} from '#core/directive-file.ts';
import { ValidationError } from '#core/errors.ts';
import { readPdfSignature, sniffFileType } from '#files/index.ts';
import type { FileInput } from './parse-file.ts';

const ulid = monotonicFactory();

const onFile = (p: Problem) => new ValidationError([{ path: 'file', ...p }]);

const storable = (type: string | undefined): type is StoredFileType =>
  type !== undefined && Object.hasOwn(FILE_CONTENT_TYPES, type);

/**
 * Stores an uploaded file to travel with a directive: typed by its bytes (DOCX, PDF, PNG, JPEG), at most 4 MB.
 * The bytes go first and the record last, so a record always names bytes that exist; a crash in between leaves
 * an object that no record names. A PDF's embedded signature is read once, here, and kept with the record.
 */
export const storeFile = async (file: FileInput) => {
  const bytes = Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength);
  if (bytes.length === 0) throw onFile(problem('attachment.empty'));
  if (bytes.length > MAX_FILE_BYTES)
    throw onFile(problem('field.tooLargeMb', { field: 'file', mb: MAX_FILE_BYTES / 1024 / 1024 }));
  const type = sniffFileType(bytes);
  if (!storable(type)) throw onFile(problem('file.unsupported'));
  const contentType = FILE_CONTENT_TYPES[type];
  const signature = type === 'pdf' ? await readPdfSignature(bytes).catch(() => undefined) : undefined;
  const record: DirectiveFile = {
    fileId: ulid(),
    name: cleanFileName(file.name, type),
    size: bytes.length,
    contentType,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    uploadedAt: new Date().toISOString(),
    ...(signature ? { signature } : {}),
  };
  await putFileBytes(record.fileId, contentType, bytes);
  await putFileRecord(record);
  return fileSummary(record);
};
