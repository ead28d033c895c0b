import {
  CognitoIdentityProviderClient,
  InitiateAuthCommand,
  NotAuthorizedException,
} from '@aws-sdk/client-cognito-identity-provider';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { listAgencies } from '#adapters/store/directory.ts';
import { DEFAULT_OFFICE } from '#core/office.ts';
import { handler as officialPages } from '#handlers/http/official-pages.tsx';
import { handler as reports } from '#handlers/http/reports.tsx';
import { handler as signIn } from '#handlers/http/sign-in.tsx';
import {
  CSRF_COOKIE,
  call,
  cookieValueOf,
  csrfFieldOf,
  FORM,
  form,
  SITE,
  sameOriginPost,
  setCookieOf,
  startLocalPool,
  TOKEN,
} from './support.ts';

/**
 * CSRF for the officials' forms: Origin and Sec-Fetch-Site say where a POST comes from, and a double-submit token
 * (a Strict HttpOnly cookie and a hidden field) says it was made from a page of this site. Each refused case
 * changes nothing and answers 403 with a Vietnamese page that leads back.
 */

const OFFICIAL = { email: 'canbo@stttt.example.gov.vn', name: 'Cán bộ văn phòng', password: 'mat-khau-thu-nghiem-1' };
const pool = await startLocalPool([OFFICIAL]);
const { idToken } = await pool.tokens(OFFICIAL.email, OFFICIAL.password);
const SESSION = `chidao_session=${idToken}`;
const cognitoMock = mockClient(CognitoIdentityProviderClient);

afterAll(() => pool.close());
beforeEach(() => cognitoMock.reset());

const agency = (id: string) => ({ action: 'save', id, name: `Đơn vị ${id}`, email: `${id}@example.gov.vn` });
const saved = async (id: string) => (await listAgencies(DEFAULT_OFFICE)).some((a) => a.id === id);

const postDirectory = (
  id: string,
  overrides: { headers?: Record<string, string>; cookies?: string[]; body?: string },
) => {
  const base = sameOriginPost(TOKEN, agency(id), [SESSION]);
  return call(officialPages, {
    routeKey: 'POST /directory',
    headers: { ...base.headers, ...overrides.headers },
    cookies: overrides.cookies ?? base.cookies,
    body: overrides.body ?? base.body,
  });
};

describe('the token: set by pages, carried by every form', () => {
  it('a page without the cookie sets it (Strict, HttpOnly, Secure, __Host-) and puts it in every POST form', async () => {
    const a = await call(officialPages, { routeKey: 'GET /directory', cookies: [SESSION] });
    expect(a.status).toBe(200);
    // Under `no-referrer` browsers would send `Origin: null` on the page's own POSTs.
    expect(a.headers['referrer-policy']).toBe('same-origin');
    const cookie = setCookieOf(a, CSRF_COOKIE) ?? '';
    expect(cookie).toMatch(/; Path=\/; HttpOnly; SameSite=Strict; Max-Age=\d+; Secure$/);
    const token = cookieValueOf(a, CSRF_COOKIE);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const posts = a.body.match(/<form[^>]*method="post"/g) ?? [];
    const fields = a.body.match(/<input type="hidden" name="_csrf" value="([^"]+)"/g) ?? [];
    expect(posts.length).toBeGreaterThanOrEqual(3); // save, import, sign-out
    expect(fields).toHaveLength(posts.length);
    expect(new Set(fields)).toEqual(new Set([`<input type="hidden" name="_csrf" value="${token}"`]));
  });

  it('a page with a valid cookie reuses it and sets nothing', async () => {
    const a = await call(officialPages, { routeKey: 'GET /directory', cookies: [SESSION, `${CSRF_COOKIE}=${TOKEN}`] });
    expect(setCookieOf(a, CSRF_COOKIE)).toBeUndefined();
    expect(csrfFieldOf(a.body)).toBe(TOKEN);
  });

  it('the sign-in page sets it on GET, and the statistics page gives its sign-out form one', async () => {
    const page = await call(signIn, { routeKey: 'GET /sign-in' });
    expect(csrfFieldOf(page.body)).toBe(cookieValueOf(page, CSRF_COOKIE));
    const stats = await call(reports, { routeKey: 'GET /statistics', cookies: [SESSION, `${CSRF_COOKIE}=${TOKEN}`] });
    expect(stats.status).toBe(200);
    expect(stats.body).toMatch(/action="\/sign-out"[^>]*>\s*<input type="hidden" name="_csrf" value="A{43}"/);
  });

  it('the script and a download get no cookie (no form to fill)', async () => {
    const a = await call(officialPages, { routeKey: 'GET /assets/{name}', pathParameters: { name: 'officials.js' } });
    expect(a.status).toBe(200);
    expect(a.cookies).toEqual([]);
  });
});

describe('a state-changing officials form', () => {
  it('is accepted from this site with the token (Origin of PUBLIC_BASE_URL), and the handler never sees the token', async () => {
    const a = await postDirectory('so-yte', {});
    expect(a.status).toBe(303);
    expect(await saved('so-yte')).toBe(true);
    expect(JSON.stringify(await listAgencies(DEFAULT_OFFICE))).not.toContain(TOKEN);
  });

  it('is accepted from the origin the request was addressed to (its Host), and without Origin from old browsers', async () => {
    const alt = await postDirectory('so-gd', {
      headers: { host: 'chidao-alt.example.gov.vn', origin: 'https://chidao-alt.example.gov.vn' },
    });
    expect(alt.status).toBe(303);
    const base = sameOriginPost(TOKEN, agency('so-xd'), [SESSION]);
    const noOrigin = await call(officialPages, {
      routeKey: 'POST /directory',
      headers: { 'content-type': FORM },
      cookies: base.cookies,
      body: base.body,
    });
    expect(noOrigin.status).toBe(303);
  });

  const refused: Record<string, Parameters<typeof postDirectory>[1]> = {
    'Origin: https://evil.test': { headers: { origin: 'https://evil.test', 'sec-fetch-site': 'cross-site' } },
    'Origin: https://evil.test without Sec-Fetch-Site': {
      headers: { origin: 'https://evil.test', 'sec-fetch-site': '' },
    },
    'Origin: null': { headers: { origin: 'null' } },
    'Origin on another scheme': { headers: { origin: 'http://chidao.example.gov.vn' } },
    'Sec-Fetch-Site: cross-site, whatever the Origin says': {
      headers: { origin: SITE, 'sec-fetch-site': 'cross-site' },
    },
    'Sec-Fetch-Site: same-site (a sibling subdomain)': { headers: { 'sec-fetch-site': 'same-site' } },
    'no token field': { body: form(agency('x')) },
    'a token field that is not the cookie': { body: form({ ...agency('x'), _csrf: 'B'.repeat(43) }) },
    'no token cookie': { cookies: [SESSION] },
    'a cookie that is not a token, matched by the field': {
      cookies: [SESSION, `${CSRF_COOKIE}=short`],
      body: form({ ...agency('x'), _csrf: 'short' }),
    },
  };
  for (const [name, overrides] of Object.entries(refused)) {
    it(`is refused with 403: ${name}`, async () => {
      const id = `refused-${Object.keys(refused).indexOf(name)}`;
      const headers = { ...overrides.headers };
      // An empty header stands for "not sent".
      for (const [k, v] of Object.entries(headers)) if (v === '') delete headers[k];
      const a = await postDirectory(id, { ...overrides, headers });
      expect(a.status).toBe(403);
      expect(a.body).toContain('Yêu cầu bị từ chối');
      expect(a.body).toContain('Mở lại trang và thực hiện lại');
      expect(await saved(id)).toBe(false);
    });
  }

  it('the refusal leads back to the page the form was on, when the browser says which', async () => {
    const a = await postDirectory('x', {
      headers: { origin: 'null', referer: `${SITE}/directives/abc?cursor=2` },
    });
    expect(a.body).toContain('href="/directives/abc?cursor=2"');
    const foreign = await postDirectory('x', { headers: { origin: 'null', referer: 'https://evil.test/directives' } });
    expect(foreign.body).toContain('href="/directives"');
  });

  it('is checked before the session: a forged POST learns nothing about it', async () => {
    const a = await call(officialPages, {
      routeKey: 'POST /directives/{id}/actions',
      pathParameters: { id: 'd1' },
      headers: { 'content-type': FORM, origin: 'https://evil.test' },
      body: form({ action: 'cancel-directive' }),
    });
    expect(a.status).toBe(403);
  });
});

describe('sign-in and sign-out are forms like the others', () => {
  it('a sign-in from another site is refused before Cognito hears of it', async () => {
    for (const origin of ['https://evil.test', 'null']) {
      const a = await call(signIn, {
        routeKey: 'POST /sign-in',
        headers: { 'content-type': FORM, origin },
        cookies: [`${CSRF_COOKIE}=${TOKEN}`],
        body: form({ email: OFFICIAL.email, password: OFFICIAL.password, _csrf: TOKEN }),
      });
      expect(a.status).toBe(403);
      expect(a.body).toContain('href="/sign-in"');
    }
    expect(cognitoMock.calls()).toHaveLength(0);
  });

  it('a sign-in without the token is refused; with it, Cognito is asked', async () => {
    const without = await call(signIn, {
      routeKey: 'POST /sign-in',
      headers: { 'content-type': FORM, origin: SITE },
      body: form({ email: OFFICIAL.email, password: 'wrong' }),
    });
    expect(without.status).toBe(403);
    cognitoMock.on(InitiateAuthCommand).rejects(new NotAuthorizedException({ message: 'no', $metadata: {} }));
    const withToken = await call(signIn, {
      routeKey: 'POST /sign-in',
      ...sameOriginPost(TOKEN, { email: OFFICIAL.email, password: 'wrong' }),
    });
    expect(withToken.status).toBe(401);
    expect(withToken.body).toContain('Email hoặc mật khẩu không đúng.');
    expect(csrfFieldOf(withToken.body)).toBe(TOKEN);
  });

  it('a forged sign-out keeps the session', async () => {
    const a = await call(signIn, {
      routeKey: 'POST /sign-out',
      headers: { 'content-type': FORM, origin: 'https://evil.test' },
      cookies: [SESSION, `${CSRF_COOKIE}=${TOKEN}`],
      body: form({ _csrf: TOKEN }),
    });
    expect(a.status).toBe(403);
    expect(a.cookies).toEqual([]);
    const still = await call(officialPages, { routeKey: 'GET /directory', cookies: [SESSION] });
    expect(still.status).toBe(200);
  });
});
