import { mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totp } from '../../local/cognito.ts';
import { type Runtime, startRuntime } from '../support/runtime.ts';
import { WebSession } from '../support/web-session.ts';

/**
 * Officials' sessions on the real runtime: signing out revokes the session, so that a copied cookie or bearer
 * is refused afterwards (by the handlers' deny-list, whatever the JWT authorizer knows), and an official with
 * a TOTP secret signs in with a code from the authenticator.
 */

const PLAIN = { email: 'canbo@stttt.example.gov.vn', name: 'Cán bộ văn phòng Sở', password: 'mat-khau-thu-nghiem-1' };
// Any base32 secret, as an authenticator app would hold it.
const TOTP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const WITH_MFA = {
  email: 'lanhdao@stttt.example.gov.vn',
  name: 'Lãnh đạo Sở',
  password: 'mat-khau-thu-nghiem-2',
  totpSecret: TOTP_SECRET,
};

describe('sessions', () => {
  let rt: Runtime;
  const dataDir = mkdtempSync(join(tmpdir(), 'chidao-e2e-sessions-'));
  writeFileSync(join(dataDir, 'officials.json'), JSON.stringify([PLAIN, WITH_MFA]));

  beforeAll(async () => {
    rt = await startRuntime({ dataDir });
  });

  afterAll(async () => {
    await rt?.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const bearerGet = (token: string) =>
    fetch(`${rt.base}/api/directives`, { headers: { authorization: `Bearer ${token}` } }).then(async (r) => ({
      status: r.status,
      body: await r.text(),
    }));
  const cookieGet = (session: string) =>
    fetch(`${rt.base}/directives`, { redirect: 'manual', headers: { cookie: `chidao_session=${session}` } });

  it('sign-out revokes the session: the old cookie and the old bearer no longer work, even past the authorizer', async () => {
    const browser = new WebSession(rt);
    const signedIn = await browser.signIn(PLAIN.email, PLAIN.password);
    expect(signedIn.status).toBe(303);
    const idToken = browser.jar.get('chidao_session') ?? '';
    expect(browser.jar.get('chidao_refresh')).toBeTruthy();
    const refreshCookie = signedIn.headers.getSetCookie().find((c) => c.startsWith('chidao_refresh=')) ?? '';
    expect(refreshCookie).toMatch(/Path=\/sign-out; HttpOnly; SameSite=Strict/);

    expect((await browser.get('/directives')).status).toBe(200);
    expect((await bearerGet(idToken)).status).toBe(200);

    const out = await browser.post('/sign-out', {});
    expect(out.status).toBe(303);
    expect(out.location).toBe('/sign-in?signedOut=1');
    expect(browser.jar.has('chidao_session')).toBe(false);

    const copiedCookie = await cookieGet(idToken);
    expect(copiedCookie.status).toBe(303);
    expect(copiedCookie.headers.get('location')).toBe('/sign-in?next=%2Fdirectives');
    expect((await bearerGet(idToken)).status).toBe(401);

    // API Gateway's JWT authorizer knows nothing of revocation. Make the local one forget it too (its list is a
    // file in the data folder): the handlers still refuse the bearer, from their deny-list in DynamoDB.
    await rt.stop();
    unlinkSync(join(dataDir, 'cognito-revoked.json'));
    rt = await startRuntime({ dataDir });
    const pastAuthorizer = await bearerGet(idToken);
    expect(pastAuthorizer.status).toBe(401);
    expect(JSON.parse(pastAuthorizer.body)).toMatchObject({ error: 'Unauthorized' });
    expect((await cookieGet(idToken)).status).toBe(303);

    // Another sign-in of the same official is another session.
    const again = new WebSession(rt);
    expect((await again.signIn(PLAIN.email, PLAIN.password)).status).toBe(303);
    expect((await again.get('/directives')).status).toBe(200);
  });

  it('an official with a TOTP secret is asked for the code: a wrong one is refused, the right one signs in', async () => {
    const browser = new WebSession(rt);
    const asked = await browser.signIn(WITH_MFA.email, WITH_MFA.password, '/statistics');
    expect(asked.status).toBe(200);
    expect(asked.text).toContain('Xác thực hai bước');
    expect(browser.jar.has('chidao_session')).toBe(false);
    const session = /name="session" value="([^"]+)"/.exec(asked.text)?.[1] ?? '';
    const username = /name="username" value="([^"]+)"/.exec(asked.text)?.[1] ?? '';
    const answer = (code: string) =>
      browser.post('/sign-in', { step: 'mfa', session, username, email: WITH_MFA.email, code, next: '/statistics' });

    const right = totp(TOTP_SECRET);
    const wrong = await answer(String((Number(right) + 500_000) % 1_000_000).padStart(6, '0'));
    expect(wrong.status).toBe(401);
    expect(wrong.text).toContain('Mã xác thực không đúng');

    const done = await answer(totp(TOTP_SECRET));
    expect(done.status).toBe(303);
    expect(done.location).toBe('/statistics');
    expect((await browser.get('/statistics')).status).toBe(200);
  });
});
