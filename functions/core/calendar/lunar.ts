/**
 * The Vietnamese lunar calendar (âm lịch), through `@dqcai/vn-lunar`.
 *
 * That library ships Hồ Ngọc Đức's year tables (1200–2199), which were computed for the meridian of Việt Nam
 * (UTC+7 since 1968, the historical calendars before), so it gives the Vietnamese dates where the Chinese
 * calendar (UTC+8, e.g. `lunar-javascript`) differs: Tết 1985 (21/01 vs 20/02), Tết 2007 (17/02 vs 18/02),
 * Tết 2030 (02/02 vs 03/02). Its answers do not depend on the host's time zone (Lambda runs in UTC).
 * Out of range it returns zeros instead of throwing; the wrappers below throw.
 */
import { getLunarDate, getSolarDate } from '@dqcai/vn-lunar';
import { dayNumberOf, fromDayNumber, toDayNumber } from './dates.ts';

export const LUNAR_MIN_YEAR = 1200;
export const LUNAR_MAX_YEAR = 2199;

export type LunarDate = { day: number; month: number; year: number; leap: boolean };

/** The solar date (`YYYY-MM-DD`) of a lunar day in the regular (non-leap) lunar month. */
export const lunarToSolar = (day: number, month: number, lunarYear: number): string => {
  if (lunarYear < LUNAR_MIN_YEAR || lunarYear > LUNAR_MAX_YEAR || month < 1 || month > 12 || day < 1 || day > 30) {
    throw new RangeError(`Lunar date out of range: ${day}/${month}/${lunarYear}`);
  }
  const solar = getSolarDate(day, month, lunarYear, false);
  if (solar.year === 0) throw new RangeError(`Lunar date out of range: ${day}/${month}/${lunarYear}`);
  return fromDayNumber(dayNumberOf(solar.year, solar.month, solar.day));
};

/** The lunar date of a solar `YYYY-MM-DD` date. */
export const solarToLunar = (date: string): LunarDate => {
  toDayNumber(date);
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const lunar = getLunarDate(d, m, y);
  if (lunar.year === 0) throw new RangeError(`Date out of the lunar calendar's range: ${date}`);
  return { day: lunar.day, month: lunar.month, year: lunar.year, leap: lunar.leap };
};

/** Mùng 1 tháng Giêng (lunar New Year's Day) of a year, as `YYYY-MM-DD`. */
export const lunarNewYear = (year: number): string => lunarToSolar(1, 1, year);

const MONTH_NAMES = ['Giêng', 'Hai', 'Ba', 'Tư', 'Năm', 'Sáu', 'Bảy', 'Tám', 'Chín', 'Mười', 'Mười một', 'Chạp'];

/** "30 tháng Chạp", "mùng 1 tháng Giêng", "15 tháng Tám nhuận". */
export const formatLunar = ({ day, month, leap }: LunarDate): string =>
  `${day <= 10 ? `mùng ${day}` : day} tháng ${MONTH_NAMES[month - 1] ?? month}${leap ? ' nhuận' : ''}`;
