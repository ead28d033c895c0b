import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { config, ENV } from '#contracts/environment.ts';
import { s3 } from './clients/s3.ts';

/**
 * The bytes of directive files, in the attachments bucket under `directives/files/{fileId}`. One id, one object,
 * written once: a new upload is a new id, so nothing ever changes the bytes an agency downloads.
 */
const bucket = () => {
  const name = config().ATTACHMENTS_BUCKET;
  if (!name) throw new Error(`${ENV.ATTACHMENTS_BUCKET} is not set: the bucket for directive files is not configured`);
  return name;
};

export const directiveFileKey = (fileId: string) => `directives/files/${fileId}`;

export const putFileBytes = async (fileId: string, contentType: string, body: Buffer) => {
  await s3.send(
    new PutObjectCommand({
      Bucket: bucket(),
      Key: directiveFileKey(fileId),
      Body: body,
      ContentLength: body.length,
      ContentType: contentType,
    }),
  );
};

export const getFileBytes = async (fileId: string): Promise<Buffer> => {
  const out = await s3.send(new GetObjectCommand({ Bucket: bucket(), Key: directiveFileKey(fileId) }));
  if (!out.Body) throw new Error(`S3 returned no body for file ${fileId}`);
  return Buffer.from(await out.Body.transformToByteArray());
};
