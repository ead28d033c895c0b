import { afterAll, describe, expect, it } from 'vitest';
import { getOfficeSettings } from '#adapters/store/office-settings.ts';
import { handler as officialPages } from '#handlers/http/official-pages.tsx';
import { call, form, SITE, sameOriginPost, startLocalPool, TOKEN } from '../http/support.ts';

/**
 * The office's settings page: which phone channels its directives use. A same-site form with its CSRF token like
 * every official form; the province reads it and is refused a change (403); the navigation links to it.
 */

const OFFICIAL = {
  email: 'canbo@stttt.example.gov.vn',
  name: 'Cán bộ văn phòng',
  password: 'mat-khau-thu-nghiem-1',
  office: 'stttt-caidat',
};
const PROVINCE = {
  email: 'ubnd@gialai.example.gov.vn',
  name: 'Văn phòng UBND tỉnh',
  password: 'mat-khau-thu-nghiem-2',
  office: 'stttt-caidat',
  role: 'PROVINCE' as const,
};
const pool = await startLocalPool([OFFICIAL, PROVINCE]);
const session = async (who: { email: string; password: string }) =>
  `chidao_session=${(await pool.tokens(who.email, who.password)).idToken}`;
const official = await session(OFFICIAL);
const province = await session(PROVINCE);
afterAll(() => pool.close());

const save = (cookie: string, fields: Record<string, string>) =>
  call(officialPages, { routeKey: 'POST /settings', ...sameOriginPost(TOKEN, fields, [cookie]) });

describe('the settings page', () => {
  it('both channels off by default; the navigation links to it', async () => {
    expect(await getOfficeSettings('stttt-caidat')).toEqual({ channels: { sms: false, zalo: false } });
    const page = await call(officialPages, { routeKey: 'GET /settings', cookies: [official] });
    expect(page.status).toBe(200);
    expect(page.body).toContain('Cài đặt của cơ quan');
    expect(page.body).toContain('<a href="/settings">Cài đặt</a>');
    expect(page.body).toMatch(/<input id="settings-sms" type="checkbox" name="sms" value="on"\/>/);
    expect(page.body).toMatch(/name="_csrf"/);
  });

  it('saves the boxes ticked, for the official’s own office, and shows them ticked', async () => {
    const a = await save(official, { sms: 'on' });
    expect(a.status).toBe(303);
    expect(a.headers.location).toBe('/settings?saved=1');
    expect(await getOfficeSettings('stttt-caidat')).toEqual({ channels: { sms: true, zalo: false } });
    expect(await getOfficeSettings('mac-dinh')).toEqual({ channels: { sms: false, zalo: false } });
    const page = await call(officialPages, {
      routeKey: 'GET /settings',
      cookies: [official],
      query: { saved: '1', lang: 'en' },
    });
    expect(page.body).toContain('Settings saved.');
    expect(page.body).toMatch(/name="sms" value="on" checked/);
    // Unticking is a form without the box.
    await save(official, {});
    expect(await getOfficeSettings('stttt-caidat')).toEqual({ channels: { sms: false, zalo: false } });
  });

  it('refuses a POST without the CSRF token or from another site: 403, nothing saved', async () => {
    const noToken = await call(officialPages, {
      routeKey: 'POST /settings',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: SITE, 'sec-fetch-site': 'same-origin' },
      cookies: [official],
      body: form({ sms: 'on' }),
    });
    expect(noToken.status).toBe(403);
    const base = sameOriginPost(TOKEN, { sms: 'on' }, [official]);
    const foreign = await call(officialPages, {
      routeKey: 'POST /settings',
      ...base,
      headers: { ...base.headers, origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
    });
    expect(foreign.status).toBe(403);
    expect(await getOfficeSettings('stttt-caidat')).toEqual({ channels: { sms: false, zalo: false } });
  });

  it('the province reads it (boxes disabled, no button) and is refused a change (403)', async () => {
    const page = await call(officialPages, { routeKey: 'GET /settings', cookies: [province] });
    expect(page.status).toBe(200);
    expect(page.body).toMatch(/name="sms" value="on" disabled/);
    expect(page.body).not.toContain('Lưu cài đặt');
    expect((await save(province, { sms: 'on', zalo: 'on' })).status).toBe(403);
    expect(await getOfficeSettings('stttt-caidat')).toEqual({ channels: { sms: false, zalo: false } });
  });
});
