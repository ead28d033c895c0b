import { afterAll, describe, expect, it } from 'vitest';
import { DIRECTIVE_FORM, OFFICIAL_PAGES } from '#contracts/routes.ts';
import { handler as directiveForm } from '#handlers/http/directive-form.tsx';
import { handler as officialPages } from '#handlers/http/official-pages.tsx';
import { handler as reports } from '#handlers/http/reports.tsx';
import { call, sameOriginPost, startLocalPool, TOKEN } from './support.ts';

/**
 * The officials' web app shows field errors and refusals in the page's language: the problems core and the use
 * cases report as codes, rendered by web/i18n. Vietnamese stays the default.
 */

const OFFICIAL = { email: 'canbo@stttt.example.gov.vn', name: 'Cán bộ văn phòng', password: 'mat-khau-thu-nghiem-1' };
const pool = await startLocalPool([OFFICIAL]);
const { idToken } = await pool.tokens(OFFICIAL.email, OFFICIAL.password);
const SESSION = `chidao_session=${idToken}`;

afterAll(() => pool.close());

const post = (routeKey: string, fields: Record<string, string>, lang: { query?: Record<string, string> } = {}) =>
  call(routeKey === DIRECTIVE_FORM.submitForm ? directiveForm : officialPages, {
    routeKey,
    ...sameOriginPost(TOKEN, fields, [SESSION]),
    ...lang,
  });

/** The text of the field error note a page shows for a form field. */
const fieldError = (html: string, id: string) =>
  new RegExp(`<p class="field-error" id="${id}-error">([^<]*)</p>`).exec(html)?.[1];

describe("the directive form's errors", () => {
  it('are English under ?lang=en and Vietnamese otherwise', async () => {
    const fields = { idempotencyKey: 'english-form-1', op: 'issue' };
    const english = await post(DIRECTIVE_FORM.submitForm, fields, { query: { lang: 'en' } });
    const vietnamese = await post(DIRECTIVE_FORM.submitForm, fields);

    expect(english.status).toBe(400);
    expect(english.body).toContain('<html lang="en">');
    expect(english.body).toContain('The directive was not issued. Please correct:');
    expect(fieldError(english.body, 'number')).toBe('Number: required');
    expect(vietnamese.status).toBe(400);
    expect(fieldError(vietnamese.body, 'number')).toBe('Số, ký hiệu: bắt buộc nhập');
  });
});

describe("the directory's errors", () => {
  it('name the field in English under ?lang=en', async () => {
    const agency = { action: 'save', id: 'bad-email', name: 'Agency', email: 'not-an-email' };
    const english = await post(OFFICIAL_PAGES.saveAgency, agency, { query: { lang: 'en' } });
    const vietnamese = await post(OFFICIAL_PAGES.saveAgency, agency);

    expect(english.status).toBe(400);
    expect(english.body).toContain('Email: not a valid email address');
    expect(vietnamese.body).toContain('Email: địa chỉ email không hợp lệ');
  });

  it('an imported CSV names its bad row in English', async () => {
    const csv = 'id,name,email\nok,Agency,ok@example.gov.vn\n,Nameless,x@example.gov.vn\n';
    const boundary = 'csv-boundary';
    const body = [
      `--${boundary}`,
      'Content-Disposition: form-data; name="_csrf"',
      '',
      TOKEN,
      `--${boundary}`,
      'Content-Disposition: form-data; name="file"; filename="agencies.csv"',
      'Content-Type: text/csv',
      '',
      csv,
      `--${boundary}--`,
      '',
    ].join('\r\n');
    const base = sameOriginPost(TOKEN, {}, [SESSION]);
    const response = await call(officialPages, {
      routeKey: 'POST /directory/import',
      headers: { ...base.headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
      cookies: base.cookies,
      query: { lang: 'en' },
      body,
    });

    // In the directory page, beside the row's number and its text, with no "file:" prefix.
    expect(response.status).toBe(400);
    expect(response.body).toContain('<h1>Agency directory</h1>');
    expect(response.body).toContain(
      '<strong>Row 3: </strong>Agency id: only unaccented letters, digits, dots and dashes',
    );
    expect(response.body).toContain('<code>,Nameless,x@example.gov.vn</code>');
    expect(response.body).not.toContain('file: Row');
  });
});

describe('statistics', () => {
  it('a malformed period is refused in English under ?lang=en', async () => {
    const response = await call(reports, {
      routeKey: 'GET /statistics',
      cookies: [SESSION],
      query: { from: '32/03/2026', lang: 'en' },
    });
    expect(response.status).toBe(400);
    expect(response.body).toContain('from: From: “32/03/2026” is not a real day; a date as day/month/year');
  });
});
