import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';

/**
 * API Gateway HTTP API events (payload format 2.0) as the gateway hands them to a function, for the tests that
 * call handlers directly. One factory, so that every such test sees the same shape, and a change in what the
 * gateway sends (a header, the authorizer's place) is made once. test/setup.ts makes the site
 * https://chidao.example.gov.vn, the host these events are addressed to.
 */

export const HOST = 'chidao.example.gov.vn';

/** The Lambda context: the handlers read nothing of it (Powertools reads what it finds). */
export const lambdaContext = {} as Context;

/** JWT claims as API Gateway's authorizer leaves them on the event (`requestContext.authorizer.jwt.claims`). */
export type JwtClaims = { [claim: string]: string | undefined };

export type HttpEventInput = {
  /** `METHOD /path/{parameter}`, as the template's route. */
  routeKey: string;
  /** The raw path; by default the route's path with `pathParameters` filled in (percent-encoded). */
  path?: string;
  pathParameters?: Record<string, string>;
  /** Query parameters; `rawQueryString` is made from them. */
  query?: Record<string, string>;
  /** Lower-case names, as API Gateway passes them; over the defaults (host, user-agent, x-forwarded-proto). */
  headers?: Record<string, string>;
  /** `name=value` pairs: API Gateway moves the Cookie header here. */
  cookies?: string[];
  /** Text as it is; bytes are passed base64-encoded with `isBase64Encoded`, as API Gateway passes binary. */
  body?: string | Buffer;
  /** For a text `body` that is base64 already (a test of what the decoding does with it). */
  isBase64Encoded?: boolean;
  /** The authorizer's claims; undefined or null for a route without an authorizer. */
  claims?: JwtClaims | null;
  /** API Gateway's request id, which the logs carry as `correlation_id`; a fresh one by default. */
  requestId?: string;
};

const fillPath = (route: string, parameters: Record<string, string> = {}) =>
  route.replace(/\{([^}+]+)\+?\}/g, (whole, name: string) =>
    parameters[name] === undefined ? whole : encodeURIComponent(parameters[name]),
  );

export const httpEvent = (input: HttpEventInput): APIGatewayProxyEventV2 => {
  const [method = 'GET', route = '/'] = input.routeKey.split(' ');
  const path = input.path ?? fillPath(route, input.pathParameters);
  const binary = Buffer.isBuffer(input.body);
  const now = new Date();
  return {
    version: '2.0',
    routeKey: input.routeKey,
    rawPath: path,
    rawQueryString: input.query ? new URLSearchParams(input.query).toString() : '',
    headers: { host: HOST, 'user-agent': 'vitest', 'x-forwarded-proto': 'https', ...input.headers },
    ...(input.cookies ? { cookies: input.cookies } : {}),
    ...(input.query ? { queryStringParameters: input.query } : {}),
    ...(input.pathParameters ? { pathParameters: input.pathParameters } : {}),
    ...(input.body !== undefined
      ? { body: Buffer.isBuffer(input.body) ? input.body.toString('base64') : input.body }
      : {}),
    isBase64Encoded: binary || (input.isBase64Encoded ?? false),
    requestContext: {
      accountId: '000000000000',
      apiId: 'test',
      domainName: HOST,
      domainPrefix: HOST.split('.')[0] ?? '',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '203.0.113.7', userAgent: 'vitest' },
      requestId: input.requestId ?? randomUUID(),
      routeKey: input.routeKey,
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
      ...(input.claims
        ? { authorizer: { principalId: '', integrationLatency: 0, jwt: { claims: input.claims, scopes: [] } } }
        : {}),
    } as APIGatewayProxyEventV2['requestContext'],
  };
};
