/**
 * Working days and working hours of Vietnamese state agencies, in Asia/Ho_Chi_Minh: Monday–Friday,
 * 08:00–17:00, less holidays and configured days off, plus configured working Saturdays.
 */
import { type CalendarConfig, DEFAULT_CALENDAR_CONFIG } from './config.ts';
import { fromDayNumber, isWeekend, toDayNumber, yearOf } from './dates.ts';
import { parseIso, ZONE } from './hanoi-time.ts';
import { yearCalendar } from './holidays.ts';

export const CALENDAR_ZONE = ZONE;
export const WORKDAY_START = '08:00';
export const WORKDAY_END = '17:00';

/** No run of days off is this long (Tết with its weekends is 9 at most): a longer one is a config mistake. */
const MAX_DAYS_OFF_IN_A_ROW = 31;

const isWorkingDayNumber = (day: number, config: CalendarConfig): boolean => {
  const calendar = yearCalendar(yearOf(day), config);
  if (calendar.workingDays.has(day)) return true;
  return !calendar.daysOff.has(day) && !isWeekend(day);
};

const nextWorkingDayNumber = (day: number, config: CalendarConfig): number => {
  for (let next = day + 1; next <= day + MAX_DAYS_OFF_IN_A_ROW; next++) {
    if (isWorkingDayNumber(next, config)) return next;
  }
  throw new RangeError(`No working day within ${MAX_DAYS_OFF_IN_A_ROW} days after ${fromDayNumber(day)}`);
};

/** Whether a `YYYY-MM-DD` date is a working day. */
export const isWorkingDay = (date: string, config: CalendarConfig = DEFAULT_CALENDAR_CONFIG): boolean =>
  isWorkingDayNumber(toDayNumber(date), config);

/** The first working day strictly after a `YYYY-MM-DD` date. */
export const nextWorkingDay = (date: string, config: CalendarConfig = DEFAULT_CALENDAR_CONFIG): string =>
  fromDayNumber(nextWorkingDayNumber(toDayNumber(date), config));

type Clock = { hour: number; minute: number };

const parseClock = (clock: string): Clock => {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(clock);
  if (!match) throw new RangeError(`Not a time of day (HH:mm): ${JSON.stringify(clock)}`);
  return { hour: Number(match[1]), minute: Number(match[2]) };
};

/** An ISO instant; one without an offset is read as Hà Nội time. */
const parseInstant = (instant: string): number => {
  const parsed = parseIso(instant, 'hanoi');
  if (parsed === undefined) throw new RangeError(`Not an ISO 8601 instant: ${JSON.stringify(instant)}`);
  return parsed;
};

/** Hà Nội is UTC+07:00 all year: its day number is the UTC one of the instant seven hours later. */
const OFFSET_MS = 7 * 3_600_000;
const DAY_MS = 86_400_000;

const localDay = (local: number): number => Math.floor((local + OFFSET_MS) / DAY_MS);

const at = (day: number, clock: Clock): number => day * DAY_MS + (clock.hour * 60 + clock.minute) * 60_000 - OFFSET_MS;

const toInstant = (local: number): string => new Date(local).toISOString();

export type AddWorkingDaysOptions = {
  config?: CalendarConfig;
  /** Local time of day of the result, `HH:mm`; default 17:00, the end of the working day. */
  endOfDay?: string;
};

/**
 * A deadline of `days` working days from `start` (an ISO instant): the local date of `start` is day 0,
 * counting starts with the next working day, and the result is the last counted day at `endOfDay` local time,
 * as a UTC ISO instant. `days = 0` gives the start date itself if it is a working day, else the next one.
 * E.g. 5 working days from Thursday 19/01/2023 (Tết 20–26/01) is 17:00 on Thursday 02/02/2023.
 */
export const addWorkingDays = (start: string, days: number, options: AddWorkingDaysOptions = {}): string => {
  if (!Number.isInteger(days) || days < 0) throw new RangeError(`Working days must be a whole number ≥ 0, not ${days}`);
  const config = options.config ?? DEFAULT_CALENDAR_CONFIG;
  const clock = parseClock(options.endOfDay ?? WORKDAY_END);
  let day = localDay(parseInstant(start));
  if (days === 0) {
    if (!isWorkingDayNumber(day, config)) day = nextWorkingDayNumber(day, config);
  } else {
    for (let counted = 0; counted < days; counted++) day = nextWorkingDayNumber(day, config);
  }
  return toInstant(at(day, clock));
};

/**
 * The end (17:00 local) of the working day an instant falls in: that day's if it is a working day and the
 * instant is before 17:00, else the next working day's. For "acknowledge receipt the same working day".
 */
export const endOfWorkingDay = (instant: string, config: CalendarConfig = DEFAULT_CALENDAR_CONFIG): string => {
  const local = parseInstant(instant);
  const end = parseClock(WORKDAY_END);
  const day = localDay(local);
  if (isWorkingDayNumber(day, config) && local < at(day, end)) return toInstant(at(day, end));
  return toInstant(at(nextWorkingDayNumber(day, config), end));
};

/**
 * When a message may go out: the instant itself if it falls within working hours (08:00–17:00 local, both
 * included: a reminder a day before a 17:00 deadline goes out at 17:00) of a
 * working day; else `atTime` (default 08:00) on that working day if it is still early morning, or on the next
 * working day. So reminders never go out at night, on weekends or on holidays.
 */
export const nextWorkingMorning = (
  instant: string,
  config: CalendarConfig = DEFAULT_CALENDAR_CONFIG,
  atTime: string = WORKDAY_START,
): string => {
  const local = parseInstant(instant);
  const morning = parseClock(atTime);
  const day = localDay(local);
  if (isWorkingDayNumber(day, config)) {
    if (local >= at(day, parseClock(WORKDAY_START)) && local <= at(day, parseClock(WORKDAY_END)))
      return toInstant(local);
    if (local < at(day, morning)) return toInstant(at(day, morning));
  }
  return toInstant(at(nextWorkingDayNumber(day, config), morning));
};

const WORKING_TIME = /^PT(?=\d)(?:(\d+)H)?(?:(\d+)M)?$/;

/** A duration of hours and minutes only ("PT8H", "PT1H30M"): such a window counts working time. */
export const isWorkingTimeDuration = (duration: string): boolean => WORKING_TIME.test(duration);

/**
 * `start` plus a number of working hours: time runs only from 08:00 to 17:00 on working days, so 8 working
 * hours from Friday 16:00 end on Monday 15:00, never on a Saturday afternoon.
 */
export const plusWorkingTime = (
  start: string,
  duration: string,
  config: CalendarConfig = DEFAULT_CALENDAR_CONFIG,
): string => {
  const match = WORKING_TIME.exec(duration);
  if (!match) throw new RangeError(`Not a duration in hours and minutes: ${JSON.stringify(duration)}`);
  let left = (Number(match[1] ?? 0) * 60 + Number(match[2] ?? 0)) * 60_000;
  const open = parseClock(WORKDAY_START);
  const close = parseClock(WORKDAY_END);
  let cursor = parseInstant(nextWorkingMorning(start, config));
  for (;;) {
    const day = localDay(cursor);
    const available = at(day, close) - cursor;
    if (left <= available) return toInstant(cursor + left);
    left -= available;
    cursor = at(nextWorkingDayNumber(day, config), open);
  }
};
