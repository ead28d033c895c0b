import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join, resolve, sep } from 'node:path';
import * as zlib from 'node:zlib';

/**
 * The S3 REST API exactly as far as the app uses it (functions/adapters/attachments.ts), path-style on a loopback
 * port, kept in a folder: PutObject, GetObject, HeadObject, DeleteObject, and the conditional headers of
 * GetObject and HeadObject (If-Match, If-None-Match, If-Modified-Since, If-Unmodified-Since: 412 or 304).
 *
 * The SDK (`@aws-sdk/client-s3`) sends a report's file, a Buffer, as a plain body with an `x-amz-checksum-crc32`
 * header (`x-amz-sdk-checksum-algorithm: CRC32`), never `aws-chunked`, and asks for the checksum back on
 * GetObject (`x-amz-checksum-mode: ENABLED`) to check the bytes it reads. That CRC32 is verified (BadDigest on a
 * mismatch), stored and returned. Every other operation (buckets, listings, copies, sub-resources, ranges,
 * conditional writes) and every input the app never sends (other checksums, Content-MD5, aws-chunked bodies,
 * unknown `x-amz-*` headers) is answered at once with S3's `501 NotImplemented` naming what was refused: a
 * stand-in that silently ignored them would let code pass here that fails on AWS.
 *
 * On disk, `{root}/{bucket}/{key}` holds an object's bytes (so a file can be opened straight from the data
 * folder) and `{root}/.meta/{bucket}/{key}.json` its sidecar (the stored headers, `x-amz-meta-*`, ETag,
 * CRC32). A bucket is a folder, made by the first PutObject into it.
 *
 * Keys are checked before they touch the disk: no `.` or `..` segment, no empty segment (`a//b`, a leading or
 * trailing `/`), no backslash or NUL. S3 itself allows those; here they would leave the folder or collide.
 * A key that is also another key's folder (`a` next to `a/b`) cannot be stored either.
 */

export const MAX_OBJECT_BYTES = 64 * 1024 * 1024;

const BUCKET_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,254}$/;
/** The standard headers an object keeps and returns. */
const STORED_HEADERS = ['content-type', 'content-disposition', 'content-language', 'cache-control', 'expires'];
const CRC32 = 'x-amz-checksum-crc32';
/** The `x-amz-*` headers the SDK sends for the four operations; any other one is refused as NotImplemented. */
const KNOWN_AMZ = new Set(
  'date content-sha256 user-agent security-token checksum-mode sdk-checksum-algorithm checksum-crc32'
    .split(' ')
    .map((name) => `x-amz-${name}`),
);
const CONDITIONS = ['if-match', 'if-none-match', 'if-modified-since', 'if-unmodified-since'];

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

const notImplemented = (what: string) =>
  new S3Error(501, 'NotImplemented', `${what} is not implemented by this local S3 (the app never sends it)`);
const noSuchBucket = (bucket: string) =>
  new S3Error(404, 'NoSuchBucket', 'The specified bucket does not exist', { BucketName: bucket });
const noSuchKey = (bucket: string, key: string) =>
  new S3Error(404, 'NoSuchKey', 'The specified key does not exist.', { BucketName: bucket, Key: key });
const preconditionFailed = (condition: string) =>
  new S3Error(412, 'PreconditionFailed', 'At least one of the pre-conditions you specified did not hold', {
    Condition: condition,
  });

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
    throw new S3Error(400, 'EntityTooLarge', `The upload is over the local limit of ${MAX_OBJECT_BYTES} bytes`);
  return Buffer.concat(chunks);
};

/** CRC32 as S3 spells it (the big-endian value in base64); undefined on a Node without zlib.crc32 (< 20.15). */
export const crc32 = (body: Buffer) => {
  const native = (zlib as { crc32?: (data: Buffer) => number }).crc32;
  if (!native) return undefined;
  const out = Buffer.alloc(4);
  out.writeUInt32BE(native(body) >>> 0);
  return out.toString('base64');
};

/** Refuses, before anything is read or stored, what the app never sends. */
const refuseUnsupported = (req: IncomingMessage, query: URLSearchParams) => {
  // `x-id=PutObject` and the like name no sub-resource: the SDK adds them to every request.
  for (const name of query.keys()) if (name !== 'x-id') throw notImplemented(`The sub-resource or parameter ?${name}`);
  for (const name of Object.keys(req.headers))
    if (name.startsWith('x-amz-') && !name.startsWith('x-amz-meta-') && !KNOWN_AMZ.has(name))
      throw notImplemented(`The header ${name}`);
  if ((header(req, 'x-amz-content-sha256') ?? '').startsWith('STREAMING-'))
    throw notImplemented('A streaming signed body');
  const algorithm = header(req, 'x-amz-sdk-checksum-algorithm');
  if (algorithm !== undefined && algorithm.toUpperCase() !== 'CRC32') throw notImplemented(`The checksum ${algorithm}`);
  if (header(req, 'content-md5') !== undefined) throw notImplemented('Content-MD5');
  if (header(req, 'range') !== undefined) throw notImplemented('A ranged GetObject');
  if (/(^|,)\s*aws-chunked\s*(,|$)/i.test(header(req, 'content-encoding') ?? '')) throw notImplemented('aws-chunked');
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

/** `"etag"`, `W/"etag"`, `*` or a list of them, as in If-Match and If-None-Match. */
const etagMatches = (list: string, etag: string) =>
  list.split(',').some((t) => {
    const tag = t.trim().replace(/^W\//, '');
    return tag === '*' || tag === etag || `"${tag}"` === etag;
  });

/**
 * 412 (thrown), 304 or undefined (answer as usual), in S3's order (RFC 9110 §13.2.2): If-Match, else
 * If-Unmodified-Since; If-None-Match, else If-Modified-Since. A date that is absent or does not parse is NaN,
 * and every comparison with NaN is false: the condition is ignored, as S3 ignores it.
 */
const readCondition = (req: IncomingMessage, sidecar: Sidecar): 304 | undefined => {
  const modified = Math.floor(Date.parse(sidecar.lastModified) / 1000);
  const since = (name: string) => Math.floor(Date.parse(header(req, name) ?? '') / 1000);
  const ifMatch = header(req, 'if-match');
  if (ifMatch !== undefined ? !etagMatches(ifMatch, sidecar.etag) : modified > since('if-unmodified-since'))
    throw preconditionFailed(ifMatch !== undefined ? 'If-Match' : 'If-Unmodified-Since');
  const ifNoneMatch = header(req, 'if-none-match');
  if (ifNoneMatch !== undefined ? etagMatches(ifNoneMatch, sidecar.etag) : modified <= since('if-modified-since'))
    return 304;
  return undefined;
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
    const next = (locks.get(id) ?? Promise.resolve()).then(fn, fn);
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
    const body = await readBody(req);
    const checksums: Record<string, string> = {};
    const sent = header(req, CRC32);
    if (sent !== undefined) {
      const computed = crc32(body);
      if (computed !== undefined && sent !== computed)
        throw new S3Error(400, 'BadDigest', 'The CRC32 you specified did not match the calculated checksum.');
      checksums[CRC32] = sent;
    }
    const headers: Record<string, string> = { 'content-type': 'binary/octet-stream' };
    for (const name of [...STORED_HEADERS, 'content-encoding']) {
      const v = header(req, name);
      if (v) headers[name] = v;
    }
    const metadata: Record<string, string> = {};
    for (const [name, v] of Object.entries(req.headers))
      if (name.startsWith('x-amz-meta-') && v !== undefined)
        metadata[name.slice('x-amz-meta-'.length)] = Array.isArray(v) ? v.join(',') : v;
    const sidecar: Sidecar = {
      key,
      size: body.length,
      etag: `"${createHash('md5').update(body).digest('hex')}"`,
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
    return sidecar;
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

  const objectHeaders = (sidecar: Sidecar, withChecksums: boolean) => ({
    ...sidecar.headers,
    'content-length': String(sidecar.size),
    etag: sidecar.etag,
    'last-modified': new Date(sidecar.lastModified).toUTCString(),
    'accept-ranges': 'bytes',
    ...Object.fromEntries(Object.entries(sidecar.metadata).map(([name, v]) => [`x-amz-meta-${name}`, v])),
    ...(withChecksums && sidecar.checksums[CRC32]
      ? { [CRC32]: sidecar.checksums[CRC32], 'x-amz-checksum-type': 'FULL_OBJECT' }
      : {}),
  });

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const method = req.method ?? 'GET';
    const [rawPath = '/', rawQuery = ''] = (req.url ?? '/').split('?', 2);
    refuseUnsupported(req, new URLSearchParams(rawQuery));
    let bucket: string;
    let key: string;
    try {
      const [, rawBucket = '', ...rawKey] = rawPath.split('/');
      bucket = decodeURIComponent(rawBucket);
      key = decodeURIComponent(rawKey.join('/'));
    } catch {
      throw new S3Error(400, 'InvalidURI', "Couldn't parse the specified URI.");
    }
    if (!bucket) throw notImplemented('ListBuckets');
    validBucket(bucket);
    if (!key) throw notImplemented(`${method} on a bucket`);
    if (header(req, 'x-amz-copy-source')) throw notImplemented('CopyObject');
    if (!['PUT', 'GET', 'HEAD', 'DELETE'].includes(method)) throw notImplemented(`${method} on an object`);
    // Conditional writes and deletes exist on S3, but the app sends none: they are refused, not ignored.
    if (method === 'PUT' || method === 'DELETE')
      for (const name of CONDITIONS) if (header(req, name) !== undefined) throw notImplemented(`${name} on ${method}`);
    const segments = validKey(key);
    const dir = inside(join(root, bucket));

    await serialized(`${bucket}/${key}`, async () => {
      if (method === 'PUT') {
        await mkdir(dir, { recursive: true });
        const { etag, checksums } = await putObject(req, bucket, key, segments);
        res.writeHead(200, { etag, ...checksums, 'content-length': '0' }).end();
        return;
      }
      if (!(await isDir(dir))) throw noSuchBucket(bucket);
      if (method === 'DELETE') {
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
      const sidecar = await readSidecar(bucket, segments);
      if (!sidecar) throw noSuchKey(bucket, key);
      const headers = objectHeaders(sidecar, /^enabled$/i.test(header(req, 'x-amz-checksum-mode') ?? ''));
      if (readCondition(req, sidecar) === 304) {
        res.writeHead(304, { etag: headers.etag, 'last-modified': headers['last-modified'] }).end();
        return;
      }
      if (method === 'HEAD') {
        res.writeHead(200, headers).end();
        return;
      }
      const body = await readFile(dataPath(bucket, segments));
      res.writeHead(200, { ...headers, 'content-length': String(body.length) }).end(body);
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
