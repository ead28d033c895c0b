import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DAY,
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
 * Deadlines that make no sense are refused with 400 on the field that is wrong, in Vietnamese, and nothing is
 * stored; the same number from the same issuer in the same year is refused unless meant.
 */

type Issues = { error: string; issues: { path: string; message: string }[] };

let rt: Runtime;
let now: string;

beforeAll(async () => {
  // Friday 16:00 in Hà Nội: an eight-hour window then ends on Monday.
  rt = await startRuntime({ startAt: '2026-03-06T16:00:00+07:00' });
  now = await rt.clock();
});
afterAll(() => rt?.dispose());

const count = async () => (await rt.call<unknown[]>('GET', '/api/directives')).json.length;
const body = (patch: (b: ReturnType<typeof giaLaiDirective>) => unknown, number = `R-${Math.random()}`) => {
  const b = giaLaiDirective({ now, recipients: recipients('cong-an-tinh'), number });
  return patch(b) ?? b;
};

const task = (b: ReturnType<typeof giaLaiDirective>) => {
  const [t] = b.tasks;
  if (!t) throw new Error('no task');
  return t;
};

const refused = async (what: unknown, path: string, message: RegExp) => {
  const before = await count();
  const r = await rt.call<Issues>('POST', '/api/directives', what);
  expect(r.status, r.text).toBe(400);
  expect(r.json.error).toBe('ValidationError');
  expect(r.json.issues.find((i) => i.path === path)?.message, JSON.stringify(r.json.issues)).toMatch(message);
  expect(await count()).toBe(before);
};

describe('a directive whose deadlines make no sense is refused on the field, and nothing is stored', () => {
  it('a deadline already past', async () => {
    await refused(
      body((b) => {
        b.tasks[0] = { ...task(b), deadline: iso(now, -HOUR) };
      }),
      'tasks.0.deadline',
      /đã qua/,
    );
  });

  it('a deadline before the issue date', async () => {
    await refused(
      body((b) => ({ ...b, issuedOn: '2026-03-20', tasks: [{ ...task(b), deadline: hanoi('2026-03-10T17:00') }] })),
      'tasks.0.deadline',
      /trước ngày ban hành/,
    );
  });

  it('a deadline in the year 9999, or beyond two years', async () => {
    await refused(
      body((b) => ({ ...b, tasks: [{ ...task(b), deadline: '9999-12-31T10:00:00.000Z' }] })),
      'tasks.0.deadline',
      /không quá 2 năm/,
    );
    await refused(
      body((b) => ({ ...b, tasks: [{ ...task(b), deadline: iso(now, 800 * DAY) }] })),
      'tasks.0.deadline',
      /không quá 2 năm/,
    );
  });

  it('a periodic report whose first period is past, or whose end is beyond two years', async () => {
    await refused(
      body((b) => ({
        ...b,
        tasks: [{ ...task(b), deadline: iso(now, -HOUR), recurrence: { every: 'P1D', until: '2026-03-30' } }],
      })),
      'tasks.0.deadline',
      /kỳ báo cáo đầu tiên: đã qua/,
    );
    await refused(
      body((b) => ({
        ...b,
        tasks: [{ ...task(b), deadline: iso(now, DAY), recurrence: { every: 'P1W', until: '2029-01-01' } }],
      })),
      'tasks.0.recurrence.until',
      /không quá 2 năm/,
    );
  });

  it('durations out of bounds: P1000Y to acknowledge, a reminder PT0S before', async () => {
    await refused(
      body((b) => ({ ...b, acknowledgeWithin: 'P1000Y' })),
      'acknowledgeWithin',
      /tối đa 30 ngày/,
    );
    await refused(
      body((b) => ({ ...b, remindBefore: ['PT0S'] })),
      'remindBefore.0',
      /ít nhất 1 giờ/,
    );
  });

  it('task codes and agency ids that objects carry (__proto__, constructor, toString)', async () => {
    for (const code of ['__proto__', 'constructor', 'toString'])
      await refused(
        body((b) => ({ ...b, tasks: [{ ...task(b), code }] })),
        'tasks.0.code',
        /Mã nhiệm vụ/,
      );
    await refused(
      body((b) => ({
        ...b,
        recipients: [{ ...b.recipients[0], id: 'constructor' }],
        tasks: [{ ...task(b), assignees: ['constructor'] }],
      })),
      'recipients.0.id',
      /dành riêng/,
    );
  });
});

describe('the same number from the same issuer in the same year', () => {
  it('is refused with 409 naming the existing directive, unless the official means it', async () => {
    const first = giaLaiDirective({ now, recipients: recipients('dien-luc'), number: '77/STTTT-BCVT' });
    const { id } = await rt.issue({ ...first, allowDuplicateNumber: false }, { 'idempotency-key': 'first-77' });
    const before = await count();
    const again = { ...first, allowDuplicateNumber: false, subject: 'V/v một việc khác' };

    const r = await rt.call<{ message: string }>('POST', '/api/directives', again, { 'idempotency-key': 'second-77' });

    expect(r.status, r.text).toBe(409);
    expect(r.json.message).toContain('77/STTTT-BCVT');
    expect(r.json.message).toContain(id);
    expect(await count()).toBe(before);
    // Spelled with spaces around its dash, it is still the same number.
    const spaced = await rt.call('POST', '/api/directives', {
      ...again,
      number: '77 / STTTT - BCVT'.replace(/ \/ /, '/'),
    });
    expect(spaced.status).toBe(409);
    // Meant: ticked in the form (allowDuplicateNumber), and issued.
    const meant = await rt.call<{ id: string }>(
      'POST',
      '/api/directives',
      { ...again, allowDuplicateNumber: true },
      { 'idempotency-key': 'second-77' },
    );
    expect(meant.status, meant.text).toBe(201);
    expect(meant.json.id).not.toBe(id);
  });
});

describe('an acknowledgement window in hours counts working hours', () => {
  it('eight hours from Friday 16:00 end on Monday 15:00, not on Saturday', async () => {
    const { id } = await rt.issue(
      giaLaiDirective({ now, recipients: recipients('bchqs-tinh'), acknowledgeWithin: 'PT8H', number: 'WH-1' }),
    );
    await rt.settle();
    const a = await rt.assignment(id, 'bchqs-tinh');
    expect(a.ackDeadline).toBe(hanoi('2026-03-09T15:00'));
  });
});

describe('an extension request', () => {
  it('to a date not after the deadline in force is refused with 400, and nothing is stored', async () => {
    const vnpt = GIA_LAI_RECIPIENTS.find((r) => r.id === 'vnpt-gia-lai');
    if (!vnpt) throw new Error('no VNPT');
    const deadline = hanoi('2026-03-13T17:00');
    const { id } = await rt.issue(giaLaiDirective({ now, recipients: [vnpt], deadline, number: 'EXT-1' }));
    await rt.settle();
    const mail = (await rt.mailsTo(vnpt.email)).at(-1);
    if (!mail) throw new Error('no invitation');
    const link = linkOf(mail);
    const before = await rt.assignment(id, vnpt.id);

    const earlier = await rt.form(`${link.path}/extension`, {
      taskCode: '3.1',
      until: '2026-03-12',
      reason: 'Xin lùi',
    });
    const same = await rt.form(`${link.path}/extension`, { taskCode: '3.1', until: '2026-03-13', reason: 'Xin lùi' });

    expect(earlier.status).toBe(400);
    expect(earlier.text).toContain('phải sau hạn hiện tại (17:00 13/03/2026)');
    expect(same.status).toBe(400);
    const after = await rt.assignment(id, vnpt.id);
    expect(after.history).toEqual(before.history);
    expect(after.extensionRequests).toEqual([]);
    // A later date is taken.
    const later = await rt.form(`${link.path}/extension`, { taskCode: '3.1', until: '2026-03-20', reason: 'Xin lùi' });
    expect(later.status).toBe(200);
    expect((await rt.assignment(id, vnpt.id)).extensionRequests).toHaveLength(1);
  });
});
