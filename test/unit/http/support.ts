import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { expect } from 'vitest';
import { type LocalOfficial, startCognito } from '../../../local/cognito.ts';
import { type HttpEventInput, httpEvent, lambdaContext } from '../../support/events.ts';

/**
 * HTTP events as API Gateway (payload 2.0) hands them to the handlers, with cookies, and what the tests read of
 * an answer. test/setup.ts makes the site https://chidao.example.gov.vn.
 */

export const SITE = 'https://chidao.example.gov.vn';
export const CSRF_COOKIE = '__Host-chidao_csrf';
export const context = lambdaContext;

/** The events come from the one factory of the tests (test/support/events.ts). */
export type EventInput = HttpEventInput;
export const event = httpEvent;

export type Answer = {
  status: number;
  headers: Record<string, string>;
  cookies: string[];
  body: string;
};

export const answer = (result: unknown): Answer => {
  expect(result, 'the handler returned a response').toBeDefined();
  const r = result as APIGatewayProxyStructuredResultV2;
  return {
    status: r.statusCode ?? 200,
    headers: Object.fromEntries(Object.entries(r.headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)])),
    cookies: r.cookies ?? [],
    body: r.isBase64Encoded ? Buffer.from(r.body ?? '', 'base64').toString('utf8') : (r.body ?? ''),
  };
};

// biome-ignore lint/suspicious/noExplicitAny: every handler takes its own event type; tests build them alike.
type Handler = (event: any, context: Context) => Promise<unknown>;

/** Calls a handler with an event built from `input`. */
export const call = async (handler: Handler, input: EventInput) => answer(await handler(event(input), context));

/** The Set-Cookie of `name` in an answer, whole. */
export const setCookieOf = (a: Answer, name: string) => a.cookies.find((c) => c.startsWith(`${name}=`));
/** The value a Set-Cookie gives `name`. */
export const cookieValueOf = (a: Answer, name: string) =>
  setCookieOf(a, name)
    ?.split(';')[0]
    ?.slice(name.length + 1);
/** The value of the hidden CSRF field of a page's first form. */
export const csrfFieldOf = (html: string) => /<input type="hidden" name="_csrf" value="([^"]+)"/.exec(html)?.[1];

export const FORM = 'application/x-www-form-urlencoded';
export const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

/** A browser's same-origin form POST: its Origin, Sec-Fetch-Site, the CSRF cookie and field. */
export const sameOriginPost = (token: string, fields: Record<string, string>, cookies: string[] = []) => ({
  headers: { 'content-type': FORM, origin: SITE, 'sec-fetch-site': 'same-origin' },
  cookies: [`${CSRF_COOKIE}=${token}`, ...cookies],
  body: form({ ...fields, _csrf: token }),
});

/** A fixed token of the right shape (43 base64url characters). */
export const TOKEN = 'A'.repeat(43);

/**
 * The local Cognito stand-in (local/cognito.ts) with its key set served over HTTP, as the handlers verify ID
 * tokens: sets OFFICIALS_ISSUER, OFFICIALS_CLIENT_ID and OFFICIALS_JWKS_URL (call it before any handler reads
 * its configuration).
 */
export const startLocalPool = async (officials: LocalOfficial[]) => {
  const dir = mkdtempSync(join(tmpdir(), 'chidao-pool-'));
  writeFileSync(join(dir, 'officials.json'), JSON.stringify(officials));
  const issuer = 'https://cognito-idp.ap-southeast-1.amazonaws.com/ap-southeast-1_test';
  const clientId = 'test-client';
  const cognito = await startCognito({
    keysFile: join(dir, 'keys.json'),
    officialsFile: join(dir, 'officials.json'),
    issuer,
    clientId,
  });
  const server = createServer((_req, res) =>
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(cognito.jwks)),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  Object.assign(process.env, {
    OFFICIALS_ISSUER: issuer,
    OFFICIALS_CLIENT_ID: clientId,
    OFFICIALS_JWKS_URL: `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`,
  });
  /** The tokens of one sign-in, straight from the stand-in. */
  const tokens = async (email: string, password: string) => {
    const r = await cognito.api('AWSCognitoIdentityProviderService.InitiateAuth', {
      ClientId: clientId,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: email, PASSWORD: password },
    });
    const result = (r.body as { AuthenticationResult?: Record<string, string> }).AuthenticationResult;
    if (!result?.IdToken || !result.RefreshToken) throw new Error(`No tokens: ${JSON.stringify(r.body)}`);
    return { idToken: result.IdToken, refreshToken: result.RefreshToken, accessToken: result.AccessToken ?? '' };
  };
  const close = async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    rmSync(dir, { recursive: true, force: true });
  };
  return { cognito, issuer, clientId, tokens, close };
};
