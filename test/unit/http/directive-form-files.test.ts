import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { saveAgencies } from '#adapters/store/directory.ts';
import { DEFAULT_OFFICE } from '#core/office.ts';
import { handler as directiveForm } from '#handlers/http/directive-form.tsx';
import { resetMocks, scanAll } from '../support/harness.ts';
import { type Answer, call, sameOriginPost, startLocalPool, TOKEN } from './support.ts';

/**
 * The directive form's files, through the real handler, the run's dynalite and the local S3: the upload step reads
 * a DOCX (a scan is a 422 that opens the paste step), and the signed original is stored on any submit and carried
 * by id in hidden fields. The form is multipart, its fields named as qs names them (`tasks[0][code]`).
 */

const s3 = await vi.hoisted(async () => {
  const { mkdtempSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const { startS3 } = await import('../../../local/s3.ts');
  const dir = mkdtempSync(join(tmpdir(), 'chidao-form-files-'));
  const server = await startS3(dir);
  // Before the imports below: the S3 client is made when its module is first imported.
  process.env.AWS_ENDPOINT_URL_S3 = server.endpoint;
  process.env.ATTACHMENTS_BUCKET = 'chidao-test-attachments';
  return { dir, server };
});

const OFFICIAL = { email: 'canbo@stttt.example.gov.vn', name: 'Cán bộ văn phòng', password: 'mat-khau-thu-nghiem-1' };
const pool = await startLocalPool([OFFICIAL]);
const { idToken } = await pool.tokens(OFFICIAL.email, OFFICIAL.password);
const SESSION = `chidao_session=${idToken}`;

afterAll(async () => {
  pool.close();
  await s3.server.close();
  rmSync(s3.dir, { recursive: true, force: true });
});
beforeEach(() => resetMocks());

const FILES = join(import.meta.dirname, '..', '..', 'fixtures', 'files');
const fixture = (name: string) => readFileSync(join(FILES, name));
const PDF = fixture('gia-lai-126.pdf');

type Part = string | { name: string; type: string; bytes: Buffer };

/** A browser's multipart POST of the directive form: fields in order, files with their names. */
const postForm = (
  parts: [string, Part][],
  query: Record<string, string> = {},
  /** null: no token field at all. */
  token: string | null = TOKEN,
): Promise<Answer> => {
  const boundary = `----form${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const [name, value] of [...(token ? [['_csrf', token] as [string, Part]] : []), ...parts]) {
    const head =
      typeof value === 'string'
        ? `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n`
        : `--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="${value.name}"\r\nContent-Type: ${value.type}\r\n\r\n`;
    chunks.push(Buffer.from(head), typeof value === 'string' ? Buffer.from(value) : value.bytes, Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  const base = sameOriginPost(TOKEN, {}, [SESSION]);
  return call(directiveForm, {
    routeKey: 'POST /directives/new',
    headers: { ...base.headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
    cookies: base.cookies,
    query,
    body: Buffer.concat(chunks),
  });
};

const EMPTY_FILE = { name: '', type: 'application/octet-stream', bytes: Buffer.alloc(0) };
const inputValue = (html: string, id: string) =>
  new RegExp(`<input id="${id}"[^>]*value="([^"]*)"`).exec(html)?.[1] ??
  new RegExp(`<input[^>]*value="([^"]*)"[^>]*id="${id}"`).exec(html)?.[1];
const hidden = (html: string, name: string) =>
  new RegExp(`<input type="hidden" name="${name.replace(/[[\]]/g, '\\$&')}" value="([^"]*)"`).exec(html)?.[1];
const checkList = (html: string) =>
  [...(/id="paste-check-list"[\s\S]*?<\/ul>/.exec(html)?.[0] ?? '').matchAll(/<li>([^<]*)<\/li>/g)].map((m) => m[1]);

describe('the upload step', () => {
  it('reads the DOCX into the form and names every agency the directory lacks, once', async () => {
    const a = await postForm([
      ['idempotencyKey', 'upload-1'],
      ['op', 'upload'],
      [
        'sourceFile',
        { name: 'gia-lai-126.docx', type: 'application/octet-stream', bytes: fixture('gia-lai-126.docx') },
      ],
      ['originalUpload', EMPTY_FILE],
    ]);
    expect(a.status).toBe(200);
    expect(inputValue(a.body, 'number')).toBe('126/STTTT-BCVT');
    expect(hidden(a.body, 'idempotencyKey')).toBe('upload-1');
    expect(a.body).toContain('Đã đọc tệp &quot;gia-lai-126.docx&quot;');
    const lines = checkList(a.body);
    expect(lines).toContain('Công an tỉnh: chưa có trong danh bạ. Thêm đơn vị (kèm email) vào danh bạ rồi chọn lại.');
    expect(
      lines.filter((l) => l?.endsWith('chưa có trong danh bạ. Thêm đơn vị (kèm email) vào danh bạ rồi chọn lại.')),
    ).toHaveLength(6);
    expect(new Set(lines).size).toBe(lines.length);
    // Nothing is stored by reading a letter.
    expect(await scanAll()).toEqual([]);
  });

  it('answers a scan with 422 and opens the paste step, in the page language', async () => {
    const vi = await postForm([
      ['idempotencyKey', 'upload-2'],
      ['op', 'upload'],
      ['sourceFile', { name: 'scan.pdf', type: 'application/pdf', bytes: fixture('scan.pdf') }],
    ]);
    expect(vi.status).toBe(422);
    expect(vi.body).toMatch(/<p class="field-error" id="sourceFile-error">[^<]+<\/p>/);
    expect(vi.body).toContain('Vui lòng dán toàn văn công văn ở bước &quot;Dán văn bản&quot; bên dưới');
    expect(vi.body).toMatch(/<details class="panel" open>/);
    const en = await postForm(
      [
        ['op', 'upload'],
        ['sourceFile', { name: 'scan.pdf', type: 'application/pdf', bytes: fixture('scan.pdf') }],
      ],
      { lang: 'en' },
    );
    expect(en.status).toBe(422);
    expect(en.body).toContain('Please paste the text of the directive instead');
  });

  it('asks for a file when none was chosen', async () => {
    const a = await postForm([
      ['op', 'upload'],
      ['sourceFile', EMPTY_FILE],
    ]);
    expect(a.status).toBe(400);
    expect(a.body).toContain('Chọn tệp công văn trước khi bấm đọc tệp.');
  });
});

describe('the signed original on the form', () => {
  it('is stored on any submit and kept by id, with everything typed; it can be taken off again', async () => {
    const added = await postForm([
      ['idempotencyKey', 'attach-1'],
      ['number', '126/STTTT-BCVT'],
      ['tasks[0][code]', '1.1'],
      ['tasks[0][text]', 'Chỉ đạo các đơn vị chức năng.'],
      ['tasks[0][assignees][]', 'cong-an-tinh'],
      ['op', 'add-task'],
      ['originalUpload', { name: 'Công văn 126 (ký số).pdf', type: 'application/pdf', bytes: PDF }],
    ]);
    expect(added.status).toBe(200);
    expect(inputValue(added.body, 'number')).toBe('126/STTTT-BCVT');
    expect(inputValue(added.body, 'tasks-0-code')).toBe('1.1');
    expect(inputValue(added.body, 'tasks-1-code')).toBe('2');
    const fileId = hidden(added.body, 'originalFile[fileId]') ?? '';
    expect(fileId).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(hidden(added.body, 'originalFile[name]')).toBe('Công văn 126 (ký số).pdf');
    expect(added.body).toContain('Bỏ tệp Công văn 126 (ký số).pdf');

    // Sent back without its bytes, by id: still there after a refused issue.
    const refused = await postForm([
      ['idempotencyKey', 'attach-1'],
      ['originalFile[fileId]', fileId],
      ['originalFile[name]', 'Công văn 126 (ký số).pdf'],
      ['originalFile[size]', String(PDF.length)],
      ['op', 'issue'],
    ]);
    expect(refused.status).toBe(400);
    expect(hidden(refused.body, 'originalFile[fileId]')).toBe(fileId);

    const removed = await postForm([
      ['originalFile[fileId]', fileId],
      ['originalFile[name]', 'Công văn 126 (ký số).pdf'],
      ['op', 'remove-original'],
    ]);
    expect(removed.status).toBe(200);
    expect(hidden(removed.body, 'originalFile[fileId]')).toBeUndefined();
  });

  it('refuses a file that is no DOCX, PDF or image on its field, keeping the rest', async () => {
    const a = await postForm([
      ['number', '126/STTTT-BCVT'],
      ['op', 'add-leader'],
      ['annexUploads[]', { name: 'ghi-chu.txt', type: 'text/plain', bytes: Buffer.from('không phải PDF') }],
    ]);
    expect(a.status).toBe(200);
    expect(a.body).toMatch(/<p class="field-error" id="annexes-error">ghi-chu\.txt: [^<]+<\/p>/);
    expect(inputValue(a.body, 'number')).toBe('126/STTTT-BCVT');
  });

  it('names an id that is no stored file on its field when issuing, and stores nothing', async () => {
    await saveAgencies(DEFAULT_OFFICE, [
      {
        id: 'cong-an-tinh',
        name: 'Công an tỉnh',
        email: 'ca@gialai.example',
        groups: [],
        phone: undefined,
        headName: undefined,
      },
    ]);
    const before = await scanAll();
    const a = await postForm([
      ['idempotencyKey', 'attach-unknown'],
      ['number', '126/STTTT-BCVT'],
      ['issuedOn', '2026-03-04'],
      ['issuer', 'Sở Thông tin và Truyền thông'],
      ['subject', 'V/v đảm bảo thông tin liên lạc'],
      ['recipients[]', 'cong-an-tinh'],
      ['tasks[0][code]', '1.3'],
      ['tasks[0][text]', 'Cung cấp đầu mối liên hệ.'],
      ['tasks[0][assignees][]', 'cong-an-tinh'],
      ['tasks[0][deadlineDate]', '2026-03-09'],
      ['tasks[0][deadlineTime]', '17:00'],
      ['tasks[0][reportRequired]', 'on'],
      ['signer[name]', 'Lê Thị Thu Hương'],
      ['signer[title]', 'Phó Giám đốc'],
      ['leadership[0][name]', 'Lê Thị Thu Hương'],
      ['leadership[0][title]', 'Phó Giám đốc'],
      ['leadership[0][email]', 'pgd@gialai.example'],
      ['originalFile[fileId]', '01HZZZZZZZZZZZZZZZZZZZZZZZ'],
      ['originalFile[name]', 'x.pdf'],
      ['op', 'issue'],
    ]);
    expect(a.status).toBe(400);
    expect(/<div class="error-summary"[\s\S]*?<\/ul>/.exec(a.body)?.[0]).toMatch(
      /^(?:(?!<li>).)*<li><a href="#originalFile">[^<]+<\/a><\/li><\/ul>$/s,
    );
    expect(await scanAll()).toEqual(before);
  });

  it('is refused without the CSRF token, as every form of the officials is, and nothing is stored', async () => {
    const before = await scanAll();
    const upload: [string, Part][] = [
      ['op', 'add-task'],
      ['originalUpload', { name: 'x.pdf', type: 'application/pdf', bytes: PDF }],
    ];
    expect((await postForm(upload, {}, null)).status).toBe(403);
    expect((await postForm(upload, {}, 'B'.repeat(43))).status).toBe(403);
    expect(await scanAll()).toEqual(before);
  });

  it('refuses a field name that means something to objects, as a malformed body', async () => {
    const a = await postForm([['tasks[__proto__][code]', 'x']]);
    expect(a.status).toBe(400);
  });
});
