import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  giaLaiDirective,
  hanoi,
  linkOf,
  mailsTo,
  type Recipient,
  type Runtime,
  recipients,
  startRuntime,
} from '../support/runtime.ts';
import { officialsOf, WebSession } from '../support/web-session.ts';

/**
 * The HTTP edges of the real runtime (`npm start --virtual-clock`), driven over HTTP: malformed multipart bodies,
 * bodies over 10 MB, bad % escapes, the sign-in `next`, and CSRF on the officials' forms.
 */
describe('HTTP edges', () => {
  let rt: Runtime;
  const [agency] = recipients('cong-an-tinh') as [Recipient];
  let link = '';

  /** The runtime still answers, and its process group is still there. */
  const expectAlive = async () => {
    expect(() => process.kill(-rt.pid, 0)).not.toThrow();
    expect((await rt.open('/sign-in')).status).toBe(200);
  };

  beforeAll(async () => {
    rt = await startRuntime();
    const now = await rt.clock();
    await rt.issue(
      giaLaiDirective({ now, number: '77/STTTT-BCVT', recipients: [agency], deadline: hanoi('2026-03-09T17:00') }),
    );
    await rt.settle();
    const [invitation] = mailsTo(await rt.outbox(), agency.email);
    if (!invitation) throw new Error(`no invitation\n${rt.log()}`);
    link = linkOf(invitation).path;
  });

  afterAll(async () => {
    await rt?.dispose();
  });

  describe('malformed multipart bodies get 4xx, and the runtime still answers', () => {
    const B = 'edgeBoundary';
    const NO_NAME = `--${B}\r\nContent-Disposition: form-data\r\n\r\n1.3\r\n--${B}--\r\n`;
    const CUT = `--${B}\r\nContent-Disposition: form-data; name="taskCode"\r\n\r\n1.3\r\n--${B}\r\nContent-Disposition: form-data; name="file"; filename="bao-cao.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.7 cut`;
    const post = (path: string, body: string) =>
      fetch(rt.base + path, {
        method: 'POST',
        headers: { 'content-type': `multipart/form-data; boundary=${B}` },
        body,
      });

    for (const [name, body] of Object.entries({ 'a part without name=': NO_NAME, 'a file part cut off': CUT })) {
      it(`${name}: to a real link, a forged link and the directory import`, async () => {
        for (const path of [`${link}/report`, '/r/forged.link/report', '/directory/import']) {
          const r = await post(path, body);
          expect(r.status, path).toBeGreaterThanOrEqual(400);
          expect(r.status, path).toBeLessThan(500);
          await r.text();
          await expectAlive();
        }
      });
    }

    it('the link still takes a well-formed report afterwards', async () => {
      const form = new FormData();
      form.append('taskCode', '1.3');
      form.append('summary', 'Công an tỉnh báo cáo: đã cử đầu mối.');
      const r = await fetch(`${rt.base}${link}/report`, { method: 'POST', body: form });
      expect(r.status).toBe(200);
      expect(await r.text()).toContain('Đã gửi báo cáo nhiệm vụ 1.3');
    });
  });

  it('a body over 10 MB to a handler is 413, and the runtime still answers', async () => {
    const big = Buffer.alloc(10 * 1024 * 1024 + 1, 0x61);
    for (const [path, type] of [
      [`${link}/extension`, 'application/x-www-form-urlencoded'],
      ['/api/directives', 'application/json'],
      ['/sign-in', 'application/x-www-form-urlencoded'],
    ] as const) {
      const r = await fetch(rt.base + path, { method: 'POST', headers: { 'content-type': type }, body: big });
      expect(r.status, path).toBe(413);
      await r.text();
    }
    await expectAlive();
  });

  it('bad % escapes answer 400 or are ignored, never 500', async () => {
    expect((await rt.open('/r/%E0%A4%A')).status).toBe(400);
    expect((await rt.open('/directives/%zz')).status).toBe(400);
    const page = await rt.open('/sign-in?next=%E0%A4%A');
    expect(page.status).toBe(200);
    expect(page.text).toContain('name="next" value="/directives"');
    const cookie = await fetch(`${rt.base}/directives`, {
      redirect: 'manual',
      headers: { cookie: 'chidao_session=%E0%A4%A; lang=%zz' },
    });
    expect(cookie.status).toBe(303);
  });

  describe('the sign-in `next`', () => {
    const offSite = ['/\\evil.test', '//evil.test', '/%5Cevil.test', 'https://evil.test/', 'javascript:alert(1)'];
    for (const next of offSite)
      it(`is ignored when it leaves the site: ${next}`, async () => {
        const [official] = officialsOf(rt);
        const browser = new WebSession(rt);
        const answer = await browser.signIn(official?.email ?? '', official?.password ?? '', next);
        expect(answer.status).toBe(303);
        expect(answer.location).toBe('/directives');
      });

    it('is honoured when it is a path of the site', async () => {
      const [official] = officialsOf(rt);
      const answer = await new WebSession(rt).signIn(
        official?.email ?? '',
        official?.password ?? '',
        '/statistics?from=2026-01-01',
      );
      expect(answer.location).toBe('/statistics?from=2026-01-01');
    });
  });

  describe('CSRF on the officials forms', () => {
    let official: WebSession;
    const agencyFields = (id: string) => ({ action: 'save', id, name: `Đơn vị ${id}`, email: `${id}@example.gov.vn` });
    const inDirectory = async (id: string) => (await official.get('/directory')).text.includes(`${id}@example.gov.vn`);

    beforeAll(async () => {
      const [first] = officialsOf(rt);
      official = new WebSession(rt);
      const signedIn = await official.signIn(first?.email ?? '', first?.password ?? '');
      if (signedIn.status !== 303) throw new Error(`sign-in → ${signedIn.status}`);
      await official.get('/directory');
    });

    it('a same-origin POST with the token saves', async () => {
      const r = await official.post('/directory', agencyFields('so-yte'));
      expect(r.status).toBe(303);
      expect(await inDirectory('so-yte')).toBe(true);
    });

    const forged: Record<string, Record<string, string>> = {
      'Origin: https://evil.test': { origin: 'https://evil.test', 'sec-fetch-site': 'cross-site' },
      'Origin: null': { origin: 'null' },
    };
    for (const [name, headers] of Object.entries(forged))
      it(`a POST with ${name} is refused with 403 and changes nothing`, async () => {
        const id = `forged-${name.length}`;
        const r = await official.post('/directory', agencyFields(id), headers);
        expect(r.status).toBe(403);
        expect(r.text).toContain('Yêu cầu bị từ chối');
        expect(await inDirectory(id)).toBe(false);
      });

    it('a POST without the token is refused (a cross-site form cannot read it)', async () => {
      const r = await official.request('POST', '/directory', {
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: rt.base },
        body: new URLSearchParams(agencyFields('no-token')).toString(),
      });
      expect(r.status).toBe(403);
      expect(await inDirectory('no-token')).toBe(false);
    });

    it('a forged sign-in is refused before any password is checked', async () => {
      const [first] = officialsOf(rt);
      const attacker = new WebSession(rt);
      await attacker.get('/sign-in');
      for (const origin of ['https://evil.test', 'null']) {
        const r = await attacker.post(
          '/sign-in',
          { email: first?.email ?? '', password: first?.password ?? '' },
          { origin },
        );
        expect(r.status).toBe(403);
        expect(attacker.jar.has('chidao_session')).toBe(false);
      }
    });

    it('a forged sign-out is refused, and the session goes on', async () => {
      for (const origin of ['https://evil.test', 'null']) {
        const r = await official.post('/sign-out', {}, { origin });
        expect(r.status).toBe(403);
      }
      expect((await official.get('/directives')).status).toBe(200);
    });
  });
});
