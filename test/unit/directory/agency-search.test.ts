import { describe, expect, it } from 'vitest';
import type { Agency } from '#core/agency.ts';
import { DIRECTORY_PAGE_SIZE, directoryQueryOf, directoryQueryString, viewDirectory } from '#core/agency-search.ts';
import { searchKey, withoutDiacritics } from '#core/text.ts';

/** The directory's search: accent-insensitive, by name, id, email or phone; a group, a flag; sorted; paged. */

const agency = (id: string, name: string, more: Partial<Agency> = {}): Agency => ({
  id,
  name,
  email: `${id}@gialai.example`,
  groups: [],
  headName: undefined,
  ...more,
});

const DIRECTORY = [
  agency('ubnd-ha-noi', 'UBND phường Hà Nội', { groups: ['UBND cấp xã'] }),
  agency('so-yte', 'Sở Y tế', { groups: ['Sở, ban, ngành'], phone: '+84913421376', noSms: true }),
  agency('dien-luc', 'Điện lực Gia Lai', {
    groups: ['Doanh nghiệp', 'Điện, nước'],
    noZalo: true,
    phone: '+842693824567',
  }),
  agency('cong-an', 'Công an tỉnh', { groups: ['Sở, ban, ngành'], headName: 'Đại tá Trần Đức' }),
];

const ids = (query: Record<string, string>) => viewDirectory(DIRECTORY, directoryQueryOf(query)).rows.map((a) => a.id);

describe('accent folding', () => {
  it('drops marks and folds đ to d', () => {
    expect(withoutDiacritics('Điện lực Hà Nội')).toBe('Dien luc Ha Noi');
    expect(searchKey('  Sở  Y TẾ ')).toBe('so y te');
  });
});

describe('the directory search', () => {
  it('finds "ha noi" in "Hà Nội" and "dien" in "Điện", whatever the case or marks typed', () => {
    expect(ids({ q: 'ha noi' })).toEqual(['ubnd-ha-noi']);
    expect(ids({ q: 'HÀ NỘI' })).toEqual(['ubnd-ha-noi']);
    expect(ids({ q: 'dien luc' })).toEqual(['dien-luc']);
    expect(ids({ q: 'đại tá' })).toEqual(['cong-an']);
  });

  it('by id, email and phone as people type it', () => {
    expect(ids({ q: 'so-yte' })).toEqual(['so-yte']);
    expect(ids({ q: 'dien-luc@gialai' })).toEqual(['dien-luc']);
    expect(ids({ q: '0913 421 376' })).toEqual(['so-yte']);
    expect(ids({ q: '+84 269 3824' })).toEqual(['dien-luc']);
    expect(ids({ q: '3824567' })).toEqual(['dien-luc']);
  });

  it('by group (marks ignored) and by phone-notice flag', () => {
    expect(ids({ group: 'Sở, ban, ngành' })).toEqual(['cong-an', 'so-yte']);
    expect(ids({ group: 'dien, nuoc' })).toEqual(['dien-luc']);
    expect(ids({ flag: 'noSms' })).toEqual(['so-yte']);
    expect(ids({ flag: 'noZalo' })).toEqual(['dien-luc']);
    expect(ids({ flag: 'noPhone' })).toEqual(['cong-an', 'ubnd-ha-noi']);
  });

  it('sorts by name (Vietnamese order), id or group (agencies without one last)', () => {
    expect(ids({})).toEqual(['cong-an', 'dien-luc', 'so-yte', 'ubnd-ha-noi']);
    expect(ids({ sort: 'id' })).toEqual(['cong-an', 'dien-luc', 'so-yte', 'ubnd-ha-noi']);
    expect(ids({ sort: 'group' })).toEqual(['dien-luc', 'cong-an', 'so-yte', 'ubnd-ha-noi']);
    expect(viewDirectory(DIRECTORY, directoryQueryOf({})).groups).toEqual([
      'Doanh nghiệp',
      'Điện, nước',
      'Sở, ban, ngành',
      'UBND cấp xã',
    ]);
  });

  it('pages of 50 with their positions; a page past the end shows the last one', () => {
    const many = Array.from({ length: 120 }, (_, i) => agency(`xa-${String(i).padStart(3, '0')}`, `Xã ${i}`));
    const second = viewDirectory(many, directoryQueryOf({ sort: 'id', page: '2' }));
    expect([second.from, second.to, second.total, second.pages]).toEqual([51, 100, 120, 3]);
    expect(second.rows[0]?.id).toBe('xa-050');
    expect(second.rows).toHaveLength(DIRECTORY_PAGE_SIZE);
    const past = viewDirectory(many, directoryQueryOf({ page: '9' }));
    expect([past.page, past.from, past.to]).toEqual([3, 101, 120]);
  });

  it('holds 5,000 agencies: a hundred pages, the last one ends at 5,000, a search narrows them', () => {
    const province = Array.from({ length: 5_000 }, (_, i) =>
      agency(`dv-${i}`, `${i % 2 ? 'UBND xã' : 'Trường'} Đắk Đoa ${i}`, {
        groups: [i % 3 ? 'UBND cấp xã' : 'Trường học'],
      }),
    );
    const last = viewDirectory(province, directoryQueryOf({ page: '100' }));
    expect([last.page, last.pages, last.from, last.to, last.rows.length]).toEqual([100, 100, 4951, 5000, 50]);
    const found = viewDirectory(province, directoryQueryOf({ q: 'truong dak doa', group: 'ubnd cap xa' }));
    expect(found.total).toBe(province.filter((_, i) => i % 2 === 0 && i % 3 !== 0).length);
  });

  it('lands on the page of an agency just saved', () => {
    const many = Array.from({ length: 120 }, (_, i) => agency(`xa-${String(i).padStart(3, '0')}`, `Xã ${i}`));
    const view = viewDirectory(many, directoryQueryOf({ sort: 'id' }), 'xa-110');
    expect(view.page).toBe(3);
    expect(view.rows.some((a) => a.id === 'xa-110')).toBe(true);
  });

  it('a bookmark with odd values falls back to the defaults instead of failing', () => {
    expect(directoryQueryOf({ sort: 'nonsense', page: '-3', flag: 'x', q: 'a'.repeat(500) })).toEqual({
      q: undefined,
      group: undefined,
      flag: undefined,
      sort: 'name',
      page: 1,
    });
  });

  it('a query string round-trips, defaults left out', () => {
    const query = directoryQueryOf({ q: 'hà nội', group: 'UBND cấp xã', flag: 'noSms', sort: 'group', page: '2' });
    expect(directoryQueryOf(Object.fromEntries(new URLSearchParams(directoryQueryString(query))))).toEqual(query);
    expect(directoryQueryString(directoryQueryOf({}))).toBe('');
  });
});
