/**
 * Public holidays of Vietnamese public administration (Labour Code 2019, art. 111–112; Decision 188/1999/QĐ-TTg
 * for the Saturday–Sunday week of state agencies):
 * - Tết Dương lịch, 1/1;
 * - Tết Âm lịch, 5 days: as the Prime Minister has set them every year since 2014, the last day of the lunar
 *   year (29 or 30 tháng Chạp) and mùng 1–4 tháng Giêng;
 * - Giỗ Tổ Hùng Vương, 10/3 lunar;
 * - Ngày Chiến thắng, 30/4; Ngày Quốc tế Lao động, 1/5;
 * - Quốc khánh, 2/9 and the day before or after it (from 2021).
 * A holiday on a Saturday or Sunday gives the next working day off (nghỉ bù, art. 111.3). For Tết the yearly
 * decisions place the make-up day of a Tết Saturday on the working day *before* Tết (29 Tết) and that of a Tết
 * Sunday after it (mùng 5), e.g. 2021: 10–16/02, 2023: 20–26/01, 2024: 08–14/02; this module does the same.
 * Day swaps and other decisions come from a `CalendarConfig`.
 */
import { type CalendarConfig, DEFAULT_CALENDAR_CONFIG } from './config.ts';
import { dayNumberOf, fromDayNumber, isWeekend, toDayNumber, weekdayOf, yearOf } from './dates.ts';
import { formatLunar, LUNAR_MAX_YEAR, lunarNewYear, lunarToSolar, solarToLunar } from './lunar.ts';

/** The rules above hold from 2014 (Labour Code 2012 gave Tết 5 days from 2013; the Tết make-up pattern dates from 2014). */
export const CALENDAR_MIN_YEAR = 2014;
export const CALENDAR_MAX_YEAR = LUNAR_MAX_YEAR;

export type HolidayKind = 'statutory' | 'compensatory' | 'decided';

export type Holiday = {
  /** `YYYY-MM-DD`. */
  date: string;
  /** Vietnamese name. */
  name: string;
  nameEn: string;
  /** The law's day, a make-up day for one on a weekend (nghỉ bù), or a day off from the config. */
  kind: HolidayKind;
};

type Occasion = { vi: string; en: string };

const NEW_YEAR: Occasion = { vi: 'Tết Dương lịch', en: "New Year's Day" };
const TET: Occasion = { vi: 'Tết Nguyên đán', en: 'Lunar New Year (Tết)' };
const HUNG_KINGS: Occasion = { vi: 'Giỗ Tổ Hùng Vương', en: "Hùng Kings' Commemoration Day" };
const VICTORY: Occasion = { vi: 'Ngày Chiến thắng', en: 'Reunification Day' };
const LABOUR: Occasion = { vi: 'Ngày Quốc tế Lao động', en: 'International Labour Day' };
const NATIONAL: Occasion = { vi: 'Quốc khánh', en: 'National Day' };

type Statutory = { day: number; occasion: Occasion; detail: Occasion };

const checkYear = (year: number) => {
  if (!Number.isInteger(year) || year < CALENDAR_MIN_YEAR || year > CALENDAR_MAX_YEAR) {
    throw new RangeError(`The working-day calendar covers ${CALENDAR_MIN_YEAR}–${CALENDAR_MAX_YEAR}, not ${year}`);
  }
};

/**
 * The second day of Quốc khánh, when no decision is configured: the side of 2/9 that joins it to the weekend
 * (Thu → Fri 3/9, Fri/Sat → 1/9, Sun/Mon → 3/9, Tue → Mon 1/9). This reproduces 2021–2025. For a Wednesday
 * neither side bridges; the rule takes Tuesday 1/9 as python-holidays does, an estimate to confirm by config.
 */
const nationalDaySide = (september2: number): 'before' | 'after' => {
  const weekday = weekdayOf(september2);
  return weekday === 0 || weekday === 1 || weekday === 4 ? 'after' : 'before';
};

const statutoryDays = (year: number, config: CalendarConfig): Statutory[] => {
  const days: Statutory[] = [];
  const add = (day: number, occasion: Occasion, detail: Occasion) => {
    days.push({ day, occasion, detail });
  };
  add(dayNumberOf(year, 1, 1), NEW_YEAR, { vi: '1/1', en: '1 January' });

  const newYear = toDayNumber(lunarNewYear(year));
  for (let offset = -1; offset <= 3; offset++) {
    const lunar = formatLunar(solarToLunar(fromDayNumber(newYear + offset)));
    add(newYear + offset, TET, { vi: lunar, en: offset < 0 ? "Lunar New Year's Eve" : `day ${offset + 1}` });
  }

  add(toDayNumber(lunarToSolar(10, 3, year)), HUNG_KINGS, {
    vi: '10/3 âm lịch',
    en: '10th day of the 3rd lunar month',
  });
  add(dayNumberOf(year, 4, 30), VICTORY, { vi: '30/4', en: '30 April' });
  add(dayNumberOf(year, 5, 1), LABOUR, { vi: '1/5', en: '1 May' });

  const september2 = dayNumberOf(year, 9, 2);
  add(september2, NATIONAL, { vi: '2/9', en: '2 September' });
  if (year >= 2021) {
    const side = config.nationalDaySecondDay?.[year] ?? nationalDaySide(september2);
    const second = side === 'before' ? september2 - 1 : september2 + 1;
    add(second, NATIONAL, {
      vi: side === 'before' ? '1/9' : '3/9',
      en: `${side === 'before' ? '1' : '3'} September`,
    });
  }
  return days.sort((a, b) => a.day - b.day);
};

type ConfigIndex = { daysOff: Map<number, Set<number>>; workingDays: Map<number, Set<number>> };

const indexOf = (config: CalendarConfig): ConfigIndex => {
  const group = (entries: Record<number, string[]>, what: string) => {
    const byYear = new Map<number, Set<number>>();
    for (const [key, dates] of Object.entries(entries)) {
      if (!Array.isArray(dates)) throw new TypeError(`Calendar config ${what}[${key}] must be a list of dates`);
      for (const date of dates) {
        const day = toDayNumber(date);
        const year = yearOf(day);
        byYear.set(year, (byYear.get(year) ?? new Set()).add(day));
      }
    }
    return byYear;
  };
  const daysOff = group(config.extraDaysOff ?? {}, 'extraDaysOff');
  const workingDays = group(config.extraWorkingDays ?? {}, 'extraWorkingDays');
  for (const [year, days] of daysOff) {
    for (const day of days) {
      if (workingDays.get(year)?.has(day)) {
        throw new RangeError(`Calendar config lists ${fromDayNumber(day)} both as a day off and as a working day`);
      }
    }
  }
  return { daysOff, workingDays };
};

type YearCalendar = { holidays: Holiday[]; daysOff: Set<number>; workingDays: Set<number> };

/** Per config object and year. Configs are treated as immutable: build a new object to change one. */
const cache = new WeakMap<CalendarConfig, { index: ConfigIndex; years: Map<number, YearCalendar> }>();

const nearestOccasion = (day: number, statutory: Statutory[]): Occasion | undefined => {
  let best: Statutory | undefined;
  for (const s of statutory) {
    if (Math.abs(s.day - day) <= 7 && (!best || Math.abs(s.day - day) < Math.abs(best.day - day))) best = s;
  }
  return best?.occasion;
};

const buildYear = (year: number, config: CalendarConfig, index: ConfigIndex): YearCalendar => {
  const decidedOff = index.daysOff.get(year) ?? new Set<number>();
  const workingDays = index.workingDays.get(year) ?? new Set<number>();
  const statutory = statutoryDays(year, config);

  const byDay = new Map<number, Holiday>();
  const put = (day: number, name: string, nameEn: string, kind: HolidayKind) => {
    const existing = byDay.get(day);
    if (existing) {
      existing.name = `${existing.name}; ${name}`;
      existing.nameEn = `${existing.nameEn}; ${nameEn}`;
    } else {
      byDay.set(day, { date: fromDayNumber(day), name, nameEn, kind });
    }
  };
  for (const s of statutory)
    put(s.day, `${s.occasion.vi} (${s.detail.vi})`, `${s.occasion.en} (${s.detail.en})`, 'statutory');

  // Nghỉ bù: a make-up day on a weekday that is neither off already nor set aside by the config.
  const taken = (day: number) => byDay.has(day) || decidedOff.has(day) || workingDays.has(day) || isWeekend(day);
  for (const s of statutory) {
    if (!isWeekend(s.day)) continue;
    const step = s.occasion === TET && weekdayOf(s.day) === 6 ? -1 : 1;
    let day = s.day + step;
    while (taken(day)) day += step;
    const lunar = s.occasion === TET ? ` (${formatLunar(solarToLunar(fromDayNumber(day)))})` : '';
    put(day, `Nghỉ bù ${s.occasion.vi}${lunar}`, `${s.occasion.en} (observed)`, 'compensatory');
  }

  for (const day of decidedOff) {
    if (byDay.has(day)) continue;
    const occasion = nearestOccasion(day, statutory);
    if (occasion) put(day, `Nghỉ hoán đổi dịp ${occasion.vi}`, `Day off swapped for ${occasion.en}`, 'decided');
    else put(day, 'Ngày nghỉ theo quyết định của Thủ tướng Chính phủ', 'Day off by government decision', 'decided');
  }

  for (const day of workingDays) byDay.delete(day);
  const holidays = [...byDay.entries()].sort(([a], [b]) => a - b).map(([, h]) => h);
  return { holidays, daysOff: new Set(byDay.keys()), workingDays };
};

export const yearCalendar = (year: number, config: CalendarConfig = DEFAULT_CALENDAR_CONFIG): YearCalendar => {
  checkYear(year);
  let entry = cache.get(config);
  if (!entry) {
    entry = { index: indexOf(config), years: new Map() };
    cache.set(config, entry);
  }
  let calendar = entry.years.get(year);
  if (!calendar) {
    calendar = buildYear(year, config, entry.index);
    entry.years.set(year, calendar);
  }
  return calendar;
};

/**
 * The days off of a year that come from holidays, in date order: the law's days (those on a weekend too),
 * their make-up days and the configured days off, minus configured working days. Names are Vietnamese.
 */
export const holidaysOf = (year: number, config: CalendarConfig = DEFAULT_CALENDAR_CONFIG): Holiday[] =>
  yearCalendar(year, config).holidays.map((h) => ({ ...h }));
