import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '#core/errors.ts';
import { handler as officialPages } from '#handlers/http/official-pages.tsx';
import { handler as recipientLinks } from '#handlers/http/recipient-links.ts';
import { parseMultipart } from '#handlers/middleware/multipart.ts';
import { call } from './support.ts';

/**
 * Malformed multipart bodies: each of these ended the whole process inside @middy/http-multipart-body-parser
 * (an exception thrown from an event listener, or a file stream's unhandled 'error'), before any route or token
 * was looked at. Now they are a 400 naming the body or the field, and nothing is left running.
 */

const B = 'chidaoBoundary7MA4YWxk';
const TYPE = `multipart/form-data; boundary=${B}`;
const part = (disposition: string, content: string, type?: string) =>
  `--${B}\r\nContent-Disposition: ${disposition}\r\n${type ? `Content-Type: ${type}\r\n` : ''}\r\n${content}\r\n`;
const end = `--${B}--\r\n`;

const MALFORMED = {
  'a part without name=': `${part('form-data', 'hello')}${end}`,
  'a file part without name=': `${part('form-data; filename="bao-cao.pdf"', '%PDF-1.7', 'application/pdf')}${end}`,
  'a file part cut off before the closing boundary': `${part('form-data; name="taskCode"', '1.3')}--${B}\r\nContent-Disposition: form-data; name="file"; filename="bao-cao.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.7 cut here`,
  'a field cut off before the closing boundary': `--${B}\r\nContent-Disposition: form-data; name="summary"\r\n\r\nĐã triển`,
  'headers cut off': `--${B}\r\nContent-Disposition: form-da`,
  'a name first plain then as a list': `${part('form-data; name="a"', 'x')}${part('form-data; name="a[]"', 'y')}${end}`,
  'a list then the same name plain': `${part('form-data; name="a[]"', 'x')}${part('form-data; name="a"', 'y')}${end}`,
  'a __proto__ field': `${part('form-data; name="__proto__"', '{"polluted":1}')}${end}`,
  // A report takes one file, the officials' forms 22 (the directive form's letter, original and 20 annexes).
  'more files than the form takes': `${Array.from({ length: 30 }, (_, i) => part(`form-data; name="file${i}"; filename="${i}.txt"`, 'a')).join('')}${end}`,
  'no boundary at all': 'hello',
  'an empty body': '',
};

const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

describe('a malformed multipart body is a 400, never a crash', () => {
  for (const [name, body] of Object.entries(MALFORMED)) {
    it(`POST /r/{token}/report: ${name}`, async () => {
      const a = await call(recipientLinks, {
        routeKey: 'POST /r/{token}/report',
        path: '/r/not-a-token/report',
        pathParameters: { token: 'not-a-token' },
        headers: { 'content-type': TYPE },
        body: base64(body),
        isBase64Encoded: true,
      });
      expect(a.status).toBe(400);
      expect(a.headers['content-type']).toMatch(/^text\/html/);
      expect(a.body).toContain('Thông tin chưa hợp lệ');
    });

    it(`POST /directory/import: ${name}`, async () => {
      const a = await call(officialPages, {
        routeKey: 'POST /directory/import',
        headers: { 'content-type': TYPE },
        body: base64(body),
        isBase64Encoded: true,
      });
      expect(a.status).toBe(400);
    });
  }

  it('a Content-Type without a boundary is a 400 naming the boundary', async () => {
    const a = await call(recipientLinks, {
      routeKey: 'POST /r/{token}/report',
      pathParameters: { token: 'x' },
      headers: { 'content-type': 'multipart/form-data' },
      body: base64(MALFORMED['a part without name=']),
      isBase64Encoded: true,
    });
    expect(a.status).toBe(400);
    expect(a.body).toContain('boundary');
  });

  it('a well-formed report body passes the parser, and the link is checked next (403 for a forged one)', async () => {
    const body = `${part('form-data; name="taskCode"', '1.3')}${part('form-data; name="summary"', 'Đã triển khai.')}${part('form-data; name="file"; filename="Báo cáo.pdf"', '%PDF-1.7', 'application/pdf')}${end}`;
    const a = await call(recipientLinks, {
      routeKey: 'POST /r/{token}/report',
      pathParameters: { token: 'forged' },
      headers: { 'content-type': TYPE },
      body: base64(body),
      isBase64Encoded: true,
    });
    expect(a.status).toBe(403);
  });
});

describe('parseMultipart', () => {
  const limits = { files: 1, fileSize: 64 };
  const parse = (body: string | Buffer, type = TYPE) =>
    parseMultipart(type, Buffer.isBuffer(body) ? body : Buffer.from(body), limits);

  it('gives the report handler its shape: text fields and file = {filename, mimetype, truncated, content}', async () => {
    const fields = await parse(
      `${part('form-data; name="taskCode"', '1.3')}${part('form-data; name="summary"', 'Đã triển khai.')}${part(`form-data; name="file"; filename*=UTF-8''B%C3%A1o%20c%C3%A1o.pdf`, '%PDF', 'application/pdf')}${end}`,
    );
    expect(fields.taskCode).toBe('1.3');
    expect(fields.summary).toBe('Đã triển khai.');
    expect(fields.file).toMatchObject({
      filename: 'Báo cáo.pdf',
      mimetype: 'application/pdf',
      truncated: false,
      content: Buffer.from('%PDF'),
    });
    expect(Object.getPrototypeOf(fields)).toBeNull();
  });

  it('keeps a file over the limit cut and marked truncated (the form then refuses it)', async () => {
    const fields = await parse(`${part('form-data; name="file"; filename="big.bin"', 'x'.repeat(200))}${end}`);
    expect(fields.file).toMatchObject({ truncated: true });
    expect((fields.file as { content: Buffer }).content.length).toBe(64);
  });

  it('gathers `name[]` fields into a list', async () => {
    const fields = await parse(`${part('form-data; name="ids[]"', 'a')}${part('form-data; name="ids[]"', 'b')}${end}`);
    expect(fields.ids).toEqual(['a', 'b']);
  });

  it('names the field: a value over fieldSize, a cut file', async () => {
    const long = parseMultipart(TYPE, Buffer.from(`${part('form-data; name="summary"', 'x'.repeat(100))}${end}`), {
      ...limits,
      fieldSize: 10,
    });
    await expect(long).rejects.toMatchObject({ issues: [{ path: 'summary' }] });
    await expect(parse(MALFORMED['a file part cut off before the closing boundary'])).rejects.toMatchObject({
      issues: [{ path: 'file' }],
    });
  });

  it('settles on any mangled body, with fields or a ValidationError (fast-check, fixed seed)', async () => {
    const valid = Buffer.from(
      `${part('form-data; name="taskCode"', '1.3')}${part('form-data; name="summary"', 'Đã triển khai.')}${part('form-data; name="file"; filename="a.pdf"', '%PDF-1.7 ....', 'application/pdf')}${end}`,
    );
    const mangled = fc.oneof(
      // cut anywhere
      fc.nat({ max: valid.length }).map((n) => valid.subarray(0, n)),
      // bytes overwritten with boundary-ish or random bytes
      fc
        .array(fc.tuple(fc.nat({ max: valid.length - 1 }), fc.constantFrom(0x2d, 0x0d, 0x0a, 0x22, 0x3b, 0x00, 0xff)), {
          maxLength: 8,
        })
        .map((edits) => {
          const copy = Buffer.from(valid);
          for (const [i, byte] of edits) copy[i] = byte;
          return copy;
        }),
      // random bytes after a real first boundary
      fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.concat([Buffer.from(`--${B}\r\n`), bytes])),
    );
    await fc.assert(
      fc.asyncProperty(mangled, async (body) => {
        let outcome: 'resolved' | 'rejected' | undefined;
        parse(body).then(
          () => {
            outcome = 'resolved';
          },
          (error: unknown) => {
            expect(error).toBeInstanceOf(ValidationError);
            outcome = 'rejected';
          },
        );
        // Parsing a body in memory takes a few turns of the event loop, never a timer.
        for (let i = 0; i < 200 && outcome === undefined; i++) await new Promise((r) => setImmediate(r));
        expect(outcome).toBeDefined();
      }),
      { seed: 20_261_130, numRuns: 400 },
    );
  });
});
