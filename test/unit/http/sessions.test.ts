import {
  CognitoIdentityProviderClient,
  RevokeTokenCommand,
  type RevokeTokenCommandInput,
} from '@aws-sdk/client-cognito-identity-provider';
import { mockClient } from 'aws-sdk-client-mock';
import { decodeJwt } from 'jose';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { handler as officialPages } from '#handlers/http/official-pages.tsx';
import { handler as officialsApi } from '#handlers/http/officials-api.ts';
import { handler as reports } from '#handlers/http/reports.tsx';
import { handler as signIn } from '#handlers/http/sign-in.tsx';
import { getRaw } from '../support/harness.ts';
import { call, sameOriginPost, setCookieOf, startLocalPool, TOKEN } from './support.ts';

/**
 * Signing out revokes the session: its sign-in (Cognito's origin_jti) goes on the deny-list that the web app
 * and the JSON API consult, and Cognito revokes the refresh token. A copied cookie or bearer is refused after.
 */

const OFFICIAL = { email: 'canbo@stttt.example.gov.vn', name: 'Cán bộ văn phòng', password: 'mat-khau-thu-nghiem-1' };
const pool = await startLocalPool([OFFICIAL]);
const cognitoMock = mockClient(CognitoIdentityProviderClient);

afterAll(() => pool.close());
beforeEach(() => {
  cognitoMock.reset();
  cognitoMock.on(RevokeTokenCommand).resolves({});
});

/** What API Gateway's JWT authorizer leaves on the event: the token's claims, as strings. */
const claimsOf = (token: string) =>
  Object.fromEntries(Object.entries(decodeJwt(token)).map(([k, v]) => [k, String(v)])) as Record<string, string>;

const pageWith = (idToken: string) =>
  call(officialPages, { routeKey: 'GET /directives', cookies: [`chidao_session=${idToken}`] });
const apiWith = (idToken: string) =>
  call(officialsApi, {
    routeKey: 'GET /api/directives',
    headers: { authorization: `Bearer ${idToken}` },
    claims: claimsOf(idToken),
  });
const signOut = (cookies: string[]) =>
  call(signIn, { routeKey: 'POST /sign-out', ...sameOriginPost(TOKEN, {}, cookies) });

describe('sign-out', () => {
  it('refuses the old cookie and the old bearer afterwards, and revokes the refresh token at Cognito', async () => {
    const { idToken, refreshToken } = await pool.tokens(OFFICIAL.email, OFFICIAL.password);
    expect((await pageWith(idToken)).status).toBe(200);
    expect((await apiWith(idToken)).status).toBe(200);

    const out = await signOut([`chidao_session=${idToken}`, `chidao_refresh=${refreshToken}`]);
    expect(out.status).toBe(303);
    expect(out.headers.location).toBe('/sign-in?signedOut=1');
    expect(setCookieOf(out, 'chidao_session')).toMatch(/^chidao_session=; Path=\/; HttpOnly; SameSite=Lax; Max-Age=0/);
    expect(setCookieOf(out, 'chidao_refresh')).toMatch(
      /^chidao_refresh=; Path=\/sign-out; HttpOnly; SameSite=Strict; Max-Age=0/,
    );
    expect(cognitoMock.commandCalls(RevokeTokenCommand).map((c) => c.args[0].input)).toEqual<RevokeTokenCommandInput[]>(
      [{ ClientId: pool.clientId, Token: refreshToken }],
    );

    const { origin_jti: originJti, exp } = decodeJwt(idToken);
    const item = await getRaw(`SESSION#${originJti}`, 'REVOKED');
    expect(item).toMatchObject({ expiresAt: new Date(Number(exp) * 1000).toISOString() });
    expect(item?.ttl).toBeGreaterThan(Number(exp));

    const page = await pageWith(idToken);
    expect(page.status).toBe(303);
    expect(page.headers.location).toBe('/sign-in?next=%2Fdirectives');
    const api = await apiWith(idToken);
    expect(api.status).toBe(401);
    const stats = await call(reports, {
      routeKey: 'GET /api/statistics',
      headers: { authorization: `Bearer ${idToken}` },
      claims: claimsOf(idToken),
    });
    expect(stats.status).toBe(401);
  });

  it('ends only that sign-in: another session of the same official still works', async () => {
    const first = await pool.tokens(OFFICIAL.email, OFFICIAL.password);
    const second = await pool.tokens(OFFICIAL.email, OFFICIAL.password);
    await signOut([`chidao_session=${first.idToken}`]);
    expect((await pageWith(first.idToken)).status).toBe(303);
    expect((await pageWith(second.idToken)).status).toBe(200);
    expect((await apiWith(second.idToken)).status).toBe(200);
  });

  it('signs out even when Cognito cannot revoke the refresh token (the deny-list holds)', async () => {
    cognitoMock.on(RevokeTokenCommand).rejects(new Error('socket hang up'));
    const { idToken, refreshToken } = await pool.tokens(OFFICIAL.email, OFFICIAL.password);
    const out = await signOut([`chidao_session=${idToken}`, `chidao_refresh=${refreshToken}`]);
    expect(out.status).toBe(303);
    expect((await pageWith(idToken)).status).toBe(303);
  });

  it('without a session just clears the cookies, and asks Cognito nothing without a refresh token', async () => {
    const out = await signOut([]);
    expect(out.status).toBe(303);
    expect(out.cookies.filter((c) => /Max-Age=0/.test(c))).toHaveLength(2);
    expect(cognitoMock.calls()).toHaveLength(0);
  });

  it('a forged or foreign token is no session, and is not put on the list', async () => {
    const { idToken } = await pool.tokens(OFFICIAL.email, OFFICIAL.password);
    const [h, p] = idToken.split('.');
    const forged = `${h}.${p}.${'A'.repeat(342)}`;
    expect((await pageWith(forged)).status).toBe(303);
    await signOut([`chidao_session=${forged}`]);
    expect(await getRaw(`SESSION#${decodeJwt(idToken).origin_jti}`, 'REVOKED')).toBeUndefined();
  });

  it('a bearer without jti (a script token) is looked up by its hash and still works', async () => {
    const a = await call(officialsApi, {
      routeKey: 'GET /api/directives',
      headers: { authorization: 'Bearer script-token' },
      claims: { sub: 'api-token', name: 'OFFICIAL_API_TOKEN' },
    });
    expect(a.status).toBe(200);
  });
});
