import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { invitationFiles } from '#app/directive-files.ts';
import { signPdf } from '../../browser/fixtures/signed-pdf.ts';
import { directiveBody, getRaw, OFFICIAL, parseJson, postDirective, resetMocks, scanAll } from '../support/harness.ts';
import { callIntake } from './call-intake.ts';

/**
 * Uploads and parses through the intake handler, against the run's dynalite and the local S3 (never mocked); the
 * S3 endpoint is set before any module creates its client.
 */
const s3 = await vi.hoisted(async () => {
  const { mkdtempSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const { startS3 } = await import('../../../local/s3.ts');
  const dir = mkdtempSync(join(tmpdir(), 'chidao-directive-files-'));
  const server = await startS3(dir);
  process.env.AWS_ENDPOINT_URL_S3 = server.endpoint;
  process.env.ATTACHMENTS_BUCKET = 'chidao-test-files';
  return { dir, server };
});

afterAll(async () => {
  await s3.server.close();
  rmSync(s3.dir, { recursive: true, force: true });
});

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures', 'files');
const fixture = (name: string) => readFileSync(join(FIXTURES, name));

const BOUNDARY = '----chidao-test-boundary';
/** One `file` part, as a browser sends it (the name as UTF-8 in filename=). */
const multipart = (bytes: Buffer, name: string, type: string) =>
  Buffer.concat([
    Buffer.from(
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${type}\r\n\r\n`,
    ),
    bytes,
    Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
  ]);

const send = (routeKey: string, bytes: Buffer, name: string, type = 'application/pdf') =>
  callIntake({
    routeKey,
    headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
    body: multipart(bytes, name, type),
    claims: OFFICIAL,
  });
const upload = (bytes: Buffer, name: string, type?: string) => send('POST /api/directives/files', bytes, name, type);
const parse = (bytes: Buffer, name: string, type?: string) => send('POST /api/directives/parse', bytes, name, type);

type Stored = { fileId: string; name: string; size: number; contentType: string; sha256: string };

beforeEach(() => resetMocks());

describe('POST /api/directives/files', () => {
  it('stores a signed PDF with the signature read once: signer, time, intact', async () => {
    const signed = await signPdf(fixture('gia-lai-126.pdf'));
    const r = await upload(signed, 'Công văn 126.pdf');
    expect(r.statusCode, r.body).toBe(201);
    const stored = parseJson<Stored>(r);
    expect(stored).toMatchObject({ name: 'Công văn 126.pdf', size: signed.length, contentType: 'application/pdf' });
    const record = await getRaw(`FILE#${stored.fileId}`, 'FILE');
    expect(record?.signature).toEqual({
      signer: { commonName: 'Lê Thị Thu Hương', organization: 'Sở Thông tin và Truyền thông tỉnh Gia Lai' },
      signedAt: '2021-01-30T03:15:00.000Z',
      intact: true,
    });
  });

  it('a PDF changed after signing is stored as not intact', async () => {
    const signed = await signPdf(fixture('gia-lai-126.pdf'));
    // One byte inside the first signed range (the PDF's header comment), which readers ignore.
    const tampered = Buffer.from(signed);
    tampered[10] = (tampered[10] ?? 0) ^ 0x01;
    const stored = parseJson<Stored>(await upload(tampered, 'sua.pdf'));
    expect((await getRaw(`FILE#${stored.fileId}`, 'FILE'))?.signature).toMatchObject({ intact: false });
  });

  it('types a file by its bytes, not by its name or the browser’s type', async () => {
    const r = await upload(fixture('letter.png'), 'anh.pdf', 'application/pdf');
    expect(parseJson<Stored>(r).contentType).toBe('image/png');
    const text = await upload(Buffer.from('Công văn số 1'), 'cv.pdf', 'application/pdf');
    expect(text.statusCode).toBe(400);
    expect(parseJson(text)).toMatchObject({ error: 'ValidationError', issues: [{ path: 'file' }] });
  });

  it('refuses a file over 4 MB (400 on file) and stores nothing', async () => {
    const before = (await scanAll()).length;
    const big = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(4 * 1024 * 1024)]);
    const r = await upload(big, 'lon.pdf');
    expect(r.statusCode).toBe(400);
    expect(parseJson(r)).toMatchObject({ issues: [{ path: 'file' }] });
    expect((await scanAll()).length).toBe(before);
  });
});

describe('the create body names stored files', () => {
  it('unknown ids are 400 on originalFile and annexes.N, before anything is written', async () => {
    const known = parseJson<Stored>(await upload(fixture('letter.png'), 'a.png', 'image/png'));
    const before = await scanAll();
    const unknown = '01JH6Y6W8ZQ3M5X2C4V7B9N0PR';
    const r = await postDirective({ ...directiveBody(), originalFile: unknown, annexes: [known.fileId, unknown, 'x'] });
    expect(r.statusCode).toBe(400);
    const paths = parseJson<{ issues: { path: string }[] }>(r).issues.map((i) => i.path);
    // A malformed id is refused by the schema, before the store is asked about the others.
    expect(paths).toEqual(['annexes.2']);
    const again = await postDirective({ ...directiveBody(), originalFile: unknown, annexes: [known.fileId, unknown] });
    expect(parseJson<{ issues: { path: string }[] }>(again).issues.map((i) => i.path)).toEqual([
      'originalFile',
      'annexes.1',
    ]);
    expect(await scanAll()).toEqual(before);
  });
});

describe('the invitation carries the original up to 3 MB', () => {
  const link = 'https://chidao.example.gov.vn/r/abc.def';
  it('attaches a small original and links to a larger one, with a link for every file', async () => {
    const small = parseJson<Stored>(await upload(fixture('gia-lai-126.pdf'), 'nho.pdf'));
    const large = parseJson<Stored>(
      await upload(Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(3 * 1024 * 1024)]), 'lon.pdf'),
    );
    const annex = parseJson<Stored>(await upload(fixture('letter.png'), 'pl.png', 'image/png'));
    const withSmall = await invitationFiles({ originalFile: small.fileId, annexes: [annex.fileId] }, link, true);
    expect(withSmall.original?.content?.equals(fixture('gia-lai-126.pdf'))).toBe(true);
    expect(withSmall.original?.href).toBe(`${link}/files/${small.fileId}`);
    expect(withSmall.annexes).toEqual([
      { name: 'pl.png', contentType: 'image/png', href: `${link}/files/${annex.fileId}` },
    ]);
    const withLarge = await invitationFiles({ originalFile: large.fileId }, link, true);
    expect(withLarge.original).toEqual({
      name: 'lon.pdf',
      contentType: 'application/pdf',
      href: `${link}/files/${large.fileId}`,
    });
    // The officials' functions link even to a small one: they do not read the bucket.
    expect((await invitationFiles({ originalFile: small.fileId }, link, false)).original?.content).toBeUndefined();
  });
});

describe('POST /api/directives/parse with a file', () => {
  it('a scan is 422 with the words that offer the paste step, and nothing is stored', async () => {
    const before = await scanAll();
    const r = await parse(fixture('scan.pdf'), 'scan.pdf');
    expect(r.statusCode).toBe(422);
    expect(parseJson<{ message: string }>(r).message).toContain('không có lớp chữ');
    expect(await scanAll()).toEqual(before);
  });

  it('a DOCX answers the draft and the text it read', async () => {
    const r = await parse(
      fixture('gia-lai-126.docx'),
      'cv.docx',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    expect(r.statusCode).toBe(200);
    const { draft, text } = parseJson<{ draft: { number: string }; text: string }>(r);
    expect(draft.number).toBe('126/STTTT-BCVT');
    expect(text).toContain('Kính gửi');
  });

  it('an image is 400 on file: only DOCX, PDF and text are read', async () => {
    const r = await parse(fixture('letter.png'), 'anh.png', 'image/png');
    expect(r.statusCode).toBe(400);
    expect(parseJson(r)).toMatchObject({ issues: [{ path: 'file' }] });
  });
});
