import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import {
  CopyObjectCommand,
  CreateBucketCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  type GetObjectCommandInput,
  HeadObjectCommand,
  type HeadObjectCommandInput,
  ListObjectsV2Command,
  NoSuchBucket,
  NoSuchKey,
  NotFound,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { afterEach, describe, expect, it } from 'vitest';
import { startS3 } from '../../local/s3.ts';

/**
 * The local S3 through the real SDK, path-style, as the app's attachments module talks to it. The round trip
 * below sends a Buffer exactly as `putAttachment` does: if a new SDK sent it otherwise (aws-chunked, another
 * checksum), the local S3 would answer 501 and this test would say so.
 */

type Server = Awaited<ReturnType<typeof startS3>>;
const open: Server[] = [];
const dirs = new Set<string>();

const start = async (dir = mkdtempSync(join(tmpdir(), 'chidao-s3-'))) => {
  dirs.add(dir);
  const server = await startS3(dir);
  open.push(server);
  const client = new S3Client({
    endpoint: server.endpoint,
    forcePathStyle: true,
    region: 'ap-southeast-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  return { dir, server, client };
};

afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  dirs.clear();
});

/** Every file under a folder, as paths relative to it. */
const files = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => join(d.parentPath, d.name).slice(dir.length + 1))
    .sort();

/** A raw request, path untouched (fetch and URL would resolve `..` before sending). */
const raw = (endpoint: string, method: string, path: string, body?: Buffer) =>
  new Promise<{ status: number; body: string }>((resolve, reject) => {
    const url = new URL(endpoint);
    const req = request({ host: url.hostname, port: url.port, method, path }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });

// A bucket named like a CDK logical id: locally a bucket's Ref resolves to it.
const BUCKET = 'AttachmentsBucket5A7B3C1D';
const KEY = 'reports/01J0000000000000000000000/cong-an/1.3/Báo cáo đầu mối ✓.pdf';

describe('local S3', () => {
  it('PutObject, HeadObject, GetObject, DeleteObject: bytes, type, metadata and a UTF-8 key round-trip', async () => {
    const { client, dir } = await start();
    const body = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(100_000), Buffer.from([0, 255, 13, 10])]);

    const put = await client.send(
      new PutObjectCommand({
        Bucket: BUCKET,
        Key: KEY,
        Body: body,
        ContentType: 'application/pdf',
        ContentDisposition: "attachment; filename*=UTF-8''B%C3%A1o.pdf",
        Metadata: { filename: encodeURIComponent('Báo cáo đầu mối.pdf') },
      }),
    );
    expect(put.ETag).toMatch(/^"[0-9a-f]{32}"$/);
    // The SDK sent a CRC32 of the body (flexible checksums); the server checked it and echoes it.
    expect(put.ChecksumCRC32).toMatch(/^[A-Za-z0-9+/]{6}==$/);

    const head = await client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: KEY }));
    expect(head).toMatchObject({
      ContentLength: body.length,
      ContentType: 'application/pdf',
      ETag: put.ETag,
      Metadata: { filename: encodeURIComponent('Báo cáo đầu mối.pdf') },
    });

    const got = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: KEY }));
    expect(got.ContentType).toBe('application/pdf');
    expect(got.ContentLength).toBe(body.length);
    expect(got.ContentDisposition).toBe("attachment; filename*=UTF-8''B%C3%A1o.pdf");
    expect(got.ETag).toBe(put.ETag);
    expect(got.Metadata).toEqual({ filename: encodeURIComponent('Báo cáo đầu mối.pdf') });
    expect(got.LastModified).toBeInstanceOf(Date);
    // GetObject asked for the checksum (x-amz-checksum-mode) and the SDK validated the bytes against it.
    expect(got.ChecksumCRC32).toBe(put.ChecksumCRC32);
    expect(Buffer.from((await got.Body?.transformToByteArray()) ?? [])).toEqual(body);

    // On disk: the object under its own key, readable as it is, and its sidecar.
    expect(readFileSync(join(dir, BUCKET, ...KEY.split('/')))).toEqual(body);
    const sidecar = JSON.parse(readFileSync(join(dir, '.meta', BUCKET, `${KEY}.json`), 'utf8'));
    expect(sidecar).toMatchObject({ key: KEY, size: body.length, headers: { 'content-type': 'application/pdf' } });

    await client.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: KEY }));
    await expect(client.send(new GetObjectCommand({ Bucket: BUCKET, Key: KEY }))).rejects.toBeInstanceOf(NoSuchKey);
    // Deleting again succeeds, as on S3; the emptied folders are gone.
    await client.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: KEY }));
    expect(files(dir)).toEqual([]);
    expect(readdirSync(join(dir, BUCKET))).toEqual([]);
  });

  it('maps missing keys and buckets to the SDK exceptions: NoSuchKey, NoSuchBucket, NotFound (HEAD)', async () => {
    const { client } = await start();
    // A bucket is made by the first PutObject into it (CreateBucket is not implemented: the app never calls it).
    await client.send(
      new PutObjectCommand({ Bucket: 'chidao-attachments', Key: 'reports/a.pdf', Body: Buffer.from('x') }),
    );

    const missingKey = await client
      .send(new GetObjectCommand({ Bucket: 'chidao-attachments', Key: 'reports/none.pdf' }))
      .catch((e: unknown) => e);
    expect(missingKey).toBeInstanceOf(NoSuchKey);
    expect(missingKey).toMatchObject({ name: 'NoSuchKey', $metadata: { httpStatusCode: 404 } });

    const missingBucket = await client
      .send(new GetObjectCommand({ Bucket: 'no-such-bucket', Key: 'a.pdf' }))
      .catch((e: unknown) => e);
    expect(missingBucket).toBeInstanceOf(NoSuchBucket);
    await expect(
      client.send(new DeleteObjectCommand({ Bucket: 'no-such-bucket', Key: 'a.pdf' })),
    ).rejects.toBeInstanceOf(NoSuchBucket);

    await expect(
      client.send(new HeadObjectCommand({ Bucket: 'chidao-attachments', Key: 'reports/none.pdf' })),
    ).rejects.toBeInstanceOf(NotFound);
  });

  it('keeps objects on disk: they are there after the server is closed and started again on the same folder', async () => {
    const first = await start();
    const body = randomBytes(4096);
    await first.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: KEY, Body: body, ContentType: 'image/png' }));
    await first.server.close();

    const second = await start(first.dir);
    expect(second.server.endpoint).not.toBe('');
    const got = await second.client.send(new GetObjectCommand({ Bucket: BUCKET, Key: KEY }));
    expect(got.ContentType).toBe('image/png');
    expect(Buffer.from((await got.Body?.transformToByteArray()) ?? [])).toEqual(body);
  });

  it('refuses keys that would leave its folder, through the SDK and through raw paths', async () => {
    const { client, dir, server } = await start();
    const outside = join(dir, '..', `escaped-${randomBytes(4).toString('hex')}`);
    const name = outside.slice(outside.lastIndexOf('/') + 1);

    for (const Key of [`../${name}`, `reports/../../${name}`, `./${name}`, `a//${name}`, `/${name}`]) {
      const error = await client
        .send(new PutObjectCommand({ Bucket: BUCKET, Key, Body: Buffer.from('x') }))
        .catch((e: unknown) => e);
      expect(error, Key).toBeInstanceOf(S3ServiceException);
      expect(error, Key).toMatchObject({ name: 'InvalidArgument', $metadata: { httpStatusCode: 400 } });
    }
    // Percent-encoded dots and slashes are decoded before the check; a bucket cannot be `..` either.
    for (const path of [
      `/${BUCKET}/%2e%2e/${name}`,
      `/${BUCKET}/..%2F${name}`,
      `/${BUCKET}/a/%2E%2E/%2E%2E/${name}`,
      `/../${name}`,
      `/%2e%2e/${name}`,
    ]) {
      const res = await raw(server.endpoint, 'PUT', path, Buffer.from('x'));
      expect(res.status, path).toBe(400);
      expect(res.body, path).toMatch(/<Code>(InvalidArgument|InvalidBucketName)<\/Code>/);
      expect((await raw(server.endpoint, 'GET', path)).status, path).toBe(400);
    }
    expect(existsSync(outside)).toBe(false);
    expect(files(dir)).toEqual([]);
  });

  it('refuses a body whose CRC32 does not match, and stores nothing', async () => {
    const { client, server } = await start();
    const badCrc = await client
      .send(
        new PutObjectCommand({ Bucket: BUCKET, Key: 'bad.bin', Body: Buffer.from('hello'), ChecksumCRC32: 'AAAAAA==' }),
      )
      .catch((e: unknown) => e);
    expect(badCrc).toMatchObject({ name: 'BadDigest', $metadata: { httpStatusCode: 400 } });
    expect((await raw(server.endpoint, 'GET', `/${BUCKET}/bad.bin`)).status).toBe(404);
  });

  it('answers the conditional headers of GetObject and HeadObject: 412 PreconditionFailed, 304 NotModified', async () => {
    const { client } = await start();
    const { ETag } = await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: KEY, Body: Buffer.from('v1') }));
    const at = (await client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: KEY }))).LastModified as Date;
    const before = new Date(at.getTime() - 60_000);
    const after = new Date(at.getTime() + 60_000);
    const get = (conditions: Partial<GetObjectCommandInput>) =>
      client.send(new GetObjectCommand({ Bucket: BUCKET, Key: KEY, ...conditions })).then(
        async (r) => ({ status: 200, body: await r.Body?.transformToString() }),
        (e: S3ServiceException) => ({ status: e.$metadata.httpStatusCode, name: e.name }),
      );

    expect(await get({ IfMatch: ETag })).toEqual({ status: 200, body: 'v1' });
    expect(await get({ IfMatch: '"0123456789abcdef0123456789abcdef"' })).toMatchObject({
      status: 412,
      name: 'PreconditionFailed',
    });
    expect(await get({ IfNoneMatch: ETag })).toMatchObject({ status: 304 });
    expect(await get({ IfNoneMatch: '"0123456789abcdef0123456789abcdef"' })).toEqual({ status: 200, body: 'v1' });
    expect(await get({ IfModifiedSince: after })).toMatchObject({ status: 304 });
    expect(await get({ IfModifiedSince: before })).toEqual({ status: 200, body: 'v1' });
    expect(await get({ IfUnmodifiedSince: before })).toMatchObject({ status: 412, name: 'PreconditionFailed' });
    expect(await get({ IfUnmodifiedSince: after })).toEqual({ status: 200, body: 'v1' });
    // S3's precedence: a matching If-Match wins over a failing If-Unmodified-Since; If-None-Match over
    // If-Modified-Since.
    expect(await get({ IfMatch: ETag, IfUnmodifiedSince: before })).toEqual({ status: 200, body: 'v1' });
    expect(await get({ IfNoneMatch: '"other"', IfModifiedSince: after })).toEqual({ status: 200, body: 'v1' });

    const head = (conditions: Partial<HeadObjectCommandInput>) =>
      client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: KEY, ...conditions })).then(
        (r) => r.$metadata.httpStatusCode,
        (e: S3ServiceException) => e.$metadata.httpStatusCode,
      );
    expect(await head({ IfNoneMatch: ETag })).toBe(304);
    expect(await head({ IfMatch: '"other"' })).toBe(412);
    expect(await head({ IfMatch: ETag })).toBe(200);
  });

  it('answers 501 NotImplemented, S3-shaped, to every operation and input the app never sends; nothing is stored', async () => {
    const { client, server, dir } = await start();
    const body = Buffer.from('hello');
    const refusals: [string, () => Promise<unknown>][] = [
      ['CreateBucket', () => client.send(new CreateBucketCommand({ Bucket: 'chidao-attachments' }))],
      ['ListObjectsV2', () => client.send(new ListObjectsV2Command({ Bucket: BUCKET }))],
      [
        'CopyObject',
        () => client.send(new CopyObjectCommand({ Bucket: BUCKET, Key: 'copy.bin', CopySource: `${BUCKET}/a.bin` })),
      ],
      // A stream of unknown length: the SDK sends it aws-chunked, with a trailing checksum.
      [
        'an aws-chunked body',
        () =>
          client.send(
            new PutObjectCommand({
              Bucket: BUCKET,
              Key: 'streamed.bin',
              Body: Readable.from([body.subarray(0, 2), body.subarray(2)]),
              ContentLength: body.length,
            }),
          ),
      ],
      [
        'a SHA256 checksum',
        () =>
          client.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'a.bin', Body: body, ChecksumAlgorithm: 'SHA256' })),
      ],
      [
        'Content-MD5',
        () =>
          client.send(
            new PutObjectCommand({
              Bucket: BUCKET,
              Key: 'a.bin',
              Body: body,
              ContentMD5: createHash('md5').update(body).digest('base64'),
            }),
          ),
      ],
      [
        'a conditional write',
        () => client.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'a.bin', Body: body, IfNoneMatch: '*' })),
      ],
      ['a ranged read', () => client.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'a.bin', Range: 'bytes=0-1' }))],
      [
        'an x-amz header it does not know',
        () => client.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'a.bin', Body: body, StorageClass: 'GLACIER' })),
      ],
    ];
    for (const [what, send] of refusals) {
      const error = await send().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error, what).toBeInstanceOf(S3ServiceException);
      expect(error, what).toMatchObject({ name: 'NotImplemented', $metadata: { httpStatusCode: 501 } });
      expect((error as Error).message, what).toMatch(/not implemented by this local S3/);
    }

    // Over raw HTTP: the XML error S3 sends, naming what was refused.
    const post = await raw(server.endpoint, 'POST', `/${BUCKET}/a.bin?uploads`);
    expect(post.status).toBe(501);
    expect(post.body).toMatch(
      /^<\?xml[^>]*>\n<Error><Code>NotImplemented<\/Code><Message>[^<]*\?uploads[^<]*<\/Message>/,
    );
    expect((await raw(server.endpoint, 'GET', '/')).body).toMatch(/<Code>NotImplemented<\/Code><Message>ListBuckets/);
    expect(files(dir)).toEqual([]);
  });
});
