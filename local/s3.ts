import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join, resolve, sep } from 'node:path';
import * as zlib from 'node:zlib';

/**
 * The S3 REST API as the app uses it, path-style on a loopback port, kept in a folder: CreateBucket,
 * HeadBucket, PutObject, GetObject, HeadObject, DeleteObject. Anything else answers 501 NotImplemented.
 *
 * On disk, `{root}/{bucket}/{key}` holds an object's bytes (so a file can be opened straight from the data
 * folder) and `{root}/.meta/{bucket}/{key}.json` its sidecar: Content-Type and the other stored headers,
 * `x-amz-meta-*`, ETag and checksums. A bucket is a folder, made by CreateBucket or by the first PutObject.
 *
 * Keys are checked before they touch the disk: no `.` or `..` segment, no empty segment (`a//b`, a leading or
 * trailing `/`), no backslash or NUL. S3 itself allows those; here they would leave the folder or collide.
 * A key that is also another key's folder (`a` next to `a/b`) cannot be stored either.
 *
 * The SDK's checksums are honoured: `Content-MD5`, `x-amz-checksum-crc32|sha1|sha256` (in a header or in an
 * `aws-chunked` trailer) are verified (BadDigest on a mismatch), stored, and sent back by GetObject when the
 * client asks (`x-amz-checksum-mode: ENABLED`), so the SDK checks the bytes end to end. `aws-chunked` bodies
 * (what the SDK sends for a stream) are decoded.
 */

export const MAX_OBJECT_BYTES = 64 * 1024 * 1024;

const BUCKET_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,254}$/;
/** The standard headers an object keeps and returns. */
const STORED_HEADERS = ['content-type', 'content-disposition', 'content-language', 'cache-control', 'expires'];
const CHECKSUM_HEADERS = [
  'x-amz-checksum-crc32',
  'x-amz-checksum-crc32c',
  'x-amz-checksum-crc64nvme',
  'x-amz-checksum-sha1',
  'x-amz-checksum-sha256',
];

type Sidecar = {
  key: string;
  size: number;
  etag: string;
  lastModified: string;
  headers: Record<string, string>;
  metadata: Record<string, string>;
  checksums: Record<string, string>;
};

class S3Error extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: Record<string, string> = {},
  ) {
    super(message);
  }
}

const noSuchBucket = (bucket: string) =>
  new S3Error(404, 'NoSuchBucket', 'The specified bucket does not exist', { BucketName: bucket });
const noSuchKey = (bucket: string, key: string) =>
  new S3Error(404, 'NoSuchKey', 'The specified key does not exist.', { BucketName: bucket, Key: key });

const xml = (s: string) =>
  s.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c] ?? c);

const errorBody = (error: S3Error, resource: string, requestId: string) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${error.code}</Code><Message>${xml(error.message)}</Message>${Object.entries(
    error.extra,
  )
    .map(([k, v]) => `<${k}>${xml(v)}</${k}>`)
    .join('')}<Resource>${xml(resource)}</Resource><RequestId>${requestId}</RequestId></Error>`;

const header = (req: IncomingMessage, name: string) => {
  const v = req.headers[name];
  return Array.isArray(v) ? v.join(',') : v;
};

/** Reads the whole body; past the limit the rest is drained and the request refused. */
const readBody = async (req: IncomingMessage) => {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req) {
    size += (c as Buffer).length;
    if (size <= MAX_OBJECT_BYTES) chunks.push(c as Buffer);
  }
  if (size > MAX_OBJECT_BYTES)
    throw new S3Error(
      400,
      'EntityTooLarge',
      `Your proposed upload exceeds the local limit of ${MAX_OBJECT_BYTES} bytes`,
    );
  return Buffer.concat(chunks);
};

/**
 * `aws-chunked`: `{hex size}[;chunk-signature=…]\r\n{bytes}\r\n` … `0\r\n`, then trailer lines (the checksum)
 * and a blank line.
 */
export const decodeAwsChunked = (raw: Buffer) => {
  const incomplete = () => new S3Error(400, 'IncompleteBody', 'The aws-chunked body is malformed or incomplete');
  const parts: Buffer[] = [];
  let pos = 0;
  for (;;) {
    const eol = raw.indexOf('\r\n', pos);
    if (eol < 0) throw incomplete();
    const sizeText = raw.toString('latin1', pos, eol).split(';')[0]?.trim() ?? '';
    if (!/^[0-9a-fA-F]+$/.test(sizeText)) throw incomplete();
    const size = Number.parseInt(sizeText, 16);
    pos = eol + 2;
    if (size === 0) break;
    if (pos + size + 2 > raw.length || raw[pos + size] !== 13 || raw[pos + size + 1] !== 10) throw incomplete();
    parts.push(raw.subarray(pos, pos + size));
    pos += size + 2;
  }
  const trailers: Record<string, string> = {};
  for (const line of raw.toString('latin1', pos).split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) trailers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { body: Buffer.concat(parts), trailers };
};

const crc32 = (body: Buffer): string | undefined => {
  // zlib.crc32 arrived in Node 20.15 and 22.2; without it the checksum is stored unverified.
  const fn = (zlib as { crc32?: (data: Buffer) => number }).crc32;
  if (!fn) return undefined;
  const out = Buffer.alloc(4);
  out.writeUInt32BE(fn(body) >>> 0);
  return out.toString('base64');
};

const computeChecksum = (name: string, body: Buffer): string | undefined => {
  if (name === 'x-amz-checksum-crc32') return crc32(body);
  if (name === 'x-amz-checksum-sha1') return createHash('sha1').update(body).digest('base64');
  if (name === 'x-amz-checksum-sha256') return createHash('sha256').update(body).digest('base64');
  return undefined; // CRC32C and CRC64NVME: kept as sent
};

const validBucket = (bucket: string) => {
  if (!BUCKET_NAME.test(bucket))
    throw new S3Error(400, 'InvalidBucketName', 'The specified bucket is not valid.', { BucketName: bucket });
};

const validKey = (key: string) => {
  if (Buffer.byteLength(key) > 1024) throw new S3Error(400, 'KeyTooLongError', 'Your key is too long');
  const segments = key.split('/');
  if (
    key.includes('\0') ||
    key.includes('\\') ||
    segments.some((s) => s === '' || s === '.' || s === '..' || Buffer.byteLength(s) > 250)
  )
    throw new S3Error(
      400,
      'InvalidArgument',
      'This local S3 refuses keys with ".", ".." or empty segments, backslashes, NUL, or a segment over 250 bytes',
      { ArgumentName: 'key', ArgumentValue: key },
    );
  return segments;
};

export const startS3 = async (rootDir: string, options: { port?: number } = {}) => {
  const root = resolve(rootDir);
  const metaRoot = join(root, '.meta');
  const tmpRoot = join(root, '.tmp');
  await rm(tmpRoot, { recursive: true, force: true });
  await mkdir(tmpRoot, { recursive: true });

  /** Both paths are built from checked segments; this guard is for the checks' sake, not instead of them. */
  const inside = (path: string) => {
    if (!path.startsWith(root + sep)) throw new S3Error(400, 'InvalidArgument', 'Path outside the store');
    return path;
  };
  const bucketDir = (bucket: string) => inside(join(root, bucket));
  const dataPath = (bucket: string, segments: string[]) => inside(join(root, bucket, ...segments));
  const metaPath = (bucket: string, segments: string[]) => `${inside(join(metaRoot, bucket, ...segments))}.json`;

  const isDir = async (path: string) => (await stat(path).catch(() => undefined))?.isDirectory() ?? false;
  const readSidecar = async (bucket: string, segments: string[]): Promise<Sidecar | undefined> => {
    try {
      return JSON.parse(await readFile(metaPath(bucket, segments), 'utf8')) as Sidecar;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') return undefined;
      throw error;
    }
  };

  // One operation at a time per object, so that bytes and sidecar always belong together.
  const locks = new Map<string, Promise<unknown>>();
  const serialized = <T>(id: string, fn: () => Promise<T>): Promise<T> => {
    const previous = locks.get(id) ?? Promise.resolve();
    const next = previous.then(fn, fn);
    const settled = next.catch(() => undefined);
    locks.set(id, settled);
    void settled.then(() => {
      if (locks.get(id) === settled) locks.delete(id);
    });
    return next;
  };

  const conflict = (key: string) =>
    new S3Error(409, 'OperationAborted', `Key ${key} and a stored key would be each other's folder in this local S3`, {
      Key: key,
    });

  const putObject = async (req: IncomingMessage, bucket: string, key: string, segments: string[]) => {
    if (header(req, 'x-amz-copy-source')) throw new S3Error(501, 'NotImplemented', 'CopyObject is not implemented');
    let body = await readBody(req);
    const encodings = (header(req, 'content-encoding') ?? '')
      .split(',')
      .map((e) => e.trim())
      .filter(Boolean);
    const chunked =
      encodings.includes('aws-chunked') || (header(req, 'x-amz-content-sha256') ?? '').startsWith('STREAMING-');
    const checksums: Record<string, string> = {};
    for (const name of CHECKSUM_HEADERS) {
      const v = header(req, name);
      if (v) checksums[name] = v;
    }
    if (chunked) {
      const decoded = decodeAwsChunked(body);
      body = decoded.body;
      for (const name of CHECKSUM_HEADERS) {
        const v = decoded.trailers[name];
        if (v) checksums[name] = v;
      }
      const declared = header(req, 'x-amz-decoded-content-length');
      if (declared !== undefined && Number(declared) !== body.length)
        throw new S3Error(400, 'IncompleteBody', 'x-amz-decoded-content-length does not match the decoded body');
    }
    const md5 = createHash('md5').update(body);
    const md5Base64 = md5.copy().digest('base64');
    const contentMd5 = header(req, 'content-md5');
    if (contentMd5 !== undefined) {
      if (!/^[A-Za-z0-9+/]{22}==$/.test(contentMd5))
        throw new S3Error(400, 'InvalidDigest', 'The Content-MD5 you specified was invalid.');
      if (contentMd5 !== md5Base64)
        throw new S3Error(400, 'BadDigest', 'The Content-MD5 you specified did not match what we received.');
    }
    for (const [name, expected] of Object.entries(checksums)) {
      const actual = computeChecksum(name, body);
      if (actual !== undefined && actual !== expected)
        throw new S3Error(
          400,
          'BadDigest',
          `The ${name.slice('x-amz-checksum-'.length).toUpperCase()} you specified did not match the calculated checksum.`,
        );
    }

    const headers: Record<string, string> = { 'content-type': 'binary/octet-stream' };
    for (const name of STORED_HEADERS) {
      const v = header(req, name);
      if (v) headers[name] = v;
    }
    const contentEncoding = encodings.filter((e) => e !== 'aws-chunked').join(',');
    if (contentEncoding) headers['content-encoding'] = contentEncoding;
    const metadata: Record<string, string> = {};
    for (const [name, v] of Object.entries(req.headers))
      if (name.startsWith('x-amz-meta-') && v !== undefined)
        metadata[name.slice('x-amz-meta-'.length)] = Array.isArray(v) ? v.join(',') : v;
    const sidecar: Sidecar = {
      key,
      size: body.length,
      etag: `"${md5.digest('hex')}"`,
      lastModified: new Date().toISOString(),
      headers,
      metadata,
      checksums,
    };

    const data = dataPath(bucket, segments);
    const meta = metaPath(bucket, segments);
    try {
      await mkdir(dirname(data), { recursive: true });
      await mkdir(dirname(meta), { recursive: true });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST' || code === 'ENOTDIR') throw conflict(key);
      throw error;
    }
    if ((await isDir(data)) || (await isDir(meta))) throw conflict(key);
    const id = randomUUID();
    const tmpData = join(tmpRoot, `${id}.data`);
    const tmpMeta = join(tmpRoot, `${id}.json`);
    await writeFile(tmpData, body);
    await writeFile(tmpMeta, JSON.stringify(sidecar, null, 2));
    await rename(tmpData, data);
    await rename(tmpMeta, meta);
    return { etag: sidecar.etag, checksums };
  };

  /** Removes the folders a deleted key leaves empty, up to its bucket. */
  const prune = async (from: string, stop: string) => {
    for (let dir = dirname(from); dir.startsWith(stop + sep); dir = dirname(dir)) {
      try {
        await rmdir(dir);
      } catch {
        return;
      }
    }
  };

  const objectHeaders = (sidecar: Sidecar, withChecksums: boolean) => {
    const out: Record<string, string> = {
      ...sidecar.headers,
      'content-length': String(sidecar.size),
      etag: sidecar.etag,
      'last-modified': new Date(sidecar.lastModified).toUTCString(),
      'accept-ranges': 'bytes',
    };
    for (const [name, v] of Object.entries(sidecar.metadata)) out[`x-amz-meta-${name}`] = v;
    if (withChecksums && Object.keys(sidecar.checksums).length > 0) {
      Object.assign(out, sidecar.checksums);
      out['x-amz-checksum-type'] = 'FULL_OBJECT';
    }
    return out;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const method = req.method ?? 'GET';
    const [rawPath = '/', rawQuery = ''] = (req.url ?? '/').split('?', 2);
    const query = new URLSearchParams(rawQuery);
    query.delete('x-id');
    if ([...query.keys()].length > 0)
      throw new S3Error(501, 'NotImplemented', `Sub-resources and listings are not implemented: ?${rawQuery}`);
    let bucket: string;
    let key: string;
    try {
      const [, rawBucket = '', ...rawKey] = rawPath.split('/');
      bucket = decodeURIComponent(rawBucket);
      key = decodeURIComponent(rawKey.join('/'));
    } catch {
      throw new S3Error(400, 'InvalidURI', "Couldn't parse the specified URI.");
    }
    if (!bucket) throw new S3Error(501, 'NotImplemented', 'ListBuckets is not implemented');
    validBucket(bucket);
    const dir = bucketDir(bucket);

    if (!key) {
      if (method === 'PUT') {
        await readBody(req); // CreateBucketConfiguration: the region is not kept
        if (await isDir(dir))
          throw new S3Error(
            409,
            'BucketAlreadyOwnedByYou',
            'Your previous request to create the named bucket succeeded.',
            {
              BucketName: bucket,
            },
          );
        await mkdir(dir, { recursive: true });
        res.writeHead(200, { location: `/${bucket}`, 'content-length': '0' }).end();
        return;
      }
      if (method === 'HEAD') {
        res.writeHead((await isDir(dir)) ? 200 : 404).end();
        return;
      }
      throw new S3Error(501, 'NotImplemented', `${method} on a bucket is not implemented`);
    }

    const segments = validKey(key);
    await serialized(`${bucket}/${key}`, async () => {
      if (method === 'PUT') {
        await mkdir(dir, { recursive: true });
        const { etag, checksums } = await putObject(req, bucket, key, segments);
        res.writeHead(200, { etag, ...checksums, 'content-length': '0' }).end();
        return;
      }
      if (method === 'GET' || method === 'HEAD') {
        const sidecar = (await isDir(dir)) ? await readSidecar(bucket, segments) : undefined;
        if (!sidecar) {
          if (method === 'HEAD') {
            res.writeHead(404).end();
            return;
          }
          throw (await isDir(dir)) ? noSuchKey(bucket, key) : noSuchBucket(bucket);
        }
        const headers = objectHeaders(sidecar, /^enabled$/i.test(header(req, 'x-amz-checksum-mode') ?? ''));
        if (method === 'HEAD') {
          res.writeHead(200, headers).end();
          return;
        }
        const body = await readFile(dataPath(bucket, segments));
        res.writeHead(200, { ...headers, 'content-length': String(body.length) }).end(body);
        return;
      }
      if (method === 'DELETE') {
        if (!(await isDir(dir))) throw noSuchBucket(bucket);
        const data = dataPath(bucket, segments);
        const meta = metaPath(bucket, segments);
        // A key under another key (`a/b` where `a` is an object) was never stored: ENOTDIR is "not there".
        const remove = (path: string) =>
          rm(path, { force: true }).catch((error: NodeJS.ErrnoException) => {
            if (error.code !== 'ENOTDIR') throw error;
          });
        if (!(await isDir(data))) await remove(data);
        if (!(await isDir(meta))) await remove(meta);
        await prune(data, dir);
        await prune(meta, join(metaRoot, bucket));
        res.writeHead(204).end();
        return;
      }
      throw new S3Error(
        405,
        'MethodNotAllowed',
        `The specified method is not allowed against this resource: ${method}`,
      );
    });
  };

  const server = createServer(async (req, res) => {
    const requestId = randomUUID().replaceAll('-', '').slice(0, 16).toUpperCase();
    res.setHeader('x-amz-request-id', requestId);
    res.setHeader('x-amz-id-2', requestId);
    try {
      await handle(req, res);
    } catch (error) {
      const e =
        error instanceof S3Error
          ? error
          : new S3Error(500, 'InternalError', `We encountered an internal error: ${String(error)}`);
      if (!(error instanceof S3Error)) console.error('local S3:', error);
      if (res.headersSent) return void res.destroy();
      // A request whose body was not read (a refused PUT) must still be drained for keep-alive to work.
      req.resume();
      if (req.method === 'HEAD') return void res.writeHead(e.status).end();
      const body = errorBody(e, (req.url ?? '/').split('?')[0] ?? '/', requestId);
      res
        .writeHead(e.status, { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(body) })
        .end(body);
    }
  });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, '127.0.0.1', () => done());
  });
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    /** The folder the objects are kept in. */
    rootDir: root,
    close: () =>
      new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
};
