import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  DAY,
  deliverAndWait,
  getItem,
  HOUR,
  issue,
  postAcknowledge,
  postReport,
  resetMocks,
  runCheckpoint,
  sentMails,
  sesMock,
  taskSuccesses,
} from './support/harness.ts';

/**
 * Bugs found while writing these tests. The first three were fixed in fa4df94 and stay here as regression tests;
 * the last was fixed by normalising every instant to UTC at the edge (the create schema).
 */

beforeEach(() => {
  resetMocks();
});

afterEach(() => {
  vi.useRealTimers();
});

/** A deadline two days from now at 10:00 in Hà Nội (03:00Z the same day), written with its +07:00 offset. */
const localDeadline = () => {
  const ymd = new Date(Date.now() + 2 * DAY).toISOString().slice(0, 10);
  return `${ymd}T10:00:00+07:00`;
};

describe('regressions', () => {
  // AwaitRecipient has no ResultPath: the SendTaskSuccess output becomes the whole state, and Route reads
  // `$.plan.done`, the next task `$.directiveId`. The wake-up once sent a bare plan.
  it('a recipient wake-up sends {directiveId, recipientId, plan}, the state the machine reads next', async () => {
    const { id } = await issue();
    const { token } = await deliverAndWait(id, 'cong-an');
    expect((await postAcknowledge(token)).statusCode).toBe(200);
    const woken = taskSuccesses();
    expect(woken).toHaveLength(1);

    const state = JSON.parse(woken[0]?.output ?? '{}');

    expect(Object.keys(state).sort()).toEqual(['directiveId', 'plan', 'recipientId']);
    expect(state).toMatchObject({
      directiveId: id,
      recipientId: 'cong-an',
      plan: { done: false, status: 'ACKNOWLEDGED', version: 3 },
    });
  });

  // The create schema accepts offsets (its own message suggests "2021-02-03T17:00:00+07:00") and deadlines
  // were compared with `now` ("…Z") as text.
  it('a deadline written with +07:00 is judged as an instant: a report after it is late', async () => {
    const deadline = localDeadline();
    const { id } = await issue({ deadline });
    const { token } = await deliverAndWait(id, 'dien-luc');

    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.parse(deadline) + HOUR); // 11:00 in Hà Nội: an hour late
    expect((await postReport(token, '2.2')).statusCode).toBe(200);

    const item = await getItem(id, 'dien-luc');
    expect(item.reports['2.2']?.late).toBe(true);
    expect(item.outcome).toBe('LATE');
  });

  it('a deadline written with +07:00 is escalated once it has passed, and not before', async () => {
    const deadline = localDeadline();
    const { id } = await issue({ deadline, remindBefore: ['P1D'] });
    const { token } = await deliverAndWait(id, 'bchqs');
    expect((await postAcknowledge(token)).statusCode).toBe(200);
    sesMock.resetHistory();
    const escalation = 'Quá hạn: Bộ Chỉ huy Quân sự tỉnh chưa báo cáo nhiệm vụ 1.3 — 126/STTTT-BCVT';

    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.parse(deadline) - HOUR);
    await runCheckpoint(id, 'bchqs');
    expect((await sentMails()).map((m) => m.subject)).not.toContain(escalation);

    vi.setSystemTime(Date.parse(deadline) + HOUR);
    await runCheckpoint(id, 'bchqs');
    expect((await sentMails()).map((m) => m.subject)).toContain(escalation);
    expect((await getItem(id, 'bchqs')).escalationLevel).toBe(1);
  });

  // Still open: the deadline is stored as written, so the sparse `due` index (sort key dueAt, a string) orders
  // "…T10:00:00+07:00" (03:00Z) after "…T05:00:00.000Z", and a digest's `dueAt <= :now` misses it.
  it('the due index is keyed on a UTC instant, so it sorts and compares by time', async () => {
    const deadline = localDeadline();
    const { id } = await issue({ deadline });
    const { token } = await deliverAndWait(id, 'cong-an');
    expect((await postAcknowledge(token)).statusCode).toBe(200);

    const item = await getItem(id, 'cong-an');

    expect(Date.parse(item.dueAt ?? '')).toBe(Date.parse(deadline));
    expect(item.dueAt).toBe(new Date(deadline).toISOString());
  });
});
