import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeJwt } from 'jose';
import { afterAll, describe, expect, it } from 'vitest';
import { type LocalOfficial, startCognito, totp } from '../../../local/cognito.ts';

/**
 * The local Cognito stand-in: tokens shaped like Cognito's (jti, origin_jti, a refresh token), RevokeToken, and
 * TOTP for an official who has a `totpSecret`.
 */

const dir = mkdtempSync(join(tmpdir(), 'chidao-cognito-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const PLAIN: LocalOfficial = { email: 'canbo@chidao.local', name: 'Cán bộ', password: 'mat-khau-1' };
// RFC 6238's SHA-1 test key, "12345678901234567890", in base32.
const SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const WITH_MFA: LocalOfficial = {
  email: 'lanhdao@chidao.local',
  name: 'Lãnh đạo',
  password: 'mat-khau-2',
  totpSecret: SECRET,
};
writeFileSync(join(dir, 'officials.json'), JSON.stringify([PLAIN, WITH_MFA]));

const options = {
  keysFile: join(dir, 'keys.json'),
  officialsFile: join(dir, 'officials.json'),
  issuer: 'https://issuer.local',
  clientId: 'client',
};
const pool = await startCognito(options);
const T = 'AWSCognitoIdentityProviderService.';

const initiate = (who: LocalOfficial) =>
  pool.api(`${T}InitiateAuth`, {
    ClientId: 'client',
    AuthFlow: 'USER_PASSWORD_AUTH',
    AuthParameters: { USERNAME: who.email, PASSWORD: who.password },
  });
const tokensOf = (r: { body: unknown }) =>
  (r.body as { AuthenticationResult: { IdToken: string; AccessToken: string; RefreshToken: string } })
    .AuthenticationResult;

describe('tokens', () => {
  it('an ID, an access and a refresh token of one sign-in share an origin_jti; each has its own jti', async () => {
    const t = tokensOf(await initiate(PLAIN));
    const [id, access, refresh] = [t.IdToken, t.AccessToken, t.RefreshToken].map((x) => decodeJwt(x));
    expect(id).toMatchObject({ token_use: 'id', aud: 'client', email: PLAIN.email });
    expect(access).toMatchObject({ token_use: 'access', client_id: 'client' });
    expect(refresh).toMatchObject({ token_use: 'refresh', client_id: 'client' });
    expect(new Set([id?.origin_jti, access?.origin_jti, refresh?.origin_jti]).size).toBe(1);
    expect(new Set([id?.jti, access?.jti, refresh?.jti]).size).toBe(3);
    expect(await pool.verify(t.IdToken)).toMatchObject({ sub: `local-${PLAIN.email}` });
    expect(await pool.verify(t.AccessToken)).toBeUndefined();
  });

  it('RevokeToken ends that sign-in for verify (the JWT authorizer), across restarts; other sign-ins go on', async () => {
    const first = tokensOf(await initiate(PLAIN));
    const second = tokensOf(await initiate(PLAIN));
    expect(await pool.api(`${T}RevokeToken`, { ClientId: 'client', Token: first.RefreshToken })).toEqual({
      status: 200,
      body: {},
    });
    expect(await pool.verify(first.IdToken)).toBeUndefined();
    expect(await pool.verify(second.IdToken)).toBeDefined();
    const restarted = await startCognito(options);
    expect(await restarted.verify(first.IdToken)).toBeUndefined();
    expect(await restarted.verify(second.IdToken)).toBeDefined();
  });

  it('RevokeToken: an invalid token is no error (RFC 7009); an access token or another client is', async () => {
    const t = tokensOf(await initiate(PLAIN));
    expect((await pool.api(`${T}RevokeToken`, { ClientId: 'client', Token: 'garbage' })).status).toBe(200);
    expect(await pool.api(`${T}RevokeToken`, { ClientId: 'client', Token: t.AccessToken })).toMatchObject({
      status: 400,
      body: { __type: 'UnsupportedTokenTypeException' },
    });
    expect((await pool.api(`${T}RevokeToken`, { ClientId: 'other', Token: t.RefreshToken })).status).toBe(400);
    expect(await pool.verify(t.IdToken)).toBeDefined();
    expect((await pool.api(`${T}GlobalSignOut`, {})).body).toMatchObject({ __type: 'UnknownOperationException' });
  });
});

describe('TOTP', () => {
  it('computes RFC 6238 codes (SHA-1 vectors, last 6 digits)', () => {
    expect(totp(SECRET, 59_000)).toBe('287082');
    expect(totp(SECRET, 1_111_111_109_000)).toBe('081804');
    expect(totp(SECRET, 1_234_567_890_000)).toBe('005924');
    expect(totp(SECRET, 20_000_000_000_000)).toBe('353130');
  });

  it('an official with a totpSecret is asked for the code; a wrong one is refused, the right one signs in', async () => {
    expect(tokensOf(await initiate(PLAIN)).IdToken).toBeDefined();
    const challenge = (await initiate(WITH_MFA)).body as { ChallengeName: string; Session: string };
    expect(challenge.ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
    const answer = (code: string, session = challenge.Session) =>
      pool.api(`${T}RespondToAuthChallenge`, {
        ClientId: 'client',
        ChallengeName: 'SOFTWARE_TOKEN_MFA',
        Session: session,
        ChallengeResponses: { USERNAME: WITH_MFA.email, SOFTWARE_TOKEN_MFA_CODE: code },
      });
    const right = totp(SECRET);
    const wrong = String((Number(right) + 500_000) % 1_000_000).padStart(6, '0');
    expect((await answer(wrong)).body).toMatchObject({ __type: 'CodeMismatchException' });
    const done = await answer(right);
    expect(decodeJwt(tokensOf(done).IdToken)).toMatchObject({ email: WITH_MFA.email });
    expect((await answer(right)).body).toMatchObject({ __type: 'NotAuthorizedException' });
    expect((await answer(right, 'forged-session')).body).toMatchObject({ __type: 'NotAuthorizedException' });
  });
});
