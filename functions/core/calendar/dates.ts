/**
 * Plain calendar dates (`YYYY-MM-DD`, no time, no zone) as whole day numbers since 1970-01-01, so that
 * "the next day" is `+ 1` and never depends on the machine's time zone.
 */

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of a `YYYY-MM-DD` date; throws on anything else (including 2023-02-30). */
export const toDayNumber = (date: string): number => {
  const match = ISO_DATE.exec(date);
  if (match) {
    const [, y, m, d] = match;
    const ms = Date.UTC(Number(y), Number(m) - 1, Number(d));
    if (new Date(ms).toISOString().slice(0, 10) === date) return ms / DAY_MS;
  }
  throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${JSON.stringify(date)}`);
};

export const fromDayNumber = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);

export const dayNumberOf = (year: number, month: number, day: number): number =>
  Date.UTC(year, month - 1, day) / DAY_MS;

/** 0 = Sunday … 6 = Saturday. */
export const weekdayOf = (day: number): number => new Date(day * DAY_MS).getUTCDay();

export const isWeekend = (day: number): boolean => {
  const weekday = weekdayOf(day);
  return weekday === 0 || weekday === 6;
};

export const yearOf = (day: number): number => new Date(day * DAY_MS).getUTCFullYear();
