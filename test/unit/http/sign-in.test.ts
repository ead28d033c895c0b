import {
  AssociateSoftwareTokenCommand,
  CodeMismatchException,
  CognitoIdentityProviderClient,
  EnableSoftwareTokenMFAException,
  InitiateAuthCommand,
  InvalidPasswordException,
  NotAuthorizedException,
  RespondToAuthChallengeCommand,
  TooManyRequestsException,
  VerifySoftwareTokenCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { handler as signIn } from '#handlers/http/sign-in.tsx';
import { DEFAULT_NEXT, safeNext } from '#handlers/middleware/same-origin.ts';
import { CSRF_COOKIE, call, cookieValueOf, csrfFieldOf, sameOriginPost, setCookieOf, TOKEN } from './support.ts';

/**
 * The sign-in screens against Cognito (mocked): password, a first password, TOTP set-up (MFA_SETUP) and TOTP
 * codes (SOFTWARE_TOKEN_MFA); where a signed-in official is sent (`next`); what the cookies say.
 */

process.env.OFFICIALS_ISSUER ??= 'https://cognito-idp.ap-southeast-1.amazonaws.com/ap-southeast-1_test';
process.env.OFFICIALS_CLIENT_ID ??= 'test-client';
process.env.OFFICIALS_JWKS_URL ??=
  'https://cognito-idp.ap-southeast-1.amazonaws.com/ap-southeast-1_test/.well-known/jwks.json';

const cognito = mockClient(CognitoIdentityProviderClient);
beforeEach(() => cognito.reset());

const EMAIL = 'canbo@stttt.example.gov.vn';
const TOKENS = { IdToken: 'id.token.jwt', AccessToken: 'access', RefreshToken: 'refresh-token', ExpiresIn: 3600 };
const post = (fields: Record<string, string>, cookies: string[] = []) =>
  call(signIn, { routeKey: 'POST /sign-in', ...sameOriginPost(TOKEN, fields, cookies) });
const hidden = (html: string, name: string) =>
  new RegExp(`<input type="hidden" name="${name}" value="([^"]*)"`).exec(html)?.[1];

describe('password', () => {
  it('signs in: the session cookie (Lax), the refresh token (Strict, /sign-out only), a new CSRF token', async () => {
    cognito.on(InitiateAuthCommand).resolves({ AuthenticationResult: TOKENS });
    const a = await post({ email: EMAIL, password: 'p', next: '/directives/abc?cursor=2' });
    expect(a.status).toBe(303);
    expect(a.headers.location).toBe('/directives/abc?cursor=2');
    expect(setCookieOf(a, 'chidao_session')).toBe(
      'chidao_session=id.token.jwt; Path=/; HttpOnly; SameSite=Lax; Max-Age=3600; Secure',
    );
    expect(setCookieOf(a, 'chidao_refresh')).toMatch(
      /^chidao_refresh=refresh-token; Path=\/sign-out; HttpOnly; SameSite=Strict; Max-Age=\d+; Secure$/,
    );
    const rotated = cookieValueOf(a, CSRF_COOKIE);
    expect(rotated).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(rotated).not.toBe(TOKEN);
  });

  const offSite = [
    '/\\evil.test',
    '//evil.test',
    '/%5Cevil.test',
    '/%2F%2Fevil.test',
    'https://evil.test/x',
    'javascript:alert(1)',
    '/\tevil',
    '%E0%A4%A',
    '',
  ];
  it('sends the official to `next` only when it is a path of this site', async () => {
    cognito.on(InitiateAuthCommand).resolves({ AuthenticationResult: TOKENS });
    for (const next of offSite) {
      const a = await post({ email: EMAIL, password: 'p', next });
      expect(a.headers.location, next).toBe('/directives');
    }
    const page = await call(signIn, { routeKey: 'GET /sign-in', query: { next: '//evil.test' } });
    expect(hidden(page.body, 'next')).toBe('/directives');
  });

  it('a wrong password shows the form again with the email kept; too many tries say so', async () => {
    cognito.on(InitiateAuthCommand).rejects(new NotAuthorizedException({ message: 'x', $metadata: {} }));
    const wrong = await post({ email: EMAIL, password: 'bad' });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toContain('Email hoặc mật khẩu không đúng.');
    expect(wrong.body).toContain(`value="${EMAIL}"`);
    cognito.on(InitiateAuthCommand).rejects(new TooManyRequestsException({ message: 'x', $metadata: {} }));
    expect((await post({ email: EMAIL, password: 'bad' })).status).toBe(429);
  });

  it('a first sign-in sets a new password; one Cognito refuses is explained', async () => {
    cognito.on(InitiateAuthCommand).resolves({
      ChallengeName: 'NEW_PASSWORD_REQUIRED',
      Session: 'S1',
      ChallengeParameters: { USER_ID_FOR_SRP: 'user-uuid' },
    });
    const page = await post({ email: EMAIL, password: 'temporary' });
    expect(hidden(page.body, 'step')).toBe('new-password');
    expect(hidden(page.body, 'username')).toBe('user-uuid');
    cognito.on(RespondToAuthChallengeCommand).rejects(new InvalidPasswordException({ message: 'x', $metadata: {} }));
    const fields = { step: 'new-password', session: 'S1', email: EMAIL, username: 'user-uuid', newPassword: 'short' };
    const refused = await post(fields);
    expect(refused.status).toBe(400);
    expect(refused.body).toContain('ít nhất 12 ký tự');
    cognito.on(RespondToAuthChallengeCommand).resolves({ AuthenticationResult: TOKENS });
    expect((await post({ ...fields, newPassword: 'Mat-khau-moi-2026' })).status).toBe(303);
    expect(cognito.commandCalls(RespondToAuthChallengeCommand).at(-1)?.args[0].input).toMatchObject({
      ChallengeName: 'NEW_PASSWORD_REQUIRED',
      Session: 'S1',
      ChallengeResponses: { USERNAME: 'user-uuid', NEW_PASSWORD: 'Mat-khau-moi-2026' },
    });
  });
});

describe('TOTP', () => {
  it('MFA_SETUP: shows the secret and the otpauth:// URI, verifies the code, then answers the challenge', async () => {
    cognito.on(InitiateAuthCommand).resolves({
      ChallengeName: 'MFA_SETUP',
      Session: 'S1',
      ChallengeParameters: { USER_ID_FOR_SRP: 'user-uuid' },
    });
    cognito
      .on(AssociateSoftwareTokenCommand)
      .resolves({ SecretCode: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP', Session: 'S2' });
    const setup = await post({ email: EMAIL, password: 'p' });
    expect(setup.status).toBe(200);
    expect(setup.body).toContain('thêm tài khoản bằng khóa bí mật');
    expect(setup.body).toContain('JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP');
    expect(setup.body).toContain(
      `otpauth://totp/chidao%3A${encodeURIComponent(EMAIL)}?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&amp;issuer=chidao`,
    );
    expect(hidden(setup.body, 'session')).toBe('S2');
    expect(cognito.commandCalls(AssociateSoftwareTokenCommand)[0]?.args[0].input).toEqual({ Session: 'S1' });

    const fields = {
      step: 'mfa-setup',
      session: 'S2',
      email: EMAIL,
      username: 'user-uuid',
      secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
    };
    cognito
      .on(VerifySoftwareTokenCommand)
      .rejects(new EnableSoftwareTokenMFAException({ message: 'x', $metadata: {} }));
    const wrong = await post({ ...fields, code: '000000' });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toContain('Mã xác thực không đúng');
    expect(wrong.body).toContain('JBSW Y3DP');

    cognito.on(VerifySoftwareTokenCommand).resolves({ Status: 'SUCCESS', Session: 'S3' });
    cognito.on(RespondToAuthChallengeCommand).resolves({ AuthenticationResult: TOKENS });
    const done = await post({ ...fields, code: '123456' });
    expect(done.status).toBe(303);
    expect(cognito.commandCalls(VerifySoftwareTokenCommand).at(-1)?.args[0].input).toMatchObject({
      Session: 'S2',
      UserCode: '123456',
    });
    expect(cognito.commandCalls(RespondToAuthChallengeCommand)[0]?.args[0].input).toMatchObject({
      ChallengeName: 'MFA_SETUP',
      Session: 'S3',
      ChallengeResponses: { USERNAME: 'user-uuid' },
    });
  });

  it('SOFTWARE_TOKEN_MFA: asks for the code, sends it, signs in', async () => {
    cognito
      .on(InitiateAuthCommand)
      .resolves({ ChallengeName: 'SOFTWARE_TOKEN_MFA', Session: 'S1', ChallengeParameters: {} });
    const ask = await post({ email: EMAIL, password: 'p', next: '/statistics' });
    expect(ask.body).toContain('Xác thực hai bước');
    expect(ask.body).toContain('autocomplete="one-time-code"');
    expect(hidden(ask.body, 'step')).toBe('mfa');
    expect(hidden(ask.body, 'next')).toBe('/statistics');

    cognito.on(RespondToAuthChallengeCommand).resolves({ AuthenticationResult: TOKENS });
    const done = await post({
      step: 'mfa',
      session: 'S1',
      email: EMAIL,
      username: EMAIL,
      code: '654321',
      next: '/statistics',
    });
    expect(done.status).toBe(303);
    expect(done.headers.location).toBe('/statistics');
    expect(cognito.commandCalls(RespondToAuthChallengeCommand)[0]?.args[0].input).toMatchObject({
      ChallengeName: 'SOFTWARE_TOKEN_MFA',
      Session: 'S1',
      ChallengeResponses: { USERNAME: EMAIL, SOFTWARE_TOKEN_MFA_CODE: '654321' },
    });
  });

  it('a wrong code asks again; a code that is not 6 digits never reaches Cognito; an expired session starts over', async () => {
    const fields = { step: 'mfa', session: 'S1', email: EMAIL, username: EMAIL };
    cognito.on(RespondToAuthChallengeCommand).rejects(new CodeMismatchException({ message: 'x', $metadata: {} }));
    const wrong = await post({ ...fields, code: '111111' });
    expect(wrong.status).toBe(401);
    expect(hidden(wrong.body, 'step')).toBe('mfa');
    expect(hidden(wrong.body, 'session')).toBe('S1');

    const letters = await post({ ...fields, code: '12a456' });
    expect(letters.status).toBe(400);
    expect(cognito.commandCalls(RespondToAuthChallengeCommand)).toHaveLength(1);

    cognito
      .on(RespondToAuthChallengeCommand)
      .rejects(
        new NotAuthorizedException({ message: 'Invalid session for the user, session is expired.', $metadata: {} }),
      );
    const expired = await post({ ...fields, code: '222222' });
    expect(expired.status).toBe(401);
    expect(expired.body).toContain('Phiên đăng nhập đã hết hạn');
    expect(hidden(expired.body, 'step')).toBeUndefined();
    expect(expired.body).toContain('name="password"');
  });

  it('in English through the i18n layer', async () => {
    cognito.on(InitiateAuthCommand).resolves({ ChallengeName: 'SOFTWARE_TOKEN_MFA', Session: 'S1' });
    const a = await post({ email: EMAIL, password: 'p' }, ['lang=en']);
    expect(a.body).toContain('Two-step verification');
    expect(a.body).toContain('Enter the 6-digit code');
    expect(csrfFieldOf(a.body)).toBe(TOKEN);
  });
});

describe('safeNext', () => {
  it('keeps paths of this site, with their query', () => {
    for (const next of [
      '/directives',
      '/directives/01J?cursor=a%2Fb',
      '/statistics?from=2026-01-01&to=2026-03-01',
      '/',
    ])
      expect(safeNext(next)).toBe(next);
  });
  it('refuses every way off the site, and anything undecodable', () => {
    for (const next of [
      '/\\evil.test',
      '\\\\evil.test',
      '//evil.test',
      '///evil.test',
      '/%5Cevil.test',
      '/%5cevil.test',
      '/%2F%2Fevil.test',
      '/%2f/evil.test',
      'https://evil.test',
      'HTTPS://evil.test',
      'javascript:alert(1)',
      ' /directives',
      '/\r\n//evil.test',
      '/\u0000x',
      '%E0%A4%A',
      '/x%',
      'directives',
      undefined,
      42,
      `/${'a'.repeat(3000)}`,
    ])
      expect(safeNext(next), String(next)).toBe(DEFAULT_NEXT);
  });
});
