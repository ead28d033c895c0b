import { S3Client } from '@aws-sdk/client-s3';

/** The S3 client, once per container; path-style, which the local S3 needs and AWS accepts. */
export const s3 = new S3Client({ forcePathStyle: true });
