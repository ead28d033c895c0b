import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { LocalRoute } from './cloud-assembly.ts';

/**
 * The HTTP API as API Gateway runs it: the template's routes, payload format 2.0 events, the JWT authorizer's
 * refusal (401) and claims, and the answers API Gateway gives itself: 404 without a route, 400 for a path it
 * cannot decode, 413 beyond its 10 MB payload limit, 500 when a function fails, 503 past the 30 s integration
 * timeout. Whatever a client sends, the gateway answers it; only a function can answer 500.
 */

export type Claims = Record<string, string>;
/** Stands in for the JWT authorizer: the claims of a signed-in official, or undefined. */
export type Authorize = (req: IncomingMessage) => Promise<Claims | undefined>;
export type Invoke = (functionName: string, event: unknown) => Promise<unknown>;
/** The request target as sent (`path` undecoded, `query` without its `?`). */
export type Target = { path: string; query: string };
export type LocalHandler = (
  req: IncomingMessage,
  res: ServerResponse,
  body: Buffer,
  target: Target,
) => Promise<boolean>;

/** API Gateway's payload limit. */
export const BODY_LIMIT = 10 * 1024 * 1024;
/** API Gateway's longest integration timeout. */
const INTEGRATION_TIMEOUT_MS = 30_000;
/**
 * How long a refused body may keep coming. Reading it (and dropping it) lets the client read the refusal: closing
 * on unread data resets the connection, and most clients then report the reset instead of the 413.
 */
const DRAIN_MS = 2_000;

type CompiledRoute = LocalRoute & { method: string; pattern: RegExp; params: string[]; specificity: number };

const compile = (route: LocalRoute): CompiledRoute => {
  const [method = 'ANY', path = '/'] = route.routeKey.split(' ');
  const params: string[] = [];
  const source = path
    .split('/')
    .map((segment) => {
      const m = /^\{(.+?)(\+)?\}$/.exec(segment);
      if (!m?.[1]) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      params.push(m[1]);
      return m[2] ? '(.+)' : '([^/]+)';
    })
    .join('/');
  return { ...route, method, pattern: new RegExp(`^${source}$`), params, specificity: -params.length };
};

const TEXT = /^(text\/|application\/(json|x-www-form-urlencoded|xml|javascript)|[^;]*\+json)/;

/** The path and query of a request line: origin-form (`/a?b`), or absolute-form as a proxy would send it. */
export const parseTarget = (raw: string): Target | undefined => {
  let target = raw;
  if (!target.startsWith('/')) {
    const absolute = /^https?:\/\/[^/?#]*(.*)$/i.exec(target);
    if (!absolute) return undefined;
    target = absolute[1] ?? '';
    if (!target.startsWith('/')) target = `/${target}`;
  }
  const q = target.indexOf('?');
  return q < 0 ? { path: target, query: '' } : { path: target.slice(0, q), query: target.slice(q + 1) };
};

/** Whether every `%` escape of a path is complete and the bytes they spell are UTF-8. */
export const decodable = (path: string) => {
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
};

/** API Gateway joins repeated headers and query parameters with commas. */
const joined = (pairs: Iterable<[string, string]>) => {
  const map = new Map<string, string>();
  for (const [k, v] of pairs) {
    const before = map.get(k);
    map.set(k, before === undefined ? v : `${before},${v}`);
  }
  // fromEntries defines own properties, so a `__proto__` header or parameter stays a plain value.
  return Object.fromEntries(map);
};

function* headerPairs(raw: string[]): Generator<[string, string]> {
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = (raw[i] ?? '').toLowerCase();
    if (name !== 'cookie') yield [name, raw[i + 1] ?? ''];
  }
}

const toEvent = (
  req: IncomingMessage,
  target: Target,
  route: CompiledRoute,
  match: RegExpExecArray,
  body: Buffer,
  claims?: Claims,
) => {
  const headers = joined(headerPairs(req.rawHeaders));
  const query = joined(new URLSearchParams(target.query));
  const now = new Date();
  const isText = TEXT.test(headers['content-type'] ?? 'text/plain');
  return {
    version: '2.0',
    routeKey: route.routeKey,
    rawPath: target.path,
    rawQueryString: target.query,
    ...(req.headers.cookie ? { cookies: req.headers.cookie.split(/;\s*/) } : {}),
    headers,
    ...(Object.keys(query).length ? { queryStringParameters: query } : {}),
    ...(route.params.length
      ? { pathParameters: Object.fromEntries(route.params.map((p, i) => [p, decodeURIComponent(match[i + 1] ?? '')])) }
      : {}),
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: 'local',
      http: {
        method: req.method ?? 'GET',
        path: target.path,
        protocol: `HTTP/${req.httpVersion}`,
        sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey: route.routeKey,
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
      ...(claims ? { authorizer: { jwt: { claims, scopes: null } } } : {}),
    },
    ...(body.length ? { body: isText ? body.toString('utf8') : body.toString('base64') } : {}),
    isBase64Encoded: body.length > 0 && !isText,
  };
};

/** A function's answer as API Gateway reads it; throws on one it could not send (API Gateway then answers 500). */
const send = (res: ServerResponse, method: string, result: unknown) => {
  const r: APIGatewayProxyStructuredResultV2 =
    result && typeof result === 'object' && 'statusCode' in result
      ? (result as APIGatewayProxyStructuredResultV2)
      : { statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(result) };
  const headers: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(r.headers ?? {})) headers[k] = String(v);
  if (r.cookies?.length) headers['set-cookie'] = r.cookies;
  const body = r.body === undefined ? Buffer.alloc(0) : Buffer.from(r.body, r.isBase64Encoded ? 'base64' : 'utf8');
  // Checked before anything is written, so a malformed answer still leaves room for the 500.
  const status = r.statusCode ?? 200;
  if (!Number.isInteger(status) || status < 100 || status > 599) throw new RangeError(`statusCode ${status}`);
  for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
  res.statusCode = status;
  res.end(method === 'HEAD' ? undefined : body);
};

const json = (res: ServerResponse, status: number, body: unknown) =>
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));

/** Answers before the body has been read: what still comes is dropped, for a bounded time. */
const answerEarly = (req: IncomingMessage, res: ServerResponse, status: number, message: string) => {
  json(res, status, { message });
  if (req.complete) return;
  req.on('error', () => {});
  req.resume();
  const cut = setTimeout(() => req.socket.destroy(), DRAIN_MS);
  cut.unref();
  req.once('end', () => clearTimeout(cut));
  req.once('close', () => clearTimeout(cut));
};

/** The body, or undefined once it passes `limit` (what was read is let go at once). */
const readBody = (req: IncomingMessage, limit: number) =>
  new Promise<Buffer | undefined>((resolve, reject) => {
    let chunks: Buffer[] = [];
    let size = 0;
    const done = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      chunks = [];
      done();
      resolve(undefined);
    };
    const onEnd = () => {
      done();
      resolve(Buffer.concat(chunks, size));
    };
    const onError = (error: Error) => {
      done();
      reject(error);
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  });

const declaredTooLarge = (req: IncomingMessage) => Number(req.headers['content-length'] ?? 0) > BODY_LIMIT;

const TOO_LARGE = 'Request Entity Too Large';

const within = <T>(ms: number, work: Promise<T>) => {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
};

export const startGateway = async (options: {
  port: number;
  /** The address to listen on; loopback unless the user asks otherwise. */
  host?: string;
  routes: LocalRoute[];
  invoke: Invoke;
  authorize: Authorize;
  /** Routes of the local runtime itself (/_local/…); answer true when handled. */
  local: LocalHandler;
}) => {
  const byMethod = new Map<string, CompiledRoute[]>();
  for (const route of options.routes.map(compile).sort((a, b) => b.specificity - a.specificity))
    byMethod.set(route.method, [...(byMethod.get(route.method) ?? []), route]);
  const find = (method: string, path: string) => {
    for (const route of [...(byMethod.get(method) ?? []), ...(byMethod.get('ANY') ?? [])]) {
      const match = route.pattern.exec(path);
      if (match) return { route, match };
    }
    return undefined;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const method = req.method ?? 'GET';
    if (declaredTooLarge(req)) return answerEarly(req, res, 413, TOO_LARGE);
    let body: Buffer | undefined;
    try {
      body = await readBody(req, BODY_LIMIT);
    } catch {
      return void req.socket.destroy(); // the client went away mid-body: nobody to answer
    }
    if (!body) return answerEarly(req, res, 413, TOO_LARGE);
    const target = parseTarget(req.url ?? '/');
    if (!target || !decodable(target.path)) return json(res, 400, { message: 'Bad Request' });
    if (await options.local(req, res, body, target)) return;
    const found = find(method, target.path);
    if (!found) return json(res, 404, { message: 'Not Found' });
    const { route, match } = found;
    let claims: Claims | undefined;
    if (route.authorization === 'JWT') {
      claims = await options.authorize(req).catch(() => undefined);
      if (!claims) return json(res, 401, { message: 'Unauthorized' });
    }
    const event = toEvent(req, target, route, match, body, claims);
    let result: unknown;
    try {
      const answer = await within(INTEGRATION_TIMEOUT_MS, options.invoke(route.functionName, event));
      if (answer === 'late') {
        console.error(
          `${method} ${target.path}: ${route.functionName} did not answer within ${INTEGRATION_TIMEOUT_MS} ms`,
        );
        return json(res, 503, { message: 'Service Unavailable' });
      }
      result = answer;
    } catch (error) {
      console.error(`${method} ${target.path}: ${route.functionName} failed:`, error);
      return json(res, 500, { message: 'Internal Server Error' });
    }
    try {
      send(res, method, result);
    } catch (error) {
      console.error(`${method} ${target.path}: ${route.functionName} gave an answer that cannot be sent:`, error);
      if (!res.headersSent) {
        for (const name of res.getHeaderNames()) res.removeHeader(name);
        json(res, 500, { message: 'Internal Server Error' });
      }
    }
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error) => {
      console.error(`${req.method} ${req.url}: the local gateway failed:`, error);
      if (!res.headersSent) json(res, 500, { message: 'Internal Server Error' });
      else res.destroy();
    });
  });
  // A client that waits for "100 Continue" never has to send a body that is refused anyway.
  server.on('checkContinue', (req, res) => {
    if (declaredTooLarge(req)) return json(res, 413, { message: TOO_LARGE });
    res.writeContinue();
    server.emit('request', req, res);
  });
  // No tunnels and no protocol switches: the request is refused, the connection closed.
  server.on('connect', (_req, socket) => socket.end('HTTP/1.1 405 Method Not Allowed\r\nConnection: close\r\n\r\n'));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
  });
  const { address, port } = server.address() as AddressInfo;
  return {
    server,
    /** Where it listens, as `host:port` (`[::1]:port` for IPv6). */
    address: address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`,
    loopback: /^(127\.|::1$|::ffff:127\.)/.test(address),
    /** Stops listening and cuts every connection, a request in progress included. */
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
};
