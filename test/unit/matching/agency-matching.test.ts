import { describe, expect, it } from 'vitest';
import type { Agency } from '#core/agency.ts';
import { fold, matchAgency } from '#core/agency-matching.ts';

/** A province's directory: departments, the armed forces, and the district committees grouped by tier. */
const a = (id: string, name: string, groups: string[] = []): Agency => ({
  id,
  name,
  email: `${id}@gialai.example`,
  groups,
  phone: undefined,
  headName: undefined,
});
const DISTRICTS = [
  a('ubnd-pleiku', 'UBND thành phố Pleiku', ['UBND cấp huyện']),
  a('ubnd-an-khe', 'UBND thị xã An Khê', ['UBND cấp huyện']),
  a('ubnd-chu-se', 'UBND huyện Chư Sê', ['UBND cấp huyện']),
];
const DIRECTORY: Agency[] = [
  a('cong-an', 'Công an tỉnh', ['Lực lượng vũ trang']),
  a('bchqs', 'Bộ Chỉ huy Quân sự tỉnh', ['Lực lượng vũ trang']),
  a('stttt', 'Sở Thông tin và Truyền thông', ['Sở, ban, ngành']),
  a('sgtvt', 'Sở Giao thông vận tải', ['Sở, ban, ngành']),
  a('syt', 'Sở Y tế', ['Sở, ban, ngành']),
  a('sct', 'Sở Công Thương', ['Sở, ban, ngành']),
  a('sgddt', 'Sở Giáo dục và Đào tạo', ['Sở, ban, ngành']),
  ...DISTRICTS,
  a('ubnd-xa-ia-blang', 'UBND xã Ia Blang', ['UBND cấp xã']),
];

const ids = (name: string, directory = DIRECTORY) => matchAgency(name, directory).ids;

describe('matching a name of a letter to the directory', () => {
  it('folds case, diacritics in composed or decomposed form, and đ', () => {
    expect(fold('Sở Giáo dục và Đào tạo')).toBe('so giao duc va dao tao');
    expect(fold('ĐÀO TẠO'.normalize('NFD'))).toBe('dao tao');
    expect(ids('CÔNG AN TỈNH')).toEqual(['cong-an']);
    expect(ids('Cong an tinh')).toEqual(['cong-an']);
    expect(ids('Sở Giáo dục và Đào tạo'.normalize('NFD'))).toEqual(['sgddt']);
    expect(matchAgency('Công an tỉnh', DIRECTORY).how).toBe('name');
  });

  it('reads abbreviations either way: Sở TT&TT, Sở GD&ĐT, BCHQS tỉnh, Sở GTVT', () => {
    expect(matchAgency('Sở TT&TT', DIRECTORY)).toEqual({ ids: ['stttt'], how: 'abbreviation' });
    expect(ids('Sở TTTT')).toEqual(['stttt']);
    expect(ids('Sở GD&ĐT')).toEqual(['sgddt']);
    expect(ids('Sở GDĐT')).toEqual(['sgddt']);
    expect(ids('BCHQS tỉnh')).toEqual(['bchqs']);
    expect(ids('Sở GTVT')).toEqual(['sgtvt']);
    // The directory may be the one that abbreviates.
    expect(ids('Sở Thông tin và Truyền thông', [a('x', 'Sở TT&TT')])).toEqual(['x']);
    // Lower-case letters are words, not initials: "Sở tt" is no department.
    expect(ids('Sở tt tt')).toEqual([]);
  });

  it('takes the directory name with the province after it when only one fits', () => {
    const directory = [a('ca', 'Công an tỉnh Gia Lai'), a('sy', 'Sở Y tế')];
    expect(ids('Công an tỉnh', directory)).toEqual(['ca']);
    expect(ids('Công an tỉnh', [...directory, a('ca2', 'Công an tỉnh Kon Tum')])).toEqual([]);
  });

  it('reads the district tier in the plural as the directory group of district committees, all its members', () => {
    for (const name of [
      'UBND các huyện, thị xã, thành phố',
      'Ủy ban nhân dân các huyện, thị xã, thành phố',
      'Uỷ ban nhân dân các huyện, thị xã và thành phố'.normalize('NFD'),
    ])
      expect(matchAgency(name, DIRECTORY), name).toEqual({
        ids: DISTRICTS.map((d) => d.id),
        how: 'group',
        group: 'UBND cấp huyện',
      });
    expect(matchAgency('UBND các xã, phường, thị trấn', DIRECTORY)).toMatchObject({
      ids: ['ubnd-xa-ia-blang'],
      group: 'UBND cấp xã',
    });
  });

  it('without such a group, takes the committees whose names say the tier', () => {
    const ungrouped = DIRECTORY.map((x) => ({ ...x, groups: [] }));
    expect(matchAgency('Ủy ban nhân dân các huyện, thị xã, thành phố', ungrouped)).toEqual({
      ids: DISTRICTS.map((d) => d.id),
      how: 'tier',
    });
  });

  it('prefers an agency of that very name: a directory may list the district committees as one address', () => {
    const one = [a('ubnd-huyen-tx-tp', 'Ủy ban nhân dân các huyện, thị xã, thành phố'), ...DISTRICTS];
    expect(matchAgency('UBND các huyện, thị xã, thành phố', one)).toEqual({
      ids: ['ubnd-huyen-tx-tp'],
      how: 'abbreviation',
    });
  });

  it('finds a group by its name', () => {
    expect(matchAgency('Lực lượng vũ trang', DIRECTORY)).toEqual({
      ids: ['cong-an', 'bchqs'],
      how: 'group',
      group: 'Lực lượng vũ trang',
    });
    expect(matchAgency('các Sở, ban, ngành', DIRECTORY)).toMatchObject({ how: 'group', group: 'Sở, ban, ngành' });
  });

  it('expands "các Sở: A, B, C" into three departments, and names the parts the directory lacks', () => {
    expect(matchAgency('các Sở: Giao thông vận tải, Y tế, Công thương', DIRECTORY)).toEqual({
      ids: ['sgtvt', 'syt', 'sct'],
      how: 'enumeration',
      unmatched: [],
    });
    expect(matchAgency('Các Sở Giao thông vận tải, Y tế và Tư pháp', DIRECTORY)).toEqual({
      ids: ['sgtvt', 'syt'],
      how: 'enumeration',
      unmatched: ['Sở Tư pháp'],
    });
  });

  it('matches nothing rather than guessing', () => {
    expect(matchAgency('Sở Tư pháp', DIRECTORY)).toEqual({ ids: [], how: 'none' });
    expect(matchAgency('', DIRECTORY)).toEqual({ ids: [], how: 'none' });
    expect(matchAgency('Các doanh nghiệp Bưu chính, Viễn thông trên địa bàn tỉnh', DIRECTORY).ids).toEqual([]);
    // Two departments abbreviate alike: neither is picked.
    expect(ids('Sở TT', [a('x', 'Sở Tài chính Tỉnh'), a('y', 'Sở Tư pháp Tỉnh')])).toEqual([]);
  });
});
