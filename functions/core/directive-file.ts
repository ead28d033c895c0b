import * as z from 'zod/mini';
import type { Field } from '#contracts/problems.ts';
import { says } from './problems.ts';

/**
 * A file that travels with a directive: its original (the signed PDF as sent) or an annex. Uploaded once, then
 * named by id in the create body; kept as long as the directive, its bytes never rewritten (a new upload is a new
 * id), so a sha256 taken at upload stays true for every agency that downloads it.
 */

/** What the upload route accepts, by magic bytes (never by name or by the browser's content type). */
export const FILE_CONTENT_TYPES = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  png: 'image/png',
  jpeg: 'image/jpeg',
} as const;
export type StoredFileType = keyof typeof FILE_CONTENT_TYPES;

/** Uploads through the API: Lambda's payload limit leaves room for 4 MB in a multipart body. */
export const MAX_FILE_BYTES = 4 * 1024 * 1024;
/** The invitation carries the original itself up to this size; past it, a link. Mail gateways refuse big mail. */
export const MAX_EMAILED_BYTES = 3 * 1024 * 1024;
/** Annexes per directive. */
export const MAX_ANNEXES = 20;

/** The signature embedded in a PDF, as read at upload: integrity only, no chain to a national root. */
export type FileSignature = {
  signer: { commonName?: string; organization?: string };
  /** ISO instant. */
  signedAt?: string;
  intact: boolean;
};

export type DirectiveFile = {
  fileId: string;
  /** As the official's computer named it. */
  name: string;
  size: number;
  contentType: string;
  sha256: string;
  uploadedAt: string;
  signature?: FileSignature;
};

/** What an uploader gets back. */
export const fileSummary = ({ fileId, name, size, contentType, sha256 }: DirectiveFile) => ({
  fileId,
  name,
  size,
  contentType,
  sha256,
});

/** Ids are ULIDs: a malformed one names no file, and never reaches a key. */
export const FILE_ID = /^[0-9A-HJKMNP-TV-Z]{26}$/;
export const fileIdSchema = (field: Field) =>
  z.string(says('field.invalid', { field })).check(z.regex(FILE_ID, says('field.invalid', { field })));

/** A name as shown and sent back in Content-Disposition: no path, no control characters, at most 200 characters. */
export const cleanFileName = (raw: string | undefined, type: StoredFileType) => {
  const base = (raw ?? '')
    .normalize('NFC')
    .replace(/^.*[\\/]/, '')
    .replace(/\p{Cc}/gu, '')
    .trim();
  const name = base === '' ? `tep.${type}` : base;
  if (name.length <= 200) return name;
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 && name.length - dot <= 10 ? name.slice(dot) : '';
  return name.slice(0, 200 - ext.length) + ext;
};
