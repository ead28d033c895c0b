import { describe, expect, it } from 'vitest';
import { rosterKeysOf, rosterUpdate } from '#adapters/store/roster.ts';
import type { Assignment } from '#core/assignment/model.ts';
import { dashboardParams, dashboardQueryOf, type RosterRow, select } from '#core/roster.ts';
import { searchWords } from '#core/search.ts';

const NOW = '2026-12-10T03:00:00.000Z';
const row = (id: string, name: string, sortKey: string, extra: Partial<RosterRow> = {}): RosterRow => ({
  recipientId: id,
  recipientName: name,
  recipientEmail: `${id}@gialai.gov.vn`,
  status: 'DELIVERED',
  sortKey,
  fold: searchWords(name, `${id}@gialai.gov.vn`, id),
  ...extra,
});

const ROWS = [
  row('ca', 'Công an tỉnh', '0#2026-12-05T10:00:00.000Z#ca'),
  row('bchqs', 'Bộ Chỉ huy Quân sự tỉnh', '0#2026-12-20T10:00:00.000Z#bchqs', { acknowledgedAt: NOW }),
  row('dl', 'Công ty Điện lực Gia Lai', '0#~#dl', { pendingSince: '2026-12-09T01:00:00.000Z' }),
  row('vnpt', 'VNPT Gia Lai', '2#vnpt', { status: 'COMPLETED', acknowledgedAt: NOW }),
  row('ubnd-pleiku', 'UBND thành phố Pleiku', '1#ubnd-pleiku', { status: 'DELIVERY_FAILED' }),
  row('ubnd-anke', 'UBND thị xã An Khê', '3#ubnd-anke', { status: 'CANCELLED' }),
];
const ids = (rows: RosterRow[]) => rows.map((r) => r.recipientId);
const q = (params: Record<string, string>) => dashboardQueryOf(params);

describe("the dashboard's query", () => {
  it('falls back to the defaults for what it does not know, and leaves defaults out of its links', () => {
    const query = q({ show: 'everything', sort: 'random', page: '-3', q: '  Công an ', after: 'x'.repeat(500) });
    expect(query).toEqual({ q: 'Công an', show: 'all', group: '', sort: 'attention', page: 1, after: undefined });
    expect(dashboardParams(query).toString()).toBe('q=C%C3%B4ng+an');
    expect(dashboardParams(q({ show: 'overdue', page: '2', after: '0#k' })).toString()).toBe(
      'show=overdue&page=2&after=0%23k',
    );
  });

  it('finds agencies without accents, by name, address or id, every word', () => {
    expect(ids(select(ROWS, q({ q: 'cong an' }), NOW))).toEqual(['ca']);
    expect(ids(select(ROWS, q({ q: 'điện lực' }), NOW))).toEqual(['dl']);
    expect(ids(select(ROWS, q({ q: 'DIEN luc gia' }), NOW))).toEqual(['dl']);
    expect(ids(select(ROWS, q({ q: 'ubnd' }), NOW))).toEqual(['ubnd-pleiku', 'ubnd-anke']);
    expect(ids(select(ROWS, q({ q: 'an khe pleiku' }), NOW))).toEqual([]);
  });

  it('filters at now: overdue once the nearest deadline has passed, and each band', () => {
    expect(ids(select(ROWS, q({ show: 'overdue' }), NOW))).toEqual(['ca']);
    expect(ids(select(ROWS, q({ show: 'overdue' }), '2026-12-21T00:00:00.000Z'))).toEqual(['ca', 'bchqs']);
    expect(ids(select(ROWS, q({ show: 'onTime' }), NOW))).toEqual(['bchqs', 'dl']);
    expect(ids(select(ROWS, q({ show: 'notAcknowledged' }), NOW))).toEqual(['ca', 'dl']);
    expect(ids(select(ROWS, q({ show: 'pending' }), NOW))).toEqual(['dl']);
    expect(ids(select(ROWS, q({ show: 'completed' }), NOW))).toEqual(['vnpt']);
    expect(ids(select(ROWS, q({ show: 'deliveryFailed' }), NOW))).toEqual(['ubnd-pleiku']);
    expect(ids(select(ROWS, q({ show: 'cancelled' }), NOW))).toEqual(['ubnd-anke']);
  });

  it('sorts by what needs attention first, or by name in Vietnamese order; a group narrows to its members', () => {
    expect(ids(select(ROWS, q({}), NOW))).toEqual(['ca', 'bchqs', 'dl', 'ubnd-pleiku', 'vnpt', 'ubnd-anke']);
    expect(ids(select(ROWS, q({ sort: 'name' }), NOW))).toEqual([
      'bchqs',
      'ca',
      'dl',
      // "thành phố" before "thị xã": a before i, whatever the accents
      'ubnd-pleiku',
      'ubnd-anke',
      'vnpt',
    ]);
    expect(ids(select(ROWS, q({ sort: 'name' }), NOW, new Set(['vnpt', 'ca@gialai.gov.vn'])))).toEqual(['ca', 'vnpt']);
  });
});

describe("an assignment's roster keys", () => {
  const base = {
    directiveId: 'd1',
    recipientId: 'ca',
    recipientName: 'Công an tỉnh',
    recipientEmail: 'vanthu@congan.gialai.gov.vn',
    status: 'DELIVERED',
    ackDeadline: '2026-12-03T10:00:00.000Z',
    reports: { '1': { taskCode: '1', deadline: '2026-12-05T10:00:00.000Z' } },
    extensionRequests: {},
  } as unknown as Assignment;

  it('puts an open one in the first band at its nearest deadline, searchable without accents', () => {
    const keys = rosterKeysOf(base);
    expect(keys).toMatchObject({ rosterPk: 'ROSTER#d1', rosterSk: '0#2026-12-03T10:00:00.000Z#ca' });
    expect(keys.rosterFold).toContain('cong an tinh');
    expect(keys).not.toHaveProperty('pendingSk');
  });

  it('carries the pending keys while a request waits, and a transition removes them once answered', () => {
    const asking = {
      ...base,
      extensionRequests: { '1': { taskCode: '1', until: '2026-12-20T10:00:00.000Z', requestedAt: NOW, reason: 'x' } },
    } as unknown as Assignment;
    expect(rosterKeysOf(asking)).toMatchObject({ pendingPk: 'PENDING#d1', pendingSk: `${NOW}#ca` });
    expect(rosterUpdate(asking).set).toContain('#pSk = :pSk');
    expect(rosterUpdate(base).remove).toEqual(['#pPk', '#pSk']);
  });

  it('moves a closed one to its band, with no deadline in its key', () => {
    expect(rosterKeysOf({ ...base, status: 'COMPLETED' } as Assignment).rosterSk).toBe('2#ca');
    expect(rosterKeysOf({ ...base, status: 'CANCELLED' } as Assignment).rosterSk).toBe('3#ca');
    expect(rosterKeysOf({ ...base, status: 'DELIVERY_FAILED' } as Assignment).rosterSk).toBe('1#ca');
  });
});
