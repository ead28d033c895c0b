import { request } from 'node:http';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BODY_LIMIT, startGateway } from '../../local/gateway.ts';
import { rawRequest } from '../support/runtime.ts';

/** The local gateway in this process, with stand-in functions, driven over real sockets. */

type Event = {
  rawPath: string;
  pathParameters?: Record<string, string>;
  queryStringParameters?: Record<string, string>;
  headers: Record<string, string>;
  body?: string;
  isBase64Encoded: boolean;
};

const invoked: { name: string; event: Event }[] = [];
const ANSWERS: Record<string, (event: Event) => unknown> = {
  echo: (event) => ({ statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(event) }),
  size: (event) => ({
    statusCode: 200,
    body: String(Buffer.from(event.body ?? '', event.isBase64Encoded ? 'base64' : 'utf8').length),
  }),
  throws: () => {
    throw new Error('the function failed');
  },
  badStatus: () => ({ statusCode: 42, body: 'x' }),
  badHeader: () => ({ statusCode: 200, headers: { 'content-disposition': 'attachment; filename="báo\ncáo"' } }),
};

let gateway: Awaited<ReturnType<typeof startGateway>>;
let base: string;
const logged: unknown[][] = [];
const consoleError = console.error;

beforeAll(async () => {
  console.error = (...args: unknown[]) => void logged.push(args);
  gateway = await startGateway({
    port: 0,
    routes: [
      { routeKey: 'GET /r/{token}', functionName: 'echo', authorization: 'NONE' },
      { routeKey: 'POST /upload', functionName: 'size', authorization: 'NONE' },
      { routeKey: 'POST /api/things', functionName: 'echo', authorization: 'JWT' },
      { routeKey: 'GET /throws', functionName: 'throws', authorization: 'NONE' },
      { routeKey: 'GET /bad-status', functionName: 'badStatus', authorization: 'NONE' },
      { routeKey: 'GET /bad-header', functionName: 'badHeader', authorization: 'NONE' },
    ],
    invoke: async (name, event) => {
      invoked.push({ name, event: event as Event });
      const answer = ANSWERS[name];
      if (!answer) throw new Error(`no function ${name}`);
      return answer(event as Event);
    },
    authorize: async (req) => {
      if (req.headers.authorization === 'Bearer boom') throw new Error('the key set could not be read');
      return req.headers.authorization === 'Bearer ok' ? { sub: 'official' } : undefined;
    },
    local: async (req, res, _body, target) => {
      if (!target.path.startsWith('/_local/')) return false;
      res.writeHead(200).end(`local ${req.method} ${target.path} ${target.query}`);
      return true;
    },
  });
  base = `http://127.0.0.1:${gateway.server.address() && (gateway.server.address() as { port: number }).port}`;
});

afterAll(async () => {
  console.error = consoleError;
  await gateway.close();
});

const raw = (method: string, target: string, headers: [string, string][] = [], body?: Buffer | string) =>
  rawRequest(base, { method, target, headers, ...(body !== undefined ? { body } : {}) });

/** Streams `total` bytes of chunked body, answering with the status the server gave (stops sending once it has one). */
const streamChunked = (path: string, total: number) =>
  new Promise<{ status: number; body: string }>((resolve, reject) => {
    const chunk = Buffer.alloc(1024 * 1024, 'a');
    let sent = 0;
    const source = new Readable({
      read() {
        if (sent >= total) return void this.push(null);
        sent += chunk.length;
        this.push(chunk);
      },
    });
    const url = new URL(path, base);
    const req = request(
      { host: url.hostname, port: url.port, path, method: 'POST', headers: { 'transfer-encoding': 'chunked' } },
      (res) => {
        const parts: Buffer[] = [];
        res.on('data', (c: Buffer) => parts.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(parts).toString('utf8') }));
        source.unpipe(req);
        source.destroy();
      },
    );
    req.on('error', reject);
    source.pipe(req);
  });

describe('local gateway', () => {
  it('listens on loopback unless told otherwise', () => {
    expect(gateway.server.address()).toMatchObject({ address: '127.0.0.1' });
    expect(gateway.loopback).toBe(true);
  });

  it('answers a bad % escape or a path that is not UTF-8 with 400, without calling the function', async () => {
    const before = invoked.length;
    for (const path of ['/r/%E0%A4%A', '/r/%', '/r/%zz', '/r/abc%', '/r/%C0%AF', '/r/%ED%A0%80', '/r/%FF']) {
      const r = await raw('GET', path);
      expect([path, r.status, r.body]).toEqual([path, 400, '{"message":"Bad Request"}']);
    }
    // A bad escape outside any route is a 400 too, as API Gateway reads the path before it routes.
    expect((await raw('GET', '/nowhere/%E0')).status).toBe(400);
    expect(invoked.length).toBe(before);
    // A good escape reaches the function decoded.
    const ok = await raw('GET', '/r/a%2Fb%20c%E1%BB%87');
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body).pathParameters).toEqual({ token: 'a/b cệ' });
  });

  it('keeps __proto__ and constructor as plain values in headers, query and path, never as lookups', async () => {
    const r = await raw('GET', '/r/__proto__?__proto__=x&constructor=y&toString=z&constructor=w', [
      ['__proto__', 'h'],
      ['constructor', 'c'],
    ]);
    expect(r.status).toBe(200);
    const event = JSON.parse(r.body) as Event;
    expect(event.pathParameters).toEqual({ token: '__proto__' });
    const query = event.queryStringParameters ?? {};
    expect(Object.getOwnPropertyDescriptor(query, '__proto__')?.value).toBe('x');
    expect(Object.hasOwn(query, 'constructor') && query.constructor).toBe('y,w');
    expect(query.toString).toBe('z');
    expect(Object.getOwnPropertyDescriptor(event.headers, '__proto__')?.value).toBe('h');
    expect(event.headers.constructor).toBe('c');
    for (const path of ['/__proto__', '/constructor', '/r/x/__proto__', '/_proto_/r/x'])
      expect([path, (await raw('GET', path)).status]).toEqual([path, 404]);
    expect((await raw('__PROTO__', '/r/x')).status).toBe(400); // not a method HTTP knows: Node's parser refuses it
  });

  it('refuses a declared body over 10 MB with 413 before reading any of it', async () => {
    const before = invoked.length;
    // Only the head is sent: the answer cannot have waited for the body.
    const r = await raw('POST', '/upload', [['Content-Length', String(200 * 1024 * 1024)]]);
    expect(r.status).toBe(413);
    expect(r.body).toBe('{"message":"Request Entity Too Large"}');
    // A client that waits for 100 Continue is refused without being asked for the body.
    const expecting = await raw('POST', '/upload', [
      ['Content-Length', String(BODY_LIMIT + 1)],
      ['Expect', '100-continue'],
    ]);
    expect(expecting.status).toBe(413);
    expect(expecting.head).not.toContain('100 Continue');
    expect(invoked.length).toBe(before);
  });

  it('counts a chunked body as it streams: 413 once it passes 10 MB, memory flat through 200 MB', async () => {
    const rss = process.memoryUsage().rss;
    const r = await streamChunked('/upload', 200 * 1024 * 1024);
    expect(r.status).toBe(413);
    expect(r.body).toBe('{"message":"Request Entity Too Large"}');
    // Far below the 200 MB sent (and below the 10 MB kept at most), whatever else this process holds.
    expect(process.memoryUsage().rss - rss).toBeLessThan(60 * 1024 * 1024);
    // Exactly the limit is accepted, and reaches the function whole.
    const atLimit = await streamChunked('/upload', BODY_LIMIT);
    expect(atLimit).toEqual({ status: 200, body: String(BODY_LIMIT) });
  });

  it('answers a failing function or an answer it cannot send with 500, and says why in the log', async () => {
    logged.length = 0;
    expect((await raw('GET', '/throws')).status).toBe(500);
    expect(String(logged.at(-1)?.[0])).toContain('GET /throws: throws failed');
    for (const path of ['/bad-status', '/bad-header']) {
      const r = await raw('GET', path);
      expect([path, r.status, r.body]).toEqual([path, 500, '{"message":"Internal Server Error"}']);
      expect(String(logged.at(-1)?.[0])).toContain('cannot be sent');
    }
  });

  it('answers the JWT authorizer with 401, also when verifying throws', async () => {
    expect((await raw('POST', '/api/things')).status).toBe(401);
    expect((await raw('POST', '/api/things', [['Authorization', 'Bearer boom']])).status).toBe(401);
    expect((await raw('POST', '/api/things', [['Authorization', 'Bearer ok']], '{}')).status).toBe(200);
  });

  it('answers odd request lines with 4xx and keeps serving', async () => {
    const cases: [string, string, number][] = [
      ['PROPFIND', '/r/x', 404],
      ['M-SEARCH', '/', 404],
      ['DELETE', '/_local/clock', 200], // the local routes see every method, and decide
      ['OPTIONS', '*', 400],
      ['GET', 'http://elsewhere.example/r/abs?x=1', 200], // absolute-form, as a proxy sends it
      ['GET', '/r/..', 200],
      ['GET', '/r/%00', 200],
      ['GET', `/r/${'a'.repeat(8000)}`, 200],
      ['GET', '/\x00', 400],
      ['FOO', '/', 400],
      ['CONNECT', 'example.com:443', 405],
    ];
    for (const [method, target, status] of cases)
      expect([method, target.slice(0, 40), (await raw(method, target)).status]).toEqual([
        method,
        target.slice(0, 40),
        status,
      ]);
    const huge = await raw('GET', '/r/x', [['X-Big', 'a'.repeat(20_000)]]);
    expect(huge.status).toBe(431);
    expect((await raw('GET', '/r/still-here')).status).toBe(200);
  });

  it('passes the raw target to the local routes', async () => {
    expect((await raw('POST', '/_local/clock?x=%41')).body).toBe('local POST /_local/clock x=%41');
  });
});
