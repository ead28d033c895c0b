import { randomBytes } from 'node:crypto';
import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { config, ENV } from '#contracts/environment.ts';
import type { Attachment } from '#core/assignment/model.ts';
import { s3 } from './clients/s3.ts';

/**
 * Files attached to recipients' reports, in S3. The client is created once per container; its endpoint comes
 * from the standard AWS_ENDPOINT_URL_S3 variable (the local runtime's S3 on a loopback port). Path-style
 * addressing is harmless on AWS and needed for a loopback endpoint.
 *
 * Bodies are always Buffers: the SDK then sends a plain body with a CRC32 header, never `aws-chunked`.
 */

/** Read lazily so that importing this module never fails; a missing variable fails the first call that needs it. */
const bucket = () => {
  const name = config().ATTACHMENTS_BUCKET;
  if (!name) throw new Error(`${ENV.ATTACHMENTS_BUCKET} is not set: the bucket for attachments is not configured`);
  return name;
};

/** Metadata values travel as HTTP headers, which must be ASCII: the original name is kept percent-encoded. */
const NAME_META = 'filename';

/** `Báo cáo đầu mối.pdf` → `Bao-cao-dau-moi.pdf`: ASCII, no separators, at most 100 characters. */
export const safeFilename = (name: string) => {
  const ascii = name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '');
  const dot = ascii.lastIndexOf('.');
  const ext = dot > 0 && ascii.length - dot <= 10 ? ascii.slice(dot) : '';
  const stem = (ext ? ascii.slice(0, dot) : ascii).slice(0, 100 - ext.length).replace(/[-.]+$/, '');
  return `${stem || 'tep'}${ext}`;
};

/** A key segment from an id or a task code (`1.3`, `II/2`): never empty, never `.` or `..`, never a `/`. */
const segment = (value: string) => {
  const s = value.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 64);
  return s === '' || /^\.+$/.test(s) ? '_' : s;
};

/** The header form of a file name, for whoever downloads the object itself. */
const contentDisposition = (name: string) =>
  `attachment; filename="${safeFilename(name)}"; filename*=UTF-8''${encodeURIComponent(name).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  )}`;

export type AttachmentInput = {
  directiveId: string;
  recipientId: string;
  taskCode: string;
  /** As the user's browser named it; kept as it is for display. */
  filename: string;
  contentType: string;
  body: Buffer;
};

export const attachmentKey = (input: Pick<AttachmentInput, 'directiveId' | 'recipientId' | 'taskCode' | 'filename'>) =>
  [
    'reports',
    segment(input.directiveId),
    segment(input.recipientId),
    segment(input.taskCode),
    `${randomBytes(8).toString('hex')}-${safeFilename(input.filename)}`,
  ].join('/');

/** Stores a report's file under a fresh key; the caller records the returned attachment (or deletes it). */
export const putAttachment = async (input: AttachmentInput): Promise<Attachment> => {
  const key = attachmentKey(input);
  await s3.send(
    new PutObjectCommand({
      Bucket: bucket(),
      Key: key,
      Body: input.body,
      ContentLength: input.body.length,
      ContentType: input.contentType,
      ContentDisposition: contentDisposition(input.filename),
      Metadata: { [NAME_META]: encodeURIComponent(input.filename) },
    }),
  );
  return { key, name: input.filename, size: input.body.length, contentType: input.contentType };
};

const decodeName = (value: string | undefined, key: string) => {
  if (value) {
    try {
      return decodeURIComponent(value);
    } catch {
      // fall through to the key's own name
    }
  }
  return key.slice(key.lastIndexOf('/') + 1).replace(/^[0-9a-f]{16}-/, '');
};

export const getAttachment = async (key: string): Promise<{ body: Buffer; contentType: string; name: string }> => {
  const out = await s3.send(new GetObjectCommand({ Bucket: bucket(), Key: key }));
  if (!out.Body) throw new Error(`S3 returned no body for ${key}`);
  return {
    body: Buffer.from(await out.Body.transformToByteArray()),
    contentType: out.ContentType ?? 'application/octet-stream',
    name: decodeName(out.Metadata?.[NAME_META], key),
  };
};

/** Deleting a key that does not exist succeeds, as S3 does. */
export const deleteAttachment = async (key: string): Promise<void> => {
  await s3.send(new DeleteObjectCommand({ Bucket: bucket(), Key: key }));
};
