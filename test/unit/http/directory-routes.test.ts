import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { saveAgencies } from '#adapters/store/directory.ts';
import { OFFICIAL_PAGES } from '#contracts/routes.ts';
import { handler as officialPages } from '#handlers/http/official-pages.tsx';
import { call, sameOriginPost, startLocalPool, TOKEN } from './support.ts';

/**
 * The directory's routes through the pages' handler: the page searched and paged by its query string, a save or a
 * removal that brings the official back to the view and the row, an import (CSV by comma or semicolon, XLSX) whose
 * errors come back inside the page, and the sample file.
 */

const OFFICE = 'stttt-danhba-routes';
const OFFICIAL = {
  email: 'danhba@stttt.example.gov.vn',
  name: 'Cán bộ danh bạ',
  password: 'mat-khau-thu-nghiem-1',
  office: OFFICE,
};
const pool = await startLocalPool([OFFICIAL]);
const { idToken } = await pool.tokens(OFFICIAL.email, OFFICIAL.password);
const SESSION = `chidao_session=${idToken}`;
afterAll(() => pool.close());

const get = (routeKey: string, query: Record<string, string> = {}) =>
  call(officialPages, { routeKey, cookies: [SESSION], query });
const post = (routeKey: string, fields: Record<string, string>) =>
  call(officialPages, { routeKey, ...sameOriginPost(TOKEN, fields, [SESSION]) });

const upload = (name: string, content: Buffer, fields: Record<string, string> = {}) => {
  const boundary = 'directory-boundary';
  const part = (head: string, body: Buffer | string) =>
    Buffer.concat([Buffer.from(`--${boundary}\r\n${head}\r\n\r\n`), Buffer.from(body), Buffer.from('\r\n')]);
  const body = Buffer.concat([
    part('Content-Disposition: form-data; name="_csrf"', TOKEN),
    ...Object.entries(fields).map(([k, v]) => part(`Content-Disposition: form-data; name="${k}"`, v)),
    part(`Content-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: text/csv`, content),
    Buffer.from(`--${boundary}--\r\n`),
  ]);
  const base = sameOriginPost(TOKEN, {}, [SESSION]);
  return call(officialPages, {
    routeKey: OFFICIAL_PAGES.importDirectory,
    headers: { ...base.headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
    cookies: base.cookies,
    body: body.toString('base64'),
    isBase64Encoded: true,
  });
};

/** The agencies' ids of a page, in order. */
const rowIds = (html: string) => [...html.matchAll(/<tr id="agency-([^"]+)"/g)].map((m) => m[1]);

describe('the directory page', () => {
  it('finds agencies without their accents, pages them by 50 and says where the page is', async () => {
    await saveAgencies(OFFICE, [
      ...Array.from({ length: 120 }, (_, i) => ({
        id: `xa-${String(i).padStart(3, '0')}`,
        name: `UBND xã số ${i}`,
        email: `xa${i}@gialai.example`,
        groups: ['UBND cấp xã'],
        headName: undefined,
      })),
      { id: 'so-yte', name: 'Sở Y tế', email: 'yt@gialai.example', groups: ['Sở, ban, ngành'], headName: undefined },
    ]);
    const first = await get(OFFICIAL_PAGES.directory, { sort: 'id' });
    expect(first.status).toBe(200);
    expect(rowIds(first.body)).toHaveLength(50);
    expect(first.body).toContain('1–50 trong 121 đơn vị');
    expect(first.body).toContain('href="/directory?sort=id&amp;page=2"');

    const third = await get(OFFICIAL_PAGES.directory, { sort: 'id', page: '3' });
    expect(third.body).toContain('101–121 trong 121 đơn vị');
    expect(rowIds(third.body).at(-1)).toBe('xa-119');

    const found = await get(OFFICIAL_PAGES.directory, { q: 'so y te' });
    expect(rowIds(found.body)).toEqual(['so-yte']);
    expect(found.body).toContain('1–1 trong 1 đơn vị tìm thấy (danh bạ có 121)');

    const group = await get(OFFICIAL_PAGES.directory, { group: 'Sở, ban, ngành' });
    expect(rowIds(group.body)).toEqual(['so-yte']);
    expect(group.body).toContain('<option value="Sở, ban, ngành" selected>');
  });

  it('a save brings the official back to the same view, on the saved row, and says what was saved', async () => {
    const saved = await post(OFFICIAL_PAGES.saveAgency, {
      action: 'save',
      back: 'q=xa&sort=id&page=2',
      id: 'xa-005',
      name: 'UBND xã số 5 (mới)',
      email: 'xa5@gialai.example',
    });
    expect(saved.status).toBe(303);
    expect(saved.headers.location).toBe('/directory?q=xa&sort=id&page=2&saved=xa-005#agency-xa-005');

    // The saved agency is on page 1 of that view: the page shown is the one that holds it.
    const page = await get(OFFICIAL_PAGES.directory, { q: 'xa', sort: 'id', page: '2', saved: 'xa-005' });
    expect(page.body).toContain('Đã lưu đơn vị UBND xã số 5 (mới).');
    expect(rowIds(page.body)).toContain('xa-005');
  });

  it('a `back` that is not a view of the directory is dropped, never followed', async () => {
    const saved = await post(OFFICIAL_PAGES.saveAgency, {
      action: 'save',
      back: 'page=//evil.example&sort=<script>',
      id: 'xa-006',
      name: 'UBND xã số 6',
      email: 'xa6@gialai.example',
    });
    expect(saved.headers.location).toBe('/directory?saved=xa-006#agency-xa-006');
  });

  it('removing asks first, then names what it removed; a second removal reads as done', async () => {
    const confirm = await get(OFFICIAL_PAGES.directory, { remove: 'xa-007', q: 'xa' });
    expect(confirm.body).toContain('Xóa đơn vị UBND xã số 7 khỏi danh bạ?');
    expect(confirm.body).toMatch(/<input type="hidden" name="back" value="q=xa"\/>/);
    expect(rowIds((await get(OFFICIAL_PAGES.directory, { q: 'xa-007' })).body)).toEqual(['xa-007']);

    const removed = await post(OFFICIAL_PAGES.saveAgency, { action: 'delete', id: 'xa-007', back: 'q=xa' });
    expect(removed.status).toBe(303);
    expect(removed.headers.location).toBe(`/directory?q=xa&${new URLSearchParams({ removed: 'UBND xã số 7' })}`);
    const after = await get(OFFICIAL_PAGES.directory, { q: 'xa', removed: 'UBND xã số 7' });
    expect(after.body).toContain('Đã xóa đơn vị UBND xã số 7 khỏi danh bạ.');
    expect(rowIds((await get(OFFICIAL_PAGES.directory, { q: 'xa-007' })).body)).toEqual([]);
    const again = await post(OFFICIAL_PAGES.saveAgency, { action: 'delete', id: 'xa-007', back: 'q=xa' });
    expect(again.status).toBe(303);
  });
});

describe('importing the directory', () => {
  it('a semicolon CSV with a BOM and Vietnamese headers: imported, and the page names the file', async () => {
    const csv = '\uFEFFMã đơn vị;Tên đơn vị;Email;Nhóm\r\ncong-an;Công an tỉnh;ca@gialai.example;Sở, ban, ngành\r\n';
    const answer = await upload('danh-ba.csv', Buffer.from(csv));
    expect(answer.status).toBe(303);
    expect(answer.headers.location).toBe('/directory?imported=1&from=danh-ba.csv');
    const page = await get(OFFICIAL_PAGES.directory, { imported: '1', from: 'danh-ba.csv' });
    expect(page.body).toContain('Đã nhập 1 đơn vị từ tệp danh-ba.csv.');
  });

  it('bad rows come back in the directory page, each with its number and text, and nothing is stored', async () => {
    const csv =
      'id,name,email\nmoi-1,Mới 1,moi1@gialai.example\nmoi-2,Mới 2,khong-phai-email\nmoi-1,Mới 1 lần nữa,m@gialai.example\n';
    const answer = await upload('danh-ba.csv', Buffer.from(csv), { back: 'q=moi' });
    expect(answer.status).toBe(400);
    expect(answer.body).toContain('<h1>Danh bạ đơn vị</h1>');
    expect(answer.body).toContain('Chưa nhập được tệp danh-ba.csv');
    expect(answer.body).toContain(
      '<strong>Dòng 3: </strong>Email: địa chỉ email không hợp lệ<span class="skip"> Nội dung dòng:</span><code>moi-2,Mới 2,khong-phai-email</code>',
    );
    expect(answer.body).toContain('<strong>Dòng 4: </strong>Mã đơn vị trùng: moi-1');
    expect(answer.body).toContain('id="import-file"');
    expect(answer.body).not.toContain('file:');
    expect(rowIds((await get(OFFICIAL_PAGES.directory, { q: 'moi-1' })).body)).toEqual([]);
  });

  it('an XLSX workbook, read the same way, its errors by row number', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Danh bạ');
    sheet.addRow(['Mã đơn vị', 'Tên đơn vị', 'Email', 'Điện thoại']);
    sheet.addRow(['ubnd-pleiku', 'UBND thành phố Pleiku', 'pk@gialai.example', '0269 3824 567']);
    const good = Buffer.from(await workbook.xlsx.writeBuffer());
    expect((await upload('danh-ba.xlsx', good)).headers.location).toBe('/directory?imported=1&from=danh-ba.xlsx');

    sheet.addRow(['xa-moi', 'Xã mới', 'xm@gialai.example', '0123']);
    const bad = await upload('danh-ba.xlsx', Buffer.from(await workbook.xlsx.writeBuffer()));
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('<strong>Dòng 3: </strong>Điện thoại');
  });

  it('a file of another kind says how to save it, inside the page', async () => {
    const answer = await upload('danh-ba.csv', Buffer.from([0x69, 0x64, 0x0a, 0xff, 0xfe, 0x00]));
    expect(answer.status).toBe(400);
    expect(answer.body).toContain('CSV UTF-8');
  });
});

describe('the sample file', () => {
  it('downloads as CSV with a BOM and the headers the import reads', async () => {
    const answer = await get(OFFICIAL_PAGES.directorySample);
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(answer.headers['content-disposition']).toContain('danh-ba-mau.csv');
    expect(answer.body.startsWith('\uFEFFMã đơn vị,Tên đơn vị,Email,Nhóm')).toBe(true);
  });
});
