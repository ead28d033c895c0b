import { describe, expect, it } from 'vitest';
import { MAX_ADDRESS, nameHandler, reassign, resendLink } from '#core/assignment/transitions.ts';
import { applied, assignment, DEADLINE, frozen, hn, refusalOf } from './builders.ts';

/** Reassignment to another address and the handler an agency names: pure transitions on the stored item. */

const NOW = hn('2023-03-15 10:00');
const OLD = 'syt@example.gov.vn';
const NEW = 'vanthu.syt@gialai.gov.vn';
const by = 'Nguyễn Văn A';

describe('reassign', () => {
  for (const status of ['ISSUED', 'DELIVERED', 'ACKNOWLEDGED'] as const)
    it(`${status}: moves to the new address with a new link version, keeping deadlines and history`, () => {
      const before = frozen(assignment(status, { handler: { name: 'Trần B', email: 'b@syt.vn' } }));
      const t = applied(reassign(before, NOW, { by, email: NEW, name: 'Văn thư Sở Y tế', fromEmail: OLD }));
      expect(t.next.recipientEmail).toBe(NEW);
      expect(t.next.recipientName).toBe('Văn thư Sở Y tế');
      expect(t.next.status).toBe(status);
      expect(t.next.linkVersion).toBe(2);
      expect(t.next.addressSince).toBe(2);
      expect(t.next.reports['1']?.deadline).toBe(DEADLINE);
      expect(t.next.ackDeadline).toBe(before.ackDeadline);
      // The old agency's handler does not follow the assignment to another address.
      expect(t.next.handler).toBeUndefined();
      expect(t.events).toEqual([{ at: NOW, type: 'REASSIGNED', by, from: OLD, to: NEW }]);
    });

  it('keeps the name when none is given', () => {
    const t = applied(reassign(assignment('DELIVERED'), NOW, { by, email: NEW }));
    expect(t.next.recipientName).toBe('Sở Y tế');
  });

  it('a re-sent link after a move keeps the move: links from before it still read as moved', () => {
    const moved = applied(reassign(assignment('DELIVERED'), NOW, { by, email: NEW })).next;
    const resent = applied(resendLink(moved, NOW, by)).next;
    expect(resent.linkVersion).toBe(3);
    expect(resent.addressSince).toBe(2);
  });

  it('the same address again is already done', () => {
    const a = assignment('DELIVERED', { recipientEmail: NEW });
    expect(refusalOf(reassign(a, NOW, { by, email: NEW, fromEmail: OLD }))).toBe('ALREADY_DONE');
  });

  it('a race lost to a move elsewhere conflicts instead of moving it twice', () => {
    const a = assignment('DELIVERED', { recipientEmail: 'other@gialai.gov.vn' });
    expect(refusalOf(reassign(a, NOW, { by, email: NEW, fromEmail: OLD }))).toBe('CONFLICT');
  });

  for (const status of ['CANCELLED', 'COMPLETED', 'DELIVERY_FAILED'] as const)
    it(`${status}: closed`, () => {
      expect(refusalOf(reassign(assignment(status), NOW, { by, email: NEW }))).toBe('CLOSED');
    });

  it('bounds the addresses an event keeps', () => {
    const long = `${'a'.repeat(240)}@x.vn`;
    const t = applied(reassign(assignment('DELIVERED', { recipientEmail: long }), NOW, { by, email: NEW }));
    expect(t.events[0]?.from?.length).toBe(MAX_ADDRESS);
    expect(t.next.recipientEmail).toBe(NEW);
  });
});

describe('nameHandler', () => {
  const handler = { name: 'Trần Thị B', email: 'ttb@syt.gialai.gov.vn', phone: '+84912345678' };

  it('records the handler and an event naming them', () => {
    const t = applied(nameHandler(frozen(assignment('DELIVERED')), NOW, handler));
    expect(t.next.handler).toEqual(handler);
    expect(t.events).toEqual([{ at: NOW, type: 'HANDLER_NAMED', by: 'recipient', detail: 'Trần Thị B' }]);
  });

  it('the same handler again is already done; another one replaces them', () => {
    const a = assignment('ACKNOWLEDGED', { handler });
    expect(refusalOf(nameHandler(a, NOW, handler))).toBe('ALREADY_DONE');
    expect(applied(nameHandler(a, NOW, { ...handler, email: 'c@syt.vn' })).next.handler?.email).toBe('c@syt.vn');
  });

  it('a closed assignment takes no handler', () => {
    expect(refusalOf(nameHandler(assignment('COMPLETED'), NOW, handler))).toBe('CLOSED');
  });
});
