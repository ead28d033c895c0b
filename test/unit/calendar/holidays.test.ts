import { describe, expect, it } from 'vitest';
import { type CalendarConfig, holidaysOf, isWorkingDay, lunarNewYear, solarToLunar } from '#core/calendar/index.ts';

const NO_DECISIONS: CalendarConfig = { extraDaysOff: {}, extraWorkingDays: {} };

const dayOff = (dates: string[], config?: CalendarConfig) => dates.filter((d) => isWorkingDay(d, config));

const range = (from: string, to: string) => {
  const out: string[] = [];
  for (let t = Date.parse(from); t <= Date.parse(to); t += 86_400_000) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
};

describe('Tết', () => {
  it('2021 (seed of Gia Lai): off Wed 10/02 to Tue 16/02, working on 09/02 and 17/02', () => {
    expect(dayOff(range('2021-02-10', '2021-02-16'))).toEqual([]);
    expect(isWorkingDay('2021-02-09')).toBe(true);
    expect(isWorkingDay('2021-02-17')).toBe(true);
    // The law's 5 days are 30 Tết to mùng 4; 10/02 and 16/02 make up for the Saturday and Sunday among them.
    const tet = holidaysOf(2021).filter((h) => h.date >= '2021-02-01' && h.date <= '2021-02-28');
    expect(tet.map((h) => [h.date, h.kind])).toEqual([
      ['2021-02-10', 'compensatory'],
      ['2021-02-11', 'statutory'],
      ['2021-02-12', 'statutory'],
      ['2021-02-13', 'statutory'],
      ['2021-02-14', 'statutory'],
      ['2021-02-15', 'statutory'],
      ['2021-02-16', 'compensatory'],
    ]);
    expect(tet[1]?.name).toBe('Tết Nguyên đán (30 tháng Chạp)');
    expect(tet[2]?.name).toBe('Tết Nguyên đán (mùng 1 tháng Giêng)');
  });

  it('2023 (seed of Thanh Hóa): off Fri 20/01 to Thu 26/01, working on 19/01 and 27/01', () => {
    expect(dayOff(range('2023-01-20', '2023-01-26'))).toEqual([]);
    expect(isWorkingDay('2023-01-19')).toBe(true);
    expect(isWorkingDay('2023-01-27')).toBe(true);
    expect(holidaysOf(2023).find((h) => h.date === '2023-01-20')).toEqual({
      date: '2023-01-20',
      name: 'Nghỉ bù Tết Nguyên đán (29 tháng Chạp)',
      nameEn: 'Lunar New Year (Tết) (observed)',
      kind: 'compensatory',
    });
  });

  it('other years match the official schedules: 2020, 2022, 2024, 2025 and 2026', () => {
    const blocks: [string, string][] = [
      ['2020-01-23', '2020-01-29'],
      ['2022-01-29', '2022-02-06'],
      ['2024-02-08', '2024-02-14'],
      ['2025-01-25', '2025-02-02'],
      ['2026-02-14', '2026-02-22'],
    ];
    for (const [from, to] of blocks) {
      expect(dayOff(range(from, to)), `${from}…${to}`).toEqual([]);
      const before = new Date(Date.parse(from) - 86_400_000).toISOString().slice(0, 10);
      const after = new Date(Date.parse(to) + 86_400_000).toISOString().slice(0, 10);
      expect([isWorkingDay(before), isWorkingDay(after)], `${before}, ${after}`).toEqual([true, true]);
    }
  });

  it('2020–2030: a Tết of at least 5 days in late January or February, with 5 weekdays off', () => {
    for (let year = 2020; year <= 2030; year++) {
      const newYear = lunarNewYear(year);
      expect(newYear >= `${year}-01-21` && newYear <= `${year}-02-20`, newYear).toBe(true);
      const statutory = holidaysOf(year, NO_DECISIONS).filter(
        (h) => h.kind === 'statutory' && h.name.startsWith('Tết Ng'),
      );
      expect(statutory, String(year)).toHaveLength(5);
      // The run of days off around mùng 1.
      let first = Date.parse(newYear);
      let last = first;
      const off = (t: number) => !isWorkingDay(new Date(t).toISOString().slice(0, 10), NO_DECISIONS);
      while (off(first - 86_400_000)) first -= 86_400_000;
      while (off(last + 86_400_000)) last += 86_400_000;
      const block = range(new Date(first).toISOString().slice(0, 10), new Date(last).toISOString().slice(0, 10));
      expect(block.length, `${year}: ${block[0]}…${block.at(-1)}`).toBeGreaterThanOrEqual(5);
      const weekdays = block.filter((d) => ![0, 6].includes(new Date(d).getUTCDay()));
      expect(weekdays.length, String(year)).toBeGreaterThanOrEqual(5);
      expect(block[0]?.slice(5) ?? '', String(year)).toMatch(/^(01-(1[5-9]|2\d|3[01])|02-\d\d)$/);
      expect(block.at(-1)?.slice(5) ?? '', String(year)).toMatch(/^(01-(2\d|3[01])|02-\d\d)$/);
    }
  });

  it('starts on the last day of the lunar year whether the twelfth month has 29 or 30 days, leap years included', () => {
    for (let year = 2014; year <= 2199; year++) {
      const tet = holidaysOf(year, NO_DECISIONS).filter((h) => h.kind === 'statutory' && h.name.startsWith('Tết Ng'));
      const [eve, ...days] = tet.map((h) => solarToLunar(h.date));
      expect(eve?.month, String(year)).toBe(12);
      expect([29, 30], String(year)).toContain(eve?.day);
      expect(
        days.map((d) => [d.day, d.month, d.year]),
        String(year),
      ).toEqual([1, 2, 3, 4].map((d) => [d, 1, year]));
    }
  });
});

describe('Hùng Kings, 30/4 and 1/5', () => {
  it('2021: Giỗ Tổ on Wednesday 21/04; 30/04–01/05 with Monday 03/05 off for the Saturday', () => {
    expect(isWorkingDay('2021-04-21')).toBe(false);
    expect(isWorkingDay('2021-04-20')).toBe(true);
    expect(isWorkingDay('2021-04-22')).toBe(true);
    expect(holidaysOf(2021).find((h) => h.date === '2021-04-21')?.name).toBe('Giỗ Tổ Hùng Vương (10/3 âm lịch)');
    expect(dayOff(range('2021-04-30', '2021-05-03'))).toEqual([]);
    expect(isWorkingDay('2021-05-04')).toBe(true);
  });

  it('2023: Giỗ Tổ on Saturday 29/04 and 30/04 on Sunday give Tuesday 02/05 and Wednesday 03/05 off', () => {
    expect(dayOff(range('2023-04-29', '2023-05-03'))).toEqual([]);
    expect(isWorkingDay('2023-04-28')).toBe(true);
    expect(isWorkingDay('2023-05-04')).toBe(true);
    // No make-up Saturday that year: 06/05 is an ordinary weekend day.
    expect(isWorkingDay('2023-05-06')).toBe(false);
    expect(
      holidaysOf(2023)
        .filter((h) => h.date >= '2023-04-29' && h.date <= '2023-05-03')
        .map((h) => [h.date, h.name]),
    ).toEqual([
      ['2023-04-29', 'Giỗ Tổ Hùng Vương (10/3 âm lịch)'],
      ['2023-04-30', 'Ngày Chiến thắng (30/4)'],
      ['2023-05-01', 'Ngày Quốc tế Lao động (1/5)'],
      ['2023-05-02', 'Nghỉ bù Giỗ Tổ Hùng Vương'],
      ['2023-05-03', 'Nghỉ bù Ngày Chiến thắng'],
    ]);
  });

  it('2024 and 2025: the configured swaps of a weekday for a Saturday', () => {
    expect(dayOff(range('2024-04-27', '2024-05-01'))).toEqual([]);
    expect(isWorkingDay('2024-05-04')).toBe(true);
    expect(isWorkingDay('2024-04-29', NO_DECISIONS)).toBe(true);
    expect(isWorkingDay('2024-05-04', NO_DECISIONS)).toBe(false);
    expect(holidaysOf(2024).find((h) => h.date === '2024-04-29')).toMatchObject({
      kind: 'decided',
      name: 'Nghỉ hoán đổi dịp Ngày Chiến thắng',
    });
    expect(dayOff(range('2025-04-30', '2025-05-04'))).toEqual([]);
    expect(isWorkingDay('2025-04-26')).toBe(true);
  });
});

describe('weekend holidays and Quốc khánh', () => {
  it('a holiday on Sunday gives Monday off', () => {
    // Tết Dương lịch 2023 on a Sunday; Giỗ Tổ 2022 and 2026 on a Sunday.
    expect(isWorkingDay('2023-01-01')).toBe(false);
    expect(isWorkingDay('2023-01-02')).toBe(false);
    expect(isWorkingDay('2023-01-03')).toBe(true);
    expect(holidaysOf(2023).find((h) => h.date === '2023-01-02')?.name).toBe('Nghỉ bù Tết Dương lịch');
    expect(isWorkingDay('2022-04-11')).toBe(false);
    expect(isWorkingDay('2026-04-27')).toBe(false);
  });

  it('a holiday on Saturday gives the next working day off, after any holiday in between', () => {
    // 2022: 30/04 Saturday, 01/05 Sunday → Monday 02/05 and Tuesday 03/05.
    expect(dayOff(range('2022-04-30', '2022-05-03'))).toEqual([]);
    expect(isWorkingDay('2022-05-04')).toBe(true);
    // 2022: Tết Dương lịch on Saturday → Monday 03/01.
    expect(isWorkingDay('2022-01-03')).toBe(false);
  });

  it('Quốc khánh is 2/9 and the day that bridges to the weekend, 2021–2025 as decided', () => {
    const national = (year: number) =>
      holidaysOf(year)
        .filter((h) => h.date.startsWith(`${year}-09`))
        .map((h) => h.date.slice(5));
    expect(national(2021)).toEqual(['09-02', '09-03']);
    expect(national(2022)).toEqual(['09-01', '09-02']);
    expect(national(2023)).toEqual(['09-01', '09-02', '09-04']);
    expect(national(2024)).toEqual(['09-02', '09-03']);
    expect(national(2025)).toEqual(['09-01', '09-02']);
    // Before the Labour Code 2019 took effect, 2/9 alone.
    expect(holidaysOf(2020).filter((h) => h.date.startsWith('2020-09'))).toHaveLength(1);
    // A decision can put the second day on the other side.
    const after: CalendarConfig = { ...NO_DECISIONS, nationalDaySecondDay: { 2026: 'after' } };
    expect(isWorkingDay('2026-09-01', after)).toBe(true);
    expect(isWorkingDay('2026-09-03', after)).toBe(false);
  });
});

describe('configuration', () => {
  it('adds days off and working days of any year', () => {
    const config: CalendarConfig = {
      extraDaysOff: { 2027: ['2027-06-04'] },
      extraWorkingDays: { 2027: ['2027-06-12'] },
    };
    expect(isWorkingDay('2027-06-04', config)).toBe(false);
    expect(isWorkingDay('2027-06-12', config)).toBe(true);
    expect(holidaysOf(2027, config).find((h) => h.date === '2027-06-04')).toMatchObject({
      kind: 'decided',
      name: 'Ngày nghỉ theo quyết định của Thủ tướng Chính phủ',
    });
    // Defaults untouched.
    expect(isWorkingDay('2027-06-04')).toBe(true);
  });

  it('files a date under its own calendar year whatever the key (the 2019 New Year swap)', () => {
    expect(isWorkingDay('2018-12-31')).toBe(false);
    expect(isWorkingDay('2019-01-05')).toBe(true);
  });

  it('rejects contradictions, malformed dates and years it has no rules for', () => {
    const both: CalendarConfig = { extraDaysOff: { 2027: ['2027-06-04'] }, extraWorkingDays: { 2027: ['2027-06-04'] } };
    expect(() => isWorkingDay('2027-06-01', both)).toThrow(/both/);
    const malformed: CalendarConfig = { extraDaysOff: { 2027: ['04/06/2027'] }, extraWorkingDays: {} };
    expect(() => isWorkingDay('2027-06-01', malformed)).toThrow(RangeError);
    expect(() => isWorkingDay('2027-6-1')).toThrow(RangeError);
    expect(() => holidaysOf(2010)).toThrow(RangeError);
  });

  it('returns copies', () => {
    const first = holidaysOf(2023);
    if (first[0]) first[0].name = 'changed';
    expect(holidaysOf(2023)[0]?.name).toBe('Tết Dương lịch (1/1)');
  });
});
