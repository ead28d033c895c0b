import { describe, expect, it } from 'vitest';
import { decodeSlot, encodeSlot } from '#adapters/store/assignment-codec.ts';
import { HISTORY_MAX, newAssignmentItem } from '#adapters/store/assignments.ts';
import type { Assignment, HistoryEvent, NoticeSent, Notices, ReportSlot } from '#core/assignment/model.ts';
import { noted } from '#core/assignment/notices.ts';
import {
  excerpt,
  MAX_EVENTS_PER_TRANSITION,
  MAX_EXCERPT,
  MAX_PENDING_EXTENSIONS,
  requestExtension,
} from '#core/assignment/transitions.ts';
import { MAX_REPORT_SLOTS } from '#core/directive.ts';
import { itemSize } from '../support/dynamo.ts';

/**
 * The worst assignment item one can construct within the rules (every name and code at its longest, in
 * three-byte letters where text may be Vietnamese, every slot filled, the history and the pending requests at
 * their caps, a long task token) stays under 64 KB.
 */

const at = (n: number) => new Date(Date.UTC(2026, 2, 4) + n * 60_000).toISOString();
const viet = (n: number) => 'ệ'.repeat(n);

const worst = (): Assignment & Record<string, unknown> => {
  const reports: Record<string, ReportSlot> = {};
  const codes = Array.from({ length: 200 }, (_, i) => `${String(i).padStart(3, '0')}.${'X'.repeat(16)}`);
  for (let i = 0; i < MAX_REPORT_SLOTS; i++) {
    const code = codes[i % codes.length] ?? '';
    const period = at(i * 1440).slice(0, 10);
    reports[`${code}#${period}`] = {
      taskCode: code,
      period,
      deadline: at(i),
      deadlineSetAt: at(i + 1),
      submittedAt: at(i + 2),
      late: true,
      reportId: 'AbCdEfGhIj',
      remindedUntil: at(i + 3),
    };
  }
  const event: HistoryEvent = {
    at: at(1),
    type: 'EXTENSION_REFUSED',
    by: viet(100),
    taskCode: `${codes[0]}#2026-03-04`,
    level: 2,
    checkpoint: `escalate:${codes[0]}#2026-03-04:2:${at(1)}`,
    deadline: at(2),
    previousDeadline: at(3),
    late: true,
    detail: viet(MAX_EXCERPT),
    // A correction names the new version and the one it replaced.
    reportId: 'AbCdEfGhIj',
    previousReportId: 'AbCdEfGhIj',
  };
  const extensionRequests = Object.fromEntries(
    Object.keys(reports)
      .slice(0, MAX_PENDING_EXTENSIONS)
      .map((k) => [
        k,
        { requestedAt: at(5), taskCode: k, until: at(6), reason: viet(MAX_EXCERPT), reasonId: 'x'.repeat(10) },
      ]),
  );
  return {
    directiveId: '01KJV95K80AXQZD028YQRTHQNJ',
    recipientId: 'r'.repeat(64),
    recipientName: viet(300),
    recipientEmail: `${'a'.repeat(64)}@${'b'.repeat(185)}.vn`,
    recipientPhone: '9'.repeat(40),
    recipientHead: { name: viet(200), email: `${'h'.repeat(64)}@example.gov.vn`, phone: '9'.repeat(40) },
    taskCodes: codes,
    number: viet(100),
    issuer: viet(300),
    status: 'ACKNOWLEDGED',
    version: 123_456,
    createdAt: at(0),
    policy: {
      acknowledgeWithin: 'END_OF_WORKING_DAY',
      remindBefore: Array.from({ length: 10 }, () => 'P1DT23H59M'),
      remindOnTheDay: true,
      escalateAfterWorkingDays: 30,
    },
    deliveredAt: at(0),
    ackDeadline: at(1),
    acknowledgedAt: at(2),
    reports,
    escalationLevel: 2,
    ackRemindedUntil: at(3),
    extensionRequests,
    linkVersion: 1000,
    taskToken: 'T'.repeat(1100),
    tokenVersion: 123_456,
    history: Array.from({ length: HISTORY_MAX }, () => event),
    archivedChunks: 99_999,
    generation: 99,
    generationVersion: 123_000,
    noSms: true,
    noZalo: true,
    notices: worstNotices(`escalate:${codes[0]}#2026-03-04:2:${at(1)}`),
  };
};

/** Every kind recorded with four notices (two channels, the agency's and the head's phones), provider text at length. */
const worstNotices = (checkpoint: string): Notices | undefined => {
  const sent: NoticeSent[] = (['sms', 'zalo', 'sms', 'zalo'] as const).map((channel, i) => ({
    channel,
    to: `+8491342137${i}`,
    status: i % 2 ? 'FAILED' : 'SENT',
    ...(i % 2 ? { error: viet(5000) } : { messageId: 'm'.repeat(5000) }),
  }));
  let notices: Notices | undefined;
  for (const kind of ['invitation', 'reminder', 'escalation'] as const)
    notices = noted(notices, {
      kind,
      record: { at: at(4), checkpoint, sent },
      pending: {
        kind,
        checkpoint,
        obligation: 'x'.repeat(41),
        due: at(5),
        taskCode: 'x'.repeat(20),
        deadline: at(6),
        level: 2,
      },
    });
  return notices;
};

describe('the largest assignment item', () => {
  it('stays under 64 KB', () => {
    const item = { ...newAssignmentItem(worst(), at(0)), dueAt: at(9), duePk: 'DUE#7', tokenVersion: 1 };
    const size = itemSize(item);
    const parts = Object.fromEntries(Object.entries(item).map(([k, v]) => [k, itemSize({ [k]: v })]));
    expect(size, JSON.stringify(parts)).toBeLessThan(64 * 1024);
    // A long way from DynamoDB's 400 KB, and honest about where it stands.
    expect(size).toBeGreaterThan(40 * 1024);
  });

  it('an encoded slot reads back as it was written', () => {
    const slot = worst().reports[Object.keys(worst().reports)[0] ?? ''] as ReportSlot;
    const key = `${slot.taskCode}#${slot.period}`;
    expect(decodeSlot(key, encodeSlot(slot))).toEqual(slot);
    expect(decodeSlot('1.3', encodeSlot({ taskCode: '1.3' }))).toEqual({ taskCode: '1.3' });
  });

  it('what one action adds is bounded: free text is cut, requests are capped', () => {
    expect(excerpt(viet(5000))).toHaveLength(MAX_EXCERPT);
    expect(MAX_EVENTS_PER_TRANSITION).toBeLessThanOrEqual(6);
    const a = worst();
    const key = Object.keys(a.reports)[MAX_PENDING_EXTENSIONS + 1] ?? '';
    const { submittedAt: _, ...open } = a.reports[key] as ReportSlot;
    a.reports[key] = open;
    const next = requestExtension(a, at(100), {
      taskCode: key,
      until: at(200),
      reason: viet(2000),
    });
    // Five are pending: a sixth slot's request waits for an answer.
    expect(next).toMatchObject({ ok: false, refusal: 'TOO_MANY' });
  });
});
