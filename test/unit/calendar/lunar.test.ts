import { describe, expect, it } from 'vitest';
import { formatLunar, lunarNewYear, lunarToSolar, solarToLunar } from '#core/calendar/index.ts';

/** The Vietnamese lunar calendar (UTC+7), not the Chinese one (UTC+8). */

describe('lunar calendar', () => {
  it('gives the Vietnamese lunar New Year, including the years where the Chinese calendar differs', () => {
    expect(lunarNewYear(2021)).toBe('2021-02-12');
    expect(lunarNewYear(2023)).toBe('2023-01-22');
    expect(lunarNewYear(2024)).toBe('2024-02-10');
    expect(lunarNewYear(2025)).toBe('2025-01-29');
    expect(lunarNewYear(2026)).toBe('2026-02-17');
    // Vietnamese Tết a day or a month before the Chinese New Year (2030-02-03, 2007-02-18, 1985-02-20).
    expect(lunarNewYear(2030)).toBe('2030-02-02');
    expect(lunarNewYear(2007)).toBe('2007-02-17');
    expect(lunarNewYear(1985)).toBe('1985-01-21');
  });

  it('converts both ways and knows leap months', () => {
    expect(lunarToSolar(10, 3, 2021)).toBe('2021-04-21');
    expect(lunarToSolar(10, 3, 2023)).toBe('2023-04-29');
    expect(solarToLunar('2023-01-21')).toEqual({ day: 30, month: 12, year: 2022, leap: false });
    expect(solarToLunar('2025-01-28')).toEqual({ day: 29, month: 12, year: 2024, leap: false });
    // 2023 has a leap second month (tháng Hai nhuận) from 22/03: the third month and Hùng Kings' day come after it.
    expect(solarToLunar('2023-03-22')).toEqual({ day: 1, month: 2, year: 2023, leap: true });
    expect(solarToLunar('2023-04-20')).toEqual({ day: 1, month: 3, year: 2023, leap: false });
    // 2033 has a leap eleventh month; the following Tết still falls right.
    expect(solarToLunar('2033-12-22')).toMatchObject({ month: 11, leap: true });
    expect(lunarNewYear(2034)).toBe('2034-02-19');
    expect(formatLunar(solarToLunar('2023-03-22'))).toBe('mùng 1 tháng Hai nhuận');
  });

  it('refuses dates it cannot convert', () => {
    expect(() => lunarNewYear(2200)).toThrow(RangeError);
    expect(() => solarToLunar('2023-02-30')).toThrow(RangeError);
    expect(() => lunarToSolar(31, 1, 2023)).toThrow(RangeError);
  });
});
