import { describe, expect, it } from 'vitest';
import type { StoredDirective } from '#core/directive.ts';
import { LIST_PAGE_SIZE, listParams, listQueryOf, selectDirectives } from '#core/directive-list.ts';

const directive = (
  number: string,
  subject: string,
  issuedOn: string,
  tally: Record<string, number>,
  extra: Partial<StoredDirective> = {},
) =>
  ({
    id: number,
    number,
    subject,
    issuedOn,
    createdAt: `${issuedOn}T02:00:00.000Z`,
    issuer: 'Sở Thông tin và Truyền thông tỉnh Gia Lai',
    addressees: ['Công an tỉnh', 'Ủy ban nhân dân thành phố Pleiku'],
    tally,
    recipientCount: 10,
    ...extra,
  }) as unknown as StoredDirective;

const LIST = [
  directive('126/STTTT-BCVT', 'V/v đảm bảo an toàn thông tin dịp Tết', '2026-01-20', { inProgressOnTime: 10 }),
  directive('9/STTTT-BCVT', 'V/v báo cáo tình hình chuyển đổi số', '2026-03-02', { inProgressOverdue: 3 }),
  directive('45/STTTT-VP', 'V/v rà soát thuê bao di động', '2026-02-11', { completedOnTime: 10 }),
  directive(
    '12/SNV',
    'V/v nghỉ Tết Nguyên đán',
    '2026-01-05',
    { inProgressOverdue: 7 },
    {
      issuer: 'Sở Nội vụ tỉnh Bình Định',
      addressees: ['Công an tỉnh Bình Định'],
    },
  ),
  directive('3/STTTT', 'V/v thu hồi', '2026-02-01', { cancelled: 10 }, { cancelledAt: '2026-02-02T00:00:00.000Z' }),
];
const numbers = (q: Record<string, string>) => selectDirectives(LIST, listQueryOf(q)).page.map((d) => d.number);

describe('the list of directives, narrowed on the server', () => {
  it('is newest first by default, and sorts by number (numerically), age or overdue agencies', () => {
    expect(numbers({})).toEqual(['9/STTTT-BCVT', '45/STTTT-VP', '3/STTTT', '126/STTTT-BCVT', '12/SNV']);
    expect(numbers({ sort: 'oldest' })[0]).toBe('12/SNV');
    expect(numbers({ sort: 'number' })).toEqual(['3/STTTT', '9/STTTT-BCVT', '12/SNV', '45/STTTT-VP', '126/STTTT-BCVT']);
    expect(numbers({ sort: 'overdue' }).slice(0, 2)).toEqual(['12/SNV', '9/STTTT-BCVT']);
  });

  it('finds by number, subject, issuer or addressee, with or without accents', () => {
    expect(numbers({ q: '126' })).toEqual(['126/STTTT-BCVT']);
    expect(numbers({ q: 'thue bao' })).toEqual(['45/STTTT-VP']);
    expect(numbers({ q: 'Chuyển đổi số' })).toEqual(['9/STTTT-BCVT']);
    expect(numbers({ q: 'binh dinh' })).toEqual(['12/SNV']);
    expect(numbers({ q: 'pleiku' })).toHaveLength(4);
    expect(numbers({ q: 'tet' })).toEqual(['126/STTTT-BCVT', '12/SNV']);
  });

  it('filters by state and issuing body; bad parameters are the defaults', () => {
    expect(numbers({ state: 'OVERDUE' })).toEqual(['9/STTTT-BCVT', '12/SNV']);
    expect(numbers({ state: 'CANCELLED' })).toEqual(['3/STTTT']);
    expect(numbers({ state: 'COMPLETED' })).toEqual(['45/STTTT-VP']);
    expect(numbers({ issuer: 'Sở Nội vụ tỉnh Bình Định' })).toEqual(['12/SNV']);
    expect(numbers({ state: 'nonsense', sort: '1; drop', page: 'x' })).toHaveLength(5);
    expect(listParams(listQueryOf({ q: 'tet', state: 'OPEN', page: '2' })).toString()).toBe('q=tet&state=OPEN&page=2');
  });

  it('pages fifty at a time', () => {
    const many = Array.from({ length: 120 }, (_, i) =>
      directive(`${i + 1}/STTTT`, 'V/v kiểm tra', `2026-01-${String((i % 28) + 1).padStart(2, '0')}`, {}),
    );
    const third = selectDirectives(many, listQueryOf({ page: '3', sort: 'number' }));
    expect(third.total).toBe(120);
    expect(third.page).toHaveLength(120 - 2 * LIST_PAGE_SIZE);
    expect(third.page[0]?.number).toBe('101/STTTT');
  });
});
