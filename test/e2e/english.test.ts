import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  GIA_LAI_RECIPIENTS,
  giaLaiDirective,
  HOUR,
  hanoi,
  iso,
  linkOf,
  type Runtime,
  recipients,
  startRuntime,
} from '../support/runtime.ts';

/**
 * `npm start` over HTTP: the refusals and field errors that core and the stores report as codes reach a recipient
 * and an API caller in English when the request asks for it (`?lang=en`), and in the same Vietnamese as ever when
 * it does not.
 */

type Issues = { error: string; issues: { path: string; message: string }[] };

let rt: Runtime;
let now: string;

beforeAll(async () => {
  rt = await startRuntime({ startAt: '2026-03-06T09:00:00+07:00' });
  now = await rt.clock();
});
afterAll(() => rt?.dispose());

const vnpt = () => {
  const r = GIA_LAI_RECIPIENTS.find((x) => x.id === 'vnpt-gia-lai');
  if (!r) throw new Error('no VNPT');
  return r;
};

describe("a recipient's page in English", () => {
  it('an extension asked too soon, one before the deadline, and a report after withdrawal', async () => {
    const agency = vnpt();
    const deadline = hanoi('2026-03-13T17:00');
    const { id } = await rt.issue(giaLaiDirective({ now, recipients: [agency], deadline, number: 'EN-1' }));
    await rt.settle();
    const mail = (await rt.mailsTo(agency.email)).at(-1);
    if (!mail) throw new Error('no invitation');
    const link = linkOf(mail);
    const extension = `${link.path}/extension?lang=en`;

    const first = await rt.form(extension, { taskCode: '3.1', until: '2026-03-20', reason: 'Waiting for data' });
    expect(first.status, first.text).toBe(200);
    expect(first.text).toContain('Extension requested');

    const tooSoon = await rt.form(extension, { taskCode: '3.1', until: '2026-03-23', reason: 'More time' });
    expect(tooSoon.status).toBe(429);
    expect(tooSoon.text).toContain('<html lang="en">');
    expect(tooSoon.text).toContain('The agency has just asked for an extension of this task');
    expect(tooSoon.text).not.toContain('Đơn vị vừa gửi đề nghị gia hạn');

    const earlier = await rt.form(extension, { taskCode: '3.1', until: '2026-03-12', reason: 'Earlier' });
    expect(earlier.status).toBe(400);
    expect(earlier.text).toContain('Extend until: must be later than the deadline in force (17:00 13/03/2026)');

    const cancelled = await rt.call('POST', `/api/directives/${id}/assignments/${agency.id}/cancel`, {});
    expect(cancelled.status, cancelled.text).toBe(200);
    const english = await rt.form(`${link.path}/report?lang=en`, { taskCode: '3.1', summary: 'Done.' });
    expect(english.status).toBe(409);
    expect(english.text).toContain('The directive has been withdrawn for this agency.');
    // The choice is remembered by the cookie only in a browser; a request without it is Vietnamese, as ever.
    const vietnamese = await rt.form(`${link.path}/report`, { taskCode: '3.1', summary: 'Xong.' });
    expect(vietnamese.status).toBe(409);
    expect(vietnamese.text).toContain('Công văn đã được thu hồi đối với đơn vị này.');
  });
});

describe('the JSON API in English', () => {
  it('400 keeps {error, issues: [{path, message}]} with English messages; 409 names the holder of a number', async () => {
    const past = giaLaiDirective({ now, recipients: recipients('cong-an-tinh'), number: 'EN-2' });
    const [task] = past.tasks;
    if (!task) throw new Error('no task');
    const body = { ...past, tasks: [{ ...task, deadline: iso(now, -HOUR) }] };

    const english = await rt.call<Issues>('POST', '/api/directives?lang=en', body);
    const vietnamese = await rt.call<Issues>('POST', '/api/directives', body);

    expect(english.status, english.text).toBe(400);
    expect(english.json).toEqual({
      error: 'ValidationError',
      issues: [{ path: 'tasks.0.deadline', message: 'Report deadline: already past, a time after now is needed' }],
    });
    expect(vietnamese.json.issues).toEqual([
      { path: 'tasks.0.deadline', message: 'Hạn báo cáo: đã qua, cần một thời điểm sau bây giờ' },
    ]);

    const first = giaLaiDirective({ now, recipients: recipients('dien-luc'), number: '88/STTTT-BCVT' });
    const { id } = await rt.issue({ ...first, allowDuplicateNumber: false }, { 'idempotency-key': 'en-first-88' });
    const again = { ...first, allowDuplicateNumber: false, subject: 'V/v một việc khác' };
    const duplicate = await rt.call<{ error: string; message: string }>('POST', '/api/directives?lang=en', again, {
      'idempotency-key': 'en-second-88',
    });
    expect(duplicate.status, duplicate.text).toBe(409);
    expect(duplicate.json.error).toBe('Conflict');
    expect(duplicate.json.message).toMatch(/^Number 88\/STTTT-BCVT of .* is already used by the directive "/);
    expect(duplicate.json.message).toContain(id);
  });
});
