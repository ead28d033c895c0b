import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { LocalRoute } from './cloud-assembly.ts';

/**
 * The HTTP API as API Gateway runs it: the template's routes, payload format 2.0 events, the JWT authorizer's
 * refusal (401) and claims, and the answers API Gateway gives when a route is missing or a function fails.
 */

export type Claims = Record<string, string>;
/** Stands in for the JWT authorizer: the claims of a signed-in official, or undefined. */
export type Authorize = (req: IncomingMessage) => Promise<Claims | undefined>;
export type Invoke = (functionName: string, event: unknown) => Promise<unknown>;
export type LocalHandler = (req: IncomingMessage, res: ServerResponse, body: Buffer) => Promise<boolean>;

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

const readBody = async (req: IncomingMessage) => {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
};

const toEvent = (
  req: IncomingMessage,
  url: URL,
  route: CompiledRoute,
  match: RegExpExecArray,
  body: Buffer,
  claims?: Claims,
) => {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers))
    if (k !== 'cookie' && v !== undefined) headers[k] = Array.isArray(v) ? v.join(',') : v;
  const query: Record<string, string> = {};
  for (const [k, v] of url.searchParams) query[k] = k in query ? `${query[k]},${v}` : v;
  const now = new Date();
  const isText = TEXT.test(headers['content-type'] ?? 'text/plain');
  return {
    version: '2.0',
    routeKey: route.routeKey,
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
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
        path: url.pathname,
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

const send = (res: ServerResponse, method: string, result: unknown) => {
  const r: APIGatewayProxyStructuredResultV2 =
    result && typeof result === 'object' && 'statusCode' in result
      ? (result as APIGatewayProxyStructuredResultV2)
      : { statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(result) };
  const headers: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(r.headers ?? {})) headers[k] = String(v);
  if (r.cookies?.length) headers['set-cookie'] = r.cookies;
  const body = r.body === undefined ? Buffer.alloc(0) : Buffer.from(r.body, r.isBase64Encoded ? 'base64' : 'utf8');
  res.writeHead(r.statusCode ?? 200, headers);
  res.end(method === 'HEAD' ? undefined : body);
};

const json = (res: ServerResponse, status: number, body: unknown) =>
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));

export const startGateway = async (options: {
  port: number;
  routes: LocalRoute[];
  invoke: Invoke;
  authorize: Authorize;
  /** Routes of the local runtime itself (/_local/…, sign-in); answer true when handled. */
  local: LocalHandler;
}) => {
  const routes = options.routes.map(compile).sort((a, b) => b.specificity - a.specificity);
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const method = req.method ?? 'GET';
    try {
      const body = await readBody(req);
      if (await options.local(req, res, body)) return;
      const found = routes
        .filter((r) => r.method === method || r.method === 'ANY')
        .map((r) => ({ route: r, match: r.pattern.exec(url.pathname) }))
        .find((m) => m.match);
      const route = found?.route;
      const match = found?.match;
      if (!route || !match) return json(res, 404, { message: 'Not Found' });
      let claims: Claims | undefined;
      if (route.authorization === 'JWT') {
        claims = await options.authorize(req);
        if (!claims) return json(res, 401, { message: 'Unauthorized' });
      }
      const result = await options.invoke(route.functionName, toEvent(req, url, route, match, body, claims));
      send(res, method, result);
    } catch (error) {
      console.error(`${method} ${url.pathname}:`, error);
      if (!res.headersSent) json(res, 500, { message: 'Internal Server Error' });
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, () => resolve());
  });
  return { server, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
};
