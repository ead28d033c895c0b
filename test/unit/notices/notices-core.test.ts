import { describe, expect, it } from 'vitest';
import { agencySchema, phoneField } from '#core/agency.ts';
import { planNext } from '#core/assignment/checkpoints.ts';
import type { Assignment, NoticeRecord } from '#core/assignment/model.ts';
import {
  channelsReached,
  mayNotifyAt,
  noted,
  noticeDueAt,
  noticeTargets,
  settlePending,
  withNotices,
} from '#core/assignment/notices.ts';
import { deliver } from '#core/assignment/transitions.ts';

/** Who gets a notice, when, and how it is kept on the item: pure, on the calendar of Hà Nội (UTC+7). */

describe('a phone number in the directory', () => {
  const phone = phoneField('directoryPhone');
  it('is kept in E.164 (+84…) however it was typed', () => {
    for (const [typed, e164] of [
      ['0913 421 376', '+84913421376'],
      ['+84 932.532.789', '+84932532789'],
      ['0084913421376', '+84913421376'],
      ['(0269) 3.824.567', '+842693824567'],
      ['024 3825 1234', '+842438251234'],
    ])
      expect(phone.parse(typed), typed).toBe(e164);
    expect(phone.parse('')).toBeUndefined();
  });

  it('refuses what is not a Vietnamese number with the same message as before', () => {
    for (const typed of ['0123', '0913421376999', '+1 202 555 0143', 'gọi 0913']) {
      const r = phone.safeParse(typed);
      expect(r.success, typed).toBe(false);
      expect(JSON.parse(r.error?.issues[0]?.message ?? '{}')).toEqual({
        code: 'field.phone',
        params: { field: 'directoryPhone' },
      });
    }
  });

  it('an agency carries its "no SMS", "no Zalo" flags from a form box or a CSV cell', () => {
    const base = { id: 'ca', name: 'Công an tỉnh', email: 'ca@x.vn', phone: '0913421376' };
    expect(agencySchema.parse({ ...base, noSms: 'on', noZalo: '' })).toMatchObject({
      phone: '+84913421376',
      noSms: true,
    });
    expect(agencySchema.parse({ ...base, noSms: 'x', noZalo: 'có' })).toMatchObject({ noSms: true, noZalo: true });
    expect(agencySchema.parse({ ...base, noSms: '0' }).noSms).toBeUndefined();
  });
});

const assignment = (over: Partial<Assignment> = {}): Assignment => ({
  directiveId: 'D1',
  recipientId: 'ca',
  recipientName: 'Công an tỉnh',
  recipientEmail: 'ca@x.vn',
  recipientPhone: '+84913421376',
  recipientHead: { name: 'Giám đốc', phone: '0932 532 789' },
  status: 'ISSUED',
  version: 1,
  createdAt: '2026-03-04T02:00:00.000Z',
  policy: { acknowledgeWithin: 'P1D', remindBefore: [] },
  reports: { '1.3': { taskCode: '1.3', deadline: '2026-03-10T10:00:00.000Z' } },
  escalationLevel: 0,
  linkVersion: 1,
  history: [],
  ...over,
});

describe('who gets a notice', () => {
  it('each enabled channel to the agency’s phone, and its head’s too for a first-level escalation only', () => {
    const a = assignment();
    expect(noticeTargets(a, ['sms', 'zalo'], { kind: 'invitation' })).toEqual([
      { channel: 'sms', to: '+84913421376' },
      { channel: 'zalo', to: '+84913421376' },
    ]);
    expect(noticeTargets(a, ['sms'], { kind: 'escalation', level: 1 })).toEqual([
      { channel: 'sms', to: '+84913421376' },
      { channel: 'sms', to: '+84932532789' },
    ]);
    expect(noticeTargets(a, ['sms'], { kind: 'escalation', level: 2 })).toHaveLength(1);
  });

  it('none by a channel the agency refused, the office did not enable, or without a phone', () => {
    expect(noticeTargets(assignment({ noSms: true }), ['sms', 'zalo'], { kind: 'reminder' })).toEqual([
      { channel: 'zalo', to: '+84913421376' },
    ]);
    expect(noticeTargets(assignment({ noSms: true, noZalo: true }), ['sms', 'zalo'], { kind: 'reminder' })).toEqual([]);
    expect(noticeTargets(assignment(), [], { kind: 'reminder' })).toEqual([]);
    expect(noticeTargets(assignment({ recipientPhone: undefined }), ['sms'], { kind: 'reminder' })).toEqual([]);
    expect(noticeTargets(assignment({ recipientPhone: 'không có' }), ['sms'], { kind: 'reminder' })).toEqual([]);
  });
});

describe('working hours', () => {
  it('08:00–17:00 on a working day: now; at night or on a day off: the next working-hours start', () => {
    // Wednesday 04/03/2026.
    expect(mayNotifyAt('2026-03-04T03:00:00.000Z')).toBe(true); // 10:00
    expect(mayNotifyAt('2026-03-04T15:00:00.000Z')).toBe(false); // 22:00
    expect(noticeDueAt('2026-03-04T15:00:00.000Z')).toBe('2026-03-05T01:00:00.000Z'); // Thursday 08:00
    expect(noticeDueAt('2026-03-04T22:30:00.000Z')).toBe('2026-03-05T01:00:00.000Z'); // Thursday 05:30 → 08:00
    // Friday 06/03 at 22:00 → Monday 09/03 at 08:00.
    expect(noticeDueAt('2026-03-06T15:00:00.000Z')).toBe('2026-03-09T01:00:00.000Z');
    // The eve of Hùng Kings' day 2026 (Sunday 26/04, observed Monday 27/04): the notice waits for Tuesday.
    expect(Date.parse(noticeDueAt('2026-04-24T15:00:00.000Z'))).toBeGreaterThan(Date.parse('2026-04-26T17:00:00.000Z'));
  });

  it('an invitation delivered at 22:00 keeps its notice pending, and the plan wakes for it at 08:00', () => {
    const night = '2026-03-04T15:00:00.000Z';
    const pending = {
      kind: 'invitation' as const,
      checkpoint: 'invite:1',
      obligation: 'ack',
      due: noticeDueAt(night),
    };
    const t = withNotices(deliver(assignment(), night), { kind: 'invitation', pending });
    if (!t.ok) throw new Error('not delivered');
    expect(t.next.notices?.pending).toEqual(pending);
    const plan = planNext(t.next, night);
    expect(plan.at).toBe('2026-03-05T01:00:00.000Z');
    expect(plan.timeoutSeconds).toBe(10 * 3600);
  });
});

describe('what is recorded', () => {
  const record = (checkpoint: string, status: 'SENT' | 'FAILED', error?: string): NoticeRecord => ({
    at: '2026-03-05T01:00:00.000Z',
    checkpoint,
    sent: [
      {
        channel: 'sms',
        to: '+84913421376',
        status,
        ...(status === 'SENT' ? { messageId: 'm-1' } : { error: error ?? 'x' }),
      },
    ],
  });

  it('a pending notice is settled once: a retry finds it gone and records nothing', () => {
    const a = assignment({
      status: 'DELIVERED',
      notices: { pending: { kind: 'invitation', checkpoint: 'invite:1', obligation: 'ack', due: 'x' } },
    });
    const first = settlePending(a, 'invite:1', record('invite:1', 'SENT'));
    if (!first.ok) throw new Error('not settled');
    expect(first.next.notices?.pending).toBeUndefined();
    expect(first.next.notices?.last?.invitation?.sent[0]?.messageId).toBe('m-1');
    expect(settlePending(first.next, 'invite:1', record('invite:1', 'SENT'))).toMatchObject({
      ok: false,
      refusal: 'ALREADY_DONE',
    });
  });

  it('stays bounded: one record per kind, one outcome per channel, errors cut', () => {
    let notices: Assignment['notices'];
    for (let i = 0; i < 500; i++)
      notices = noted(notices, {
        kind: i % 2 ? 'reminder' : 'escalation',
        record: record(`cp-${i}`, i % 3 ? 'SENT' : 'FAILED', 'e'.repeat(5000)),
      });
    expect(Object.keys(notices?.last ?? {})).toEqual(['escalation', 'reminder']);
    expect(JSON.stringify(notices).length).toBeLessThan(1000);
    expect(channelsReached({ status: 'DELIVERED', deliveredAt: 'x', notices })).toEqual({
      email: 'SENT',
      sms: 'SENT',
      zalo: 'NONE',
    });
    const failed = noted(notices, { kind: 'reminder', record: record('cp-x', 'FAILED') });
    expect(channelsReached({ status: 'DELIVERED', deliveredAt: 'x', notices: failed }).sms).toBe('FAILED');
  });
});
