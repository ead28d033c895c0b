import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Context } from 'aws-lambda';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { getAttachment } from '#adapters/attachments.ts';
import { applyTransition } from '#adapters/store/assignments.ts';
import { cancel } from '#core/assignment/transitions.ts';
import { handler as recipientHandler } from '#handlers/http/recipient-links.ts';
import {
  attachmentOf,
  deliverAndWait,
  getItem,
  httpEvent,
  issue,
  resetMocks,
  taskSuccesses,
  viewLink,
} from '../support/harness.ts';

/**
 * A recipient's report with a file, through the real handler, the run's dynalite and the local S3 (never
 * mocked). The S3 endpoint is set before the attachments module is imported: vi.hoisted runs before the imports
 * above. Between the handler and the S3 server sits a pass-through proxy whose hook lets a test act while an
 * upload is on its way.
 */

const s3 = await vi.hoisted(async () => {
  const { mkdtempSync } = await import('node:fs');
  const { createServer, request } = await import('node:http');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const { startS3 } = await import('../../../local/s3.ts');
  const dir = mkdtempSync(join(tmpdir(), 'chidao-attachments-'));
  const server = await startS3(dir);
  const hooks: { beforePut?: () => Promise<void> } = {};
  const target = new URL(server.endpoint);
  const proxy = createServer((req, res) => {
    const forward = () =>
      req.pipe(
        request(
          { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
          (upstream) => {
            res.writeHead(upstream.statusCode ?? 502, upstream.headers);
            upstream.pipe(res);
          },
        ),
      );
    const hook = req.method === 'PUT' ? hooks.beforePut : undefined;
    if (hook) hook().then(forward, (error: unknown) => res.writeHead(500).end(String(error)));
    else forward();
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', () => resolve()));
  const bucket = 'chidao-test-attachments';
  // Before the imports below: the attachments module creates its S3 client when it is first imported.
  process.env.AWS_ENDPOINT_URL_S3 = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  process.env.ATTACHMENTS_BUCKET = bucket;
  return { dir, server, proxy, hooks, bucket };
});

afterAll(async () => {
  s3.proxy.closeAllConnections();
  await new Promise<void>((resolve) => s3.proxy.close(() => resolve()));
  await s3.server.close();
  rmSync(s3.dir, { recursive: true, force: true });
});

beforeEach(() => {
  resetMocks();
  s3.hooks.beforePut = undefined;
});

// ---------------------------------------------------------------------------------------------------------------

const NAME = 'Báo cáo đầu mối.pdf';
const MiB = 1024 * 1024;

/** A PDF-like body: a header, binary bytes (NUL, CR LF, high bytes), an EOF marker. */
const pdf = (size = 50_000) =>
  Buffer.concat([Buffer.from('%PDF-1.7\n%âãÏÓ\n'), randomBytes(size), Buffer.from('\r\n%%EOF\r\n')]);

type Part = { name: string; value: string } | { name: string; file: File };

/** The body a browser posts: the standard FormData, serialized by Request, base64 as API Gateway passes it. */
const multipart = async (parts: Part[]) => {
  const form = new FormData();
  for (const p of parts) {
    if ('file' in p) form.append(p.name, p.file);
    else form.append(p.name, p.value);
  }
  const req = new Request('http://x', { method: 'POST', body: form });
  return {
    contentType: req.headers.get('content-type') ?? '',
    body: Buffer.from(await req.arrayBuffer()),
  };
};

const context = {} as Context;

const postMultipart = async (token: string, payload: { contentType: string; body: Buffer }) => {
  // A Buffer body: base64 with isBase64Encoded, as API Gateway passes a binary body.
  const event = httpEvent({
    routeKey: 'POST /r/{token}/report',
    pathParameters: { token },
    headers: { 'content-type': payload.contentType },
    body: payload.body,
  });
  const result = await recipientHandler(event as unknown as Parameters<typeof recipientHandler>[0], context);
  expect(result, 'the handler returned a response').toBeDefined();
  const r = result as Exclude<typeof result, undefined>;
  return { statusCode: r.statusCode ?? 200, body: r.body ?? '' };
};

const reportWith = (token: string, file?: File, taskCode = '1.3') =>
  multipart([
    { name: 'taskCode', value: taskCode },
    { name: 'summary', value: 'Đầu mối: đồng chí Nguyễn Văn A, 0913.000.111.' },
    ...(file ? [{ name: 'file', file }] : []),
  ]).then((payload) => postMultipart(token, payload));

/** Every object stored for a directive, as keys, read from the S3 folder itself. */
const storedKeys = (directiveId: string) => {
  const dir = join(s3.dir, s3.bucket, 'reports', directiveId);
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => join(d.parentPath, d.name).slice(join(s3.dir, s3.bucket).length + 1))
    .sort();
};

const diskBytes = (key: string) => readFileSync(join(s3.dir, s3.bucket, ...key.split('/')));

// ---------------------------------------------------------------------------------------------------------------

describe('a report with a file', () => {
  it('stores the file in S3 with its bytes, and records {key, name, size, contentType} on the report slot', async () => {
    const { id } = await issue();
    const { token, taskToken } = await deliverAndWait(id, 'cong-an');
    const body = pdf();

    const response = await reportWith(token, new File([body], NAME, { type: 'application/pdf' }));

    expect(response.statusCode, response.body).toBe(200);
    expect(response.body).toContain('Đã gửi báo cáo nhiệm vụ 1.3');
    expect(response.body).toContain(`Tệp đính kèm: ${NAME}`);
    const item = await getItem(id, 'cong-an');
    expect(item.status).toBe('COMPLETED');
    const attachment = await attachmentOf(item, '1.3');
    expect(attachment).toEqual({
      key: expect.stringMatching(new RegExp(`^reports/${id}/cong-an/1\\.3/[0-9a-f]{16}-Bao-cao-dau-moi\\.pdf$`)),
      name: NAME,
      size: body.length,
      contentType: 'application/pdf',
    });
    const key = attachment?.key ?? '';
    expect(storedKeys(id)).toEqual([key]);
    expect(diskBytes(key)).toEqual(body);
    // Read back through S3 as the officials' side will.
    const got = await getAttachment(key);
    expect(got).toEqual({ body, contentType: 'application/pdf', name: NAME });
    // The workflow was woken once, as for any report.
    expect(taskSuccesses().map((s) => s.taskToken)).toEqual([taskToken]);

    // The page shows the file's name on the submitted report.
    const page = await viewLink(token);
    expect(page.body).toContain(NAME);
  });

  it('reads a file name sent as RFC 5987 filename*=UTF-8 and as decomposed (macOS) letters', async () => {
    const { id } = await issue();
    const { token } = await deliverAndWait(id, 'bchqs');
    const boundary = '----chidaoBoundary7MA4YWxkTrZu0gW';
    const nfd = 'Kế hoạch'.normalize('NFD');
    const body = Buffer.concat([
      Buffer.from(
        [
          `--${boundary}`,
          'Content-Disposition: form-data; name="taskCode"',
          '',
          '1.3',
          `--${boundary}`,
          'Content-Disposition: form-data; name="summary"',
          '',
          'Báo cáo kèm kế hoạch.',
          `--${boundary}`,
          `Content-Disposition: form-data; name="file"; filename="Ke hoach.docx"; filename*=UTF-8''${encodeURIComponent(`${nfd} số 2.docx`)}`,
          'Content-Type: application/vnd.openxmlformats-officedocument.wordprocessingml.document',
          '',
          '',
        ].join('\r\n'),
        'utf8',
      ),
      Buffer.from('PK\u0003\u0004 docx bytes'),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);

    const response = await postMultipart(token, { contentType: `multipart/form-data; boundary=${boundary}`, body });

    expect(response.statusCode, response.body).toBe(200);
    const attachment = await attachmentOf(await getItem(id, 'bchqs'), '1.3');
    expect(attachment?.name).toBe('Kế hoạch số 2.docx');
    expect(attachment?.contentType).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(attachment?.key).toMatch(/\/[0-9a-f]{16}-Ke-hoach-so-2\.docx$/);
  });

  it('an empty file input (nothing chosen) is no attachment: as browsers send it, and as FormData does', async () => {
    const { id } = await issue();
    const cong = await deliverAndWait(id, 'cong-an');
    const bchqs = await deliverAndWait(id, 'bchqs');
    // Chromium and Firefox: an empty part with filename="" and application/octet-stream.
    const boundary = '----WebKitFormBoundaryq8ZbnzFS1dL2vCcA';
    const browser = Buffer.from(
      [
        `--${boundary}`,
        'Content-Disposition: form-data; name="taskCode"',
        '',
        '1.3',
        `--${boundary}`,
        'Content-Disposition: form-data; name="summary"',
        '',
        'Không có tệp.',
        `--${boundary}`,
        'Content-Disposition: form-data; name="file"; filename=""',
        'Content-Type: application/octet-stream',
        '',
        '',
        `--${boundary}--`,
        '',
      ].join('\r\n'),
    );

    const responses = [
      await postMultipart(cong.token, { contentType: `multipart/form-data; boundary=${boundary}`, body: browser }),
      // Node's FormData leaves filename out for a File named "".
      await reportWith(bchqs.token, new File([], '', { type: 'application/octet-stream' })),
    ];

    for (const [i, recipientId] of ['cong-an', 'bchqs'].entries()) {
      expect(responses[i]?.statusCode, responses[i]?.body).toBe(200);
      const item = await getItem(id, recipientId);
      expect(item.reports['1.3']?.submittedAt).toBeDefined();
      expect(await attachmentOf(item, '1.3')).toBeUndefined();
    }
    expect(storedKeys(id)).toEqual([]);
  });

  it('a 5 MiB file is refused with a 400 page naming the file field; nothing is stored or submitted', async () => {
    const { id } = await issue();
    const { token } = await deliverAndWait(id, 'cong-an');
    const before = await getItem(id, 'cong-an');

    const response = await reportWith(token, new File([randomBytes(5 * MiB)], NAME, { type: 'application/pdf' }));

    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('file: Tệp đính kèm: tối đa 4 MB');
    const after = await getItem(id, 'cong-an');
    expect(after.version).toBe(before.version);
    expect(after.reports['1.3']?.submittedAt).toBeUndefined();
    expect(storedKeys(id)).toEqual([]);
    expect(taskSuccesses()).toHaveLength(0);
  });

  it('a file of exactly 4 MiB is accepted', async () => {
    const { id } = await issue();
    const { token } = await deliverAndWait(id, 'cong-an');
    const body = randomBytes(4 * MiB);

    const response = await reportWith(token, new File([body], 'scan.png', { type: 'image/png' }));

    expect(response.statusCode, response.body).toBe(200);
    const attachment = await attachmentOf(await getItem(id, 'cong-an'), '1.3');
    expect(attachment?.size).toBe(4 * MiB);
    // Buffer.equals: a deep toEqual over 4 MiB takes seconds.
    expect(diskBytes(attachment?.key ?? '').equals(body)).toBe(true);
  });

  it('a second report of the same task is already done and leaves no second object', async () => {
    const { id } = await issue();
    const { token } = await deliverAndWait(id, 'cong-an');
    const first = await reportWith(token, new File([pdf()], NAME, { type: 'application/pdf' }));
    expect(first.statusCode, first.body).toBe(200);
    const recorded = await attachmentOf(await getItem(id, 'cong-an'), '1.3');

    const second = await reportWith(token, new File([pdf()], 'Bản sửa.pdf', { type: 'application/pdf' }));

    expect(second.statusCode).toBe(200);
    expect(second.body).toContain('Đã thực hiện trước đó');
    const item = await getItem(id, 'cong-an');
    expect(await attachmentOf(item, '1.3')).toEqual(recorded);
    expect(storedKeys(id)).toEqual([recorded?.key]);
  });

  it('a report refused after its file was stored (cancelled meanwhile) deletes the file again', async () => {
    const { id } = await issue();
    const { token } = await deliverAndWait(id, 'bchqs');
    // The official cancels while the recipient's upload is on its way to S3.
    s3.hooks.beforePut = async () => {
      const now = new Date().toISOString();
      const cancelled = await applyTransition(id, 'bchqs', now, (a) => cancel(a, now, 'Trần Văn Bình', 'Thu hồi'));
      expect(cancelled.applied).toBe(true);
    };

    const response = await reportWith(token, new File([pdf()], NAME, { type: 'application/pdf' }));

    expect(response.statusCode).toBe(409);
    const item = await getItem(id, 'bchqs');
    expect(item.status).toBe('CANCELLED');
    expect(item.reports['1.3']?.submittedAt).toBeUndefined();
    expect(storedKeys(id)).toEqual([]);
  });

  it('concurrent reports with files: one is recorded, and its object is the only one left', async () => {
    const { id } = await issue();
    const { token } = await deliverAndWait(id, 'cong-an');

    const responses = await Promise.all(
      Array.from({ length: 4 }, (_, i) =>
        reportWith(token, new File([pdf(1000 + i)], `Báo cáo ${i}.pdf`, { type: 'application/pdf' })),
      ),
    );

    expect(responses.map((r) => r.statusCode)).toEqual([200, 200, 200, 200]);
    expect(responses.filter((r) => r.body.includes('Đã gửi báo cáo nhiệm vụ 1.3'))).toHaveLength(1);
    const recorded = await attachmentOf(await getItem(id, 'cong-an'), '1.3');
    expect(recorded).toBeDefined();
    expect(storedKeys(id)).toEqual([recorded?.key]);
  });

  it('the report form posts multipart, with a labelled file input and its hint', async () => {
    const { id } = await issue();
    const { token } = await deliverAndWait(id, 'cong-an');

    const page = await viewLink(token);

    expect(page.body).toMatch(/<form method="post" action="\/r\/[^"]+\/report" enctype="multipart\/form-data"/);
    expect(page.body).toContain('<label for="file-1.3">Tệp đính kèm</label>');
    expect(page.body).toMatch(/<input id="file-1.3" type="file" name="file"/);
    expect(page.body).toContain('Tệp đính kèm (không bắt buộc, tối đa 4 MB)');
  });
});
