import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_TOKEN, giaLaiDirective, type Runtime, recipients, startRuntime } from '../support/runtime.ts';
import { WebSession } from '../support/web-session.ts';

/**
 * Offices over HTTP on the real runtime: two officials of two offices neither see nor act on each other's
 * directives (404 on the API and on the pages, as for an unknown id), the province's official sees both, gets
 * statistics per office, and is refused (403, saying why) on every state-changing route. The scripts' token acts
 * for the first office of officials.json.
 */

const TTTT = {
  email: 'canbo@stttt.example.gov.vn',
  name: 'Cán bộ Sở TT&TT',
  password: 'mat-khau-1',
  office: 'stttt-gialai',
};
const YTE = { email: 'canbo@syt.example.gov.vn', name: 'Cán bộ Sở Y tế', password: 'mat-khau-2', office: 'syt-gialai' };
const TINH = {
  email: 'vanphong@ubnd.example.gov.vn',
  name: 'Văn phòng UBND tỉnh',
  password: 'mat-khau-3',
  office: 'ubnd-gialai',
  role: 'PROVINCE',
};

type Listed = { directives: { id: string; office: string }[] };

describe('offices', () => {
  let rt: Runtime;
  const dataDir = mkdtempSync(join(tmpdir(), 'chidao-e2e-offices-'));
  writeFileSync(join(dataDir, 'officials.json'), JSON.stringify([TTTT, YTE, TINH]));
  const sessions: Record<string, WebSession> = {};
  const bearers: Record<string, string> = {};
  let tttt = '';
  let yte = '';

  const api = async <T = unknown>(who: string, method: string, path: string, body?: unknown) => {
    const r = await fetch(rt.base + path, {
      method,
      headers: {
        authorization: `Bearer ${bearers[who] ?? who}`,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await r.text();
    return { status: r.status, text, json: (text.startsWith('{') ? JSON.parse(text) : undefined) as T };
  };
  const issueAs = async (who: string, number: string, ids: string[]) => {
    const body = giaLaiDirective({ now: await rt.clock(), recipients: recipients(...ids), number });
    const r = await api<{ id: string; office: string }>(who, 'POST', '/api/directives', body);
    expect(r.status, r.text).toBe(201);
    return r.json;
  };
  const listed = async (who: string) =>
    (await api<Listed>(who, 'GET', '/api/directives')).json.directives.map((d) => d.id).sort();

  beforeAll(async () => {
    rt = await startRuntime({ dataDir });
    for (const o of [TTTT, YTE, TINH]) {
      const s = new WebSession(rt);
      expect((await s.signIn(o.email, o.password)).status).toBe(303);
      sessions[o.office] = s;
      bearers[o.office] = s.jar.get('chidao_session') ?? '';
    }
    const a = await issueAs(TTTT.office, '126/STTTT-BCVT', ['cong-an-tinh', 'dien-luc']);
    const b = await issueAs(YTE.office, '45/SYT-NVY', ['dien-luc']);
    expect([a.office, b.office]).toEqual([TTTT.office, YTE.office]);
    tttt = a.id;
    yte = b.id;
    await rt.settle();
  });

  afterAll(async () => {
    await rt?.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('each office lists only its own directives; the province lists both', async () => {
    expect(await listed(TTTT.office)).toEqual([tttt]);
    expect(await listed(YTE.office)).toEqual([yte]);
    expect(await listed(TINH.office)).toEqual([tttt, yte].sort());
    const page = await sessions[YTE.office]?.get('/directives');
    expect(page?.status).toBe(200);
    expect(page?.text).toContain(`/directives/${yte}`);
    expect(page?.text).not.toContain(`/directives/${tttt}`);
  });

  it("another office's directive answers 404 on every API route, as an unknown one does", async () => {
    const id = encodeURIComponent(tttt);
    const unknown = await api(YTE.office, 'GET', '/api/directives/01JZZZZZZZZZZZZZZZZZZZZZZZ');
    const reads = [
      ['GET', `/api/directives/${id}`],
      ['GET', `/api/directives/${id}/assignments/cong-an-tinh`],
      ['GET', `/api/directives/${id}/urging-letter`],
      ['POST', `/api/directives/${id}/cancel`, {}],
      ['POST', `/api/directives/${id}/assignments/cong-an-tinh/cancel`, {}],
      ['POST', `/api/directives/${id}/assignments/cong-an-tinh/resend`, {}],
      ['POST', `/api/directives/${id}/assignments/cong-an-tinh/extension`, { decision: 'refuse' }],
    ] as const;
    for (const [method, path, body] of reads) {
      const r = await api<{ error: string }>(YTE.office, method, path, body);
      expect(r.status, `${method} ${path}`).toBe(404);
      expect(r.json.error).toBe(unknown.json ? (unknown.json as { error: string }).error : 'NotFound');
    }
    // Nothing was withdrawn or re-sent: the owner still sees both agencies open.
    const own = await api<{ assignments: { status: string; cancelledAt: string | null }[] }>(
      TTTT.office,
      'GET',
      `/api/directives/${id}`,
    );
    expect(own.status).toBe(200);
    expect(own.json.assignments.every((a) => a.cancelledAt === null)).toBe(true);
  });

  it("another office's directive answers 404 on the pages, and its actions change nothing", async () => {
    const s = sessions[YTE.office];
    if (!s) throw new Error('no session');
    expect((await s.get(`/directives/${tttt}`)).status).toBe(404);
    expect((await s.get(`/directives/${tttt}/urging-letter`)).status).toBe(404);
    await s.get('/directives');
    expect((await s.post(`/directives/${tttt}/actions`, { action: 'cancel-directive' })).status).toBe(404);
    expect((await s.get(`/directives/${yte}`)).status).toBe(200);
    const owner = await sessions[TTTT.office]?.get(`/directives/${tttt}`);
    expect(owner?.status).toBe(200);
    expect(
      (await api<{ cancelledAt: string | null }>(TTTT.office, 'GET', `/api/directives/${tttt}`)).json.cancelledAt,
    ).toBeNull();
  });

  it('the province reads both offices, gets statistics per office, and is refused every action with a 403 that says why', async () => {
    for (const id of [tttt, yte]) expect((await api(TINH.office, 'GET', `/api/directives/${id}`)).status).toBe(200);
    const page = await sessions[TINH.office]?.get(`/directives/${tttt}`);
    expect(page?.status).toBe(200);

    const stats = await api<{ byOffice: { office: string; directives: number; total: number }[] }>(
      TINH.office,
      'GET',
      '/api/statistics',
    );
    expect(stats.status).toBe(200);
    expect(stats.json.byOffice.map((o) => [o.office, o.directives, o.total])).toEqual([
      [TTTT.office, 1, 2],
      [YTE.office, 1, 1],
    ]);
    const own = await api<{ byOffice?: unknown; byDirective: { directiveId: string }[] }>(
      YTE.office,
      'GET',
      '/api/statistics',
    );
    expect(own.json.byOffice).toBeUndefined();
    expect(own.json.byDirective.map((d) => d.directiveId)).toEqual([yte]);

    const refused = [
      [
        '/api/directives',
        giaLaiDirective({ now: await rt.clock(), recipients: recipients('dien-luc'), number: '1/UBND' }),
      ],
      [`/api/directives/${tttt}/cancel`, {}],
      [`/api/directives/${tttt}/assignments/cong-an-tinh/resend`, {}],
      [`/api/directives/${yte}/assignments/dien-luc/extension`, { decision: 'refuse' }],
    ] as const;
    for (const [path, body] of refused) {
      const r = await api<{ error: string; message: string }>(TINH.office, 'POST', path, body);
      expect(r.status, path).toBe(403);
      expect(r.json).toMatchObject({ error: 'Forbidden' });
      expect(r.json.message).toMatch(/cấp tỉnh.*chỉ được xem/);
    }
    const s = sessions[TINH.office];
    if (!s) throw new Error('no session');
    await s.get(`/directives/${tttt}`);
    const action = await s.post(`/directives/${tttt}/actions`, { action: 'cancel-directive' });
    expect(action.status).toBe(403);
    expect(action.text).toMatch(/chỉ được xem/);
    expect((await api<Listed>(TINH.office, 'GET', '/api/directives')).json.directives).toHaveLength(2);
    expect(
      (await api<{ cancelledAt: string | null }>(TTTT.office, 'GET', `/api/directives/${tttt}`)).json.cancelledAt,
    ).toBeNull();
  });

  it("the scripts' token acts for the first office of officials.json", async () => {
    const issued = await issueAs(API_TOKEN, '127/STTTT-BCVT', ['dien-luc']);
    expect(issued.office).toBe(TTTT.office);
    expect(await listed(TTTT.office)).toContain(issued.id);
    expect(await listed(YTE.office)).not.toContain(issued.id);
  });
});
