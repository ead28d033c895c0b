import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIGNER, signPdf } from '../browser/fixtures/signed-pdf.ts';
import {
  API_TOKEN,
  giaLaiDirective,
  linkOf,
  mailsTo,
  type Runtime,
  recipients,
  startRuntime,
} from '../support/runtime.ts';
import { officialsOf, WebSession } from '../support/web-session.ts';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'files');
const fixture = (name: string) => readFileSync(join(FIXTURES, name));
const LETTER = readFileSync(join(import.meta.dirname, '..', 'unit', 'parsing', 'fixtures', 'gia-lai-126.txt'), 'utf8');
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** A name with Vietnamese letters, a space and parentheses: what RFC 5987's filename* exists for. */
const ORIGINAL_NAME = 'Công văn 126 (bản ký số).pdf';
const ANNEX_NAME = 'Phụ lục ảnh.png';

type Stored = { fileId: string; name: string; size: number; contentType: string; sha256: string };
type Draft = {
  number?: string;
  issuer?: string;
  issuedOn?: string;
  subject?: string;
  body: string;
  fullText?: string;
  recipients: { name: string }[];
  tasks: { code: string; deadline?: string }[];
  signer?: { name?: string };
};

/** The page's text as a reader sees it: tags gone, entities decoded, whitespace collapsed. */
const visibleText = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');

/**
 * The paragraphs of the letter's content as written: from the first line after the "Kính gửi" list to the line
 * before "Nơi nhận", the emphasis marks of the text file left out.
 */
const bodyParagraphs = (letter: string) => {
  const lines = letter.split('\n').map((l) => l.replace(/\*\*/g, '').trim());
  const start = lines.findIndex((l) => l.startsWith('Căn cứ'));
  const end = lines.findIndex((l) => l.startsWith('Nơi nhận'));
  return lines.slice(start, end).filter((l) => l !== '');
};

describe('files travel with the directive (npm start, over HTTP)', () => {
  let rt: Runtime;
  const [agency] = recipients('cong-an-tinh');
  const original = fixture('gia-lai-126.pdf');
  const annex = fixture('letter.png');
  let stored: { original: Stored; annex: Stored };

  /** multipart/form-data with one `file`, as the browser and curl -F send it. */
  const post = async (path: string, bytes: Buffer, name: string, type: string) => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(bytes)], { type }), name);
    const r = await fetch(rt.base + path, {
      method: 'POST',
      headers: { authorization: `Bearer ${API_TOKEN}` },
      body: form,
    });
    const text = await r.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {}
    return { status: r.status, json, text };
  };
  const upload = async (bytes: Buffer, name: string, type: string) => {
    const r = await post('/api/directives/files', bytes, name, type);
    expect(r.status, r.text).toBe(201);
    return r.json as Stored;
  };
  const parse = (bytes: Buffer, name: string, type: string) => post('/api/directives/parse', bytes, name, type);
  /** Every item of the table the runtime keeps, through its own list: how many directives exist. */
  const directiveCount = async () => {
    const r = await rt.call<{ directives: unknown[] }>('GET', '/api/directives');
    return r.json.directives.length;
  };

  beforeAll(async () => {
    rt = await startRuntime();
    stored = {
      original: await upload(original, ORIGINAL_NAME, 'application/pdf'),
      annex: await upload(annex, ANNEX_NAME, 'image/png'),
    };
  });

  afterAll(async () => {
    await rt?.dispose();
  });

  it('an upload answers 201 with the file as stored: its name, size, type by its bytes and sha256', () => {
    expect(stored.original).toMatchObject({
      name: ORIGINAL_NAME,
      size: original.length,
      contentType: 'application/pdf',
      sha256: sha256(original),
    });
    expect(stored.annex).toMatchObject({ name: ANNEX_NAME, contentType: 'image/png', sha256: sha256(annex) });
    expect(stored.original.fileId).not.toBe(stored.annex.fileId);
  });

  it('an upload that is not DOCX, PDF, PNG or JPEG is a 400 on `file`, and nothing is answered as stored', async () => {
    const r = await post('/api/directives/files', Buffer.from('just some text'), 'note.txt', 'text/plain');
    expect(r.status).toBe(400);
    expect(r.json).toMatchObject({ error: 'ValidationError', issues: [{ path: 'file' }] });
  });

  it('unknown file ids are a 400 naming each path, and nothing is stored', async () => {
    const before = await directiveCount();
    const now = await rt.clock();
    const unknown = '01JH6Y6W8ZQ3M5X2C4V7B9N0PR';
    const r = await rt.call<{ error: string; issues: { path: string; message: string }[] }>('POST', '/api/directives', {
      ...giaLaiDirective({ now, recipients: [agency as never] }),
      number: '127/STTTT-BCVT',
      originalFile: unknown,
      annexes: [stored.annex.fileId, unknown],
    });
    expect(r.status, r.text).toBe(400);
    expect(r.json.error).toBe('ValidationError');
    expect(r.json.issues.map((i) => i.path).sort()).toEqual(['annexes.1', 'originalFile']);
    expect(r.json.issues[0]?.message).toContain(unknown);
    await rt.settle();
    expect(await directiveCount()).toBe(before);
    expect((await rt.outbox()).filter((m) => m.subject.includes('127/STTTT-BCVT'))).toEqual([]);
  });

  describe('a directive issued with its original and an annex', () => {
    let id: string;
    let mail: Awaited<ReturnType<Runtime['outbox']>>[number];

    beforeAll(async () => {
      const now = await rt.clock();
      id = (
        await rt.issue({
          ...giaLaiDirective({ now, recipients: [agency as never] }),
          originalFile: stored.original.fileId,
          annexes: [stored.annex.fileId],
        })
      ).id;
      await rt.settle();
      const mails = mailsTo(await rt.outbox(), agency?.email ?? '');
      expect(mails).toHaveLength(1);
      mail = mails[0] as typeof mail;
    });

    it('GET /api/directives/{id} lists the files with their metadata', async () => {
      const r = await rt.call<{ files: { original?: Stored; annexes: Stored[] } }>('GET', `/api/directives/${id}`);
      expect(r.json.files.original).toMatchObject({ fileId: stored.original.fileId, name: ORIGINAL_NAME });
      expect(r.json.files.annexes.map((a) => a.fileId)).toEqual([stored.annex.fileId]);
    });

    it('the invitation carries the original as an attachment (the same bytes) and names the annex', async () => {
      const attachments: Buffer[] = [];
      for (let i = 0; ; i++) {
        const r = await fetch(`${rt.base}/_local/outbox/view/${mail.id}/attachments/${i}`);
        if (r.status !== 200) break;
        attachments.push(Buffer.from(await r.arrayBuffer()));
      }
      expect(attachments.map(sha256)).toContain(stored.original.sha256);
      expect(mail.text).toContain(ORIGINAL_NAME);
      expect(mail.text).toContain(ANNEX_NAME);
    });

    it('the recipient downloads the same bytes, with the original name, the stored type and nosniff', async () => {
      const { path } = linkOf(mail);
      const page = await rt.open(path);
      expect(page.status).toBe(200);
      const href = `${path}/files/${stored.original.fileId}`;
      expect(page.text).toContain(`href="${href}"`);
      expect(page.text).toContain(`href="${path}/files/${stored.annex.fileId}"`);
      const r = await fetch(rt.base + href);
      expect(r.status).toBe(200);
      const bytes = Buffer.from(await r.arrayBuffer());
      expect(sha256(bytes)).toBe(stored.original.sha256);
      expect(r.headers.get('content-type')).toBe('application/pdf');
      expect(r.headers.get('x-content-type-options')).toBe('nosniff');
      const disposition = r.headers.get('content-disposition') ?? '';
      expect(disposition).toMatch(/^attachment;/);
      expect(disposition).toContain(
        "filename*=UTF-8''C%C3%B4ng%20v%C4%83n%20126%20%28b%E1%BA%A3n%20k%C3%BD%20s%E1%BB%91%29.pdf",
      );
      const png = await fetch(`${rt.base}${path}/files/${stored.annex.fileId}`);
      expect(sha256(Buffer.from(await png.arrayBuffer()))).toBe(stored.annex.sha256);
      expect(png.headers.get('content-type')).toBe('image/png');
    });

    it('GET and HEAD of a download change nothing: the assignment, its history and status stay as they were', async () => {
      const { path } = linkOf(mail);
      const before = await rt.assignment(id, agency?.id ?? '');
      const head = await rt.open(`${path}/files/${stored.original.fileId}`, 'HEAD');
      expect(head.status).toBe(200);
      expect(head.text).toBe('');
      expect(head.headers.get('content-type')).toBe('application/pdf');
      await fetch(`${rt.base}${path}/files/${stored.original.fileId}`);
      await rt.settle();
      const after = await rt.assignment(id, agency?.id ?? '');
      expect(after.status).toBe(before.status);
      expect(after.acknowledgedAt).toBe(before.acknowledgedAt);
      expect(after.history).toEqual(before.history);
    });

    it('the dashboard lists the files, with the signature block only for a signed PDF, and downloads the same bytes', async () => {
      const [official] = officialsOf(rt);
      const browser = new WebSession(rt);
      await browser.signIn(official?.email ?? '', official?.password ?? '');
      const dashboard = await browser.get(`/directives/${id}`);
      expect(dashboard.status).toBe(200);
      const href = `/directives/${id}/documents/${stored.original.fileId}`;
      expect(dashboard.text).toContain(`href="${href}"`);
      expect(dashboard.text).toContain(ANNEX_NAME);
      // The fixture is not signed: nothing claims a signature it does not have.
      expect(dashboard.text).not.toContain('data-signature');
      const r = await fetch(rt.base + href, { headers: { cookie: browser.cookieHeader } });
      expect(r.status).toBe(200);
      expect(sha256(Buffer.from(await r.arrayBuffer()))).toBe(stored.original.sha256);
    });

    it('a file the directive does not name is not found under its link', async () => {
      const { path } = linkOf(mail);
      const other = await upload(fixture('letter.png'), 'khac.png', 'image/png');
      expect((await rt.open(`${path}/files/${other.fileId}`)).status).toBe(404);
      expect((await rt.open(`${path}/files/not-an-id`)).status).toBe(404);
    });
  });

  it('a signed original: the recipient page says who signed it, when (Hà Nội time), and that the bytes are intact', async () => {
    const signed = await upload(await signPdf(original), 'Công văn 126 ký số.pdf', 'application/pdf');
    const now = await rt.clock();
    const [police] = recipients('bchqs-tinh');
    await rt.issue({
      ...giaLaiDirective({ now, recipients: [police as never], number: '128/STTTT-BCVT' }),
      originalFile: signed.fileId,
    });
    await rt.settle();
    const [invitation] = mailsTo(await rt.outbox(), police?.email ?? '');
    const shown = visibleText((await rt.open(linkOf(invitation as never).path)).text);
    expect(shown).toContain(SIGNER.commonName);
    expect(shown).toContain(SIGNER.organization);
    // signPdf signs at 03:15 UTC, 10:15 in Hà Nội.
    expect(shown).toContain('30/01/2021 10:15');
    expect(shown).toContain('chữ ký hợp lệ về mặt toàn vẹn; chưa kiểm tra chuỗi chứng thư');
  });

  describe('parse from a file', () => {
    let fromText: Draft;
    beforeAll(async () => {
      const r = await rt.call<{ draft: Draft }>('POST', '/api/directives/parse', { text: LETTER });
      expect(r.status).toBe(200);
      fromText = r.json.draft;
    });

    /** What a DOCX or PDF of the letter must read as: the fields an official checks on the form. */
    const essentials = (d: Draft) => ({
      number: d.number,
      issuer: d.issuer,
      issuedOn: d.issuedOn,
      subject: d.subject,
      recipients: d.recipients.map((r) => r.name),
      tasks: d.tasks.map((t) => [t.code, t.deadline]),
      signer: d.signer?.name,
    });

    it.each([
      ['gia-lai-126.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
      ['gia-lai-126.pdf', 'application/pdf'],
    ])('multipart %s gives the same draft as the text, and the text it read', async (name, type) => {
      const r = await parse(fixture(name), name, type);
      expect(r.status, r.text).toBe(200);
      const { draft, text } = r.json as { draft: Draft; text: string };
      expect(essentials(draft)).toEqual(essentials(fromText));
      expect(text).toContain('126/STTTT-BCVT');
    });

    it('a scanned PDF (no text layer) is a 422 that offers the paste step, and nothing is stored', async () => {
      const before = await directiveCount();
      const r = await parse(fixture('scan.pdf'), 'scan.pdf', 'application/pdf');
      expect(r.status).toBe(422);
      expect((r.json as { message: string }).message).toMatch(/lớp chữ/);
      expect((r.json as { message: string }).message).toMatch(/[Dd]án (toàn văn|nội dung)/);
      expect(await directiveCount()).toBe(before);
    });
  });

  it('the Gia Lai letter parsed and issued shows every paragraph of its body on the recipient page', async () => {
    const parsed = await rt.call<{ draft: Draft }>('POST', '/api/directives/parse', { text: LETTER });
    const { draft } = parsed.json;
    const now = await rt.clock();
    const [other] = recipients('dien-luc');
    await rt.issue({
      ...giaLaiDirective({ now, recipients: [other as never], number: '126/STTTT-BCVT' }),
      body: draft.body,
      ...(draft.fullText ? { fullText: draft.fullText } : {}),
      originalFile: stored.original.fileId,
    });
    await rt.settle();
    const [invitation] = mailsTo(await rt.outbox(), other?.email ?? '');
    const page = await rt.open(linkOf(invitation as never).path);
    const shown = visibleText(page.text);
    const missing = bodyParagraphs(LETTER).filter((p) => !shown.includes(p.replace(/\s+/g, ' ')));
    expect(missing).toEqual([]);
    expect(shown).toContain(ORIGINAL_NAME);
  });
});
