/**
 * Hà Nội time without a time zone database. Asia/Ho_Chi_Minh has been UTC+07:00 since 1975 with no daylight
 * saving, so a wall clock there is the UTC clock moved by seven hours: every function here does its arithmetic on
 * `Date.UTC` fields shifted by that offset, which is what luxon did with the zone's rules, at a fraction of its
 * size and import time (luxon was in every function that touches a date).
 *
 * Instants are epoch milliseconds; an invalid input gives `undefined`, which callers turn into the fallback
 * they always had (luxon's `null` ISO or "Invalid DateTime").
 */

export const ZONE = 'Asia/Ho_Chi_Minh';
const OFFSET_MS = 7 * 3_600_000;
const DAY_MS = 86_400_000;

/** What luxon's `toFormat` printed for an invalid date: kept so that no output changes for bad input. */
export const INVALID = 'Invalid DateTime';

export type Wall = {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  /** 1 = Monday … 7 = Sunday (ISO). */
  weekday: number;
};

/** The Hà Nội wall clock of an instant. */
export const wallOf = (ms: number): Wall => {
  const d = new Date(ms + OFFSET_MS);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    millisecond: d.getUTCMilliseconds(),
    weekday: d.getUTCDay() || 7,
  };
};

/** The instant of a Hà Nội wall time; fields out of range roll over as `Date.UTC` does (day 32 is next month's 1). */
export const fromWall = (year: number, month: number, day: number, hour = 0, minute = 0, second = 0, ms = 0) =>
  Date.UTC(year, month - 1, day, hour, minute, second, ms) - OFFSET_MS;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** ISO 8601 as luxon read it (extended date, the time in extended or basic form, an optional offset). */
const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2})(?::?(\d{2})(?::?(\d{2})(?:[.,](\d{1,30}))?)?)?(?:([Zz])|([+-]\d\d)(?::?(\d\d))?)?)?$/;

/** Days in a month; a month past December (or before January) rolls into the next (or previous) year. */
const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/**
 * An ISO instant or date as epoch milliseconds. One without an offset is read in Hà Nội (`naive: 'hanoi'`) or in
 * the machine's zone (`'system'`, luxon's default: UTC on Lambda). A date alone is its midnight.
 */
export const parseIso = (iso: string, naive: 'hanoi' | 'system' = 'system'): number | undefined => {
  const m = ISO.exec(iso);
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const hour = Number(m[4] ?? 0);
  const minute = Number(m[5] ?? 0);
  const second = Number(m[6] ?? 0);
  const millisecond = m[7] === undefined ? 0 : Math.floor(Number.parseFloat(`0.${m[7]}`) * 1000);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  const endOfDay = hour === 24 && minute === 0 && second === 0 && millisecond === 0;
  if ((hour > 23 && !endOfDay) || minute > 59 || second > 59) return undefined;
  const utc = Date.UTC(year, month - 1, day, hour, minute, second, millisecond);
  if (m[8]) return utc;
  if (m[9]) {
    const offsetMinutes = Number(m[9]) * 60 + Math.sign(Number(`${m[9]}1`)) * Number(m[10] ?? 0);
    return utc - offsetMinutes * 60_000;
  }
  if (naive === 'hanoi') return utc - OFFSET_MS;
  return new Date(year, month - 1, day, hour, minute, second, millisecond).getTime();
};

/** The Hà Nội date of an instant, YYYY-MM-DD. */
export const isoDate = (ms: number) => {
  const w = wallOf(ms);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`;
};

/** An instant as luxon's `toISO()` in Hà Nội: `2023-02-03T17:00:00.000+07:00`. */
export const isoLocal = (ms: number) => `${new Date(ms + OFFSET_MS).toISOString().slice(0, -1)}+07:00`;

/** dd/MM/yyyy in Hà Nội. */
export const ddmmyyyy = (ms: number) => {
  const w = wallOf(ms);
  return `${pad(w.day)}/${pad(w.month)}/${pad(w.year, 4)}`;
};

/** HH:mm in Hà Nội. */
export const hhmm = (ms: number) => {
  const w = wallOf(ms);
  return `${pad(w.hour)}:${pad(w.minute)}`;
};

/** A strict `YYYY-MM-DD` (a real day of the calendar) as its Hà Nội midnight. */
export const startOfDay = (ymd: string): number | undefined =>
  /^\d{4}-\d{2}-\d{2}$/.test(ymd) ? parseIso(ymd, 'hanoi') : undefined;

/** Hà Nội midnight of the day an instant falls on. */
export const startOfDayOf = (ms: number) => {
  const w = wallOf(ms);
  return fromWall(w.year, w.month, w.day);
};

/** `YYYY-MM-DD` plus whole days. */
export const addDaysToDate = (ymd: string, days: number) => {
  const start = startOfDay(ymd);
  return start === undefined ? undefined : isoDate(start + days * DAY_MS);
};

export type IsoDuration = {
  years?: number;
  months?: number;
  weeks?: number;
  days?: number;
  hours?: number;
  minutes?: number;
  seconds?: number;
  milliseconds?: number;
};

/** The ISO 8601 durations luxon accepted, with its quirks (signed parts, fractions, `P` alone). */
const DURATION =
  /^-?P(?:(?:(-?\d{1,20}(?:\.\d{1,20})?)Y)?(?:(-?\d{1,20}(?:\.\d{1,20})?)M)?(?:(-?\d{1,20}(?:\.\d{1,20})?)W)?(?:(-?\d{1,20}(?:\.\d{1,20})?)D)?(?:T(?:(-?\d{1,20}(?:\.\d{1,20})?)H)?(?:(-?\d{1,20}(?:\.\d{1,20})?)M)?(?:(-?\d{1,20})(?:[.,](-?\d{1,20}))?S)?)?)$/;

const UNITS = ['years', 'months', 'weeks', 'days', 'hours', 'minutes', 'seconds', 'milliseconds'] as const;

/** An ISO 8601 duration's parts as written (`P1DT2H` → `{days: 1, hours: 2}`), or undefined. */
export const parseDuration = (iso: string): IsoDuration | undefined => {
  const m = DURATION.exec(iso);
  if (!m) return undefined;
  const negative = iso[0] === '-';
  const negate = (n: number | undefined, force = false) => (n !== undefined && (force || (n && negative)) ? -n : n);
  const float = (s: string | undefined) => (s === undefined || s === '' ? undefined : Number.parseFloat(s));
  const millis = m[8] === undefined || m[8] === '' ? undefined : Math.floor(Number.parseFloat(`0.${m[8]}`) * 1000);
  const values = [
    negate(float(m[1])),
    negate(float(m[2])),
    negate(float(m[3])),
    negate(float(m[4])),
    negate(float(m[5])),
    negate(float(m[6])),
    negate(float(m[7]), m[7] === '-0'),
    negate(millis, m[7]?.[0] === '-'),
  ];
  const d: IsoDuration = {};
  UNITS.forEach((unit, i) => {
    const v = values[i];
    if (v !== undefined) d[unit] = v;
  });
  return d;
};

/** Milliseconds per unit, luxon's "casual" conversion: a year is 365 days, a month 30. */
const UNIT_MS = {
  years: 365 * DAY_MS,
  months: 30 * DAY_MS,
  weeks: 7 * DAY_MS,
  days: DAY_MS,
  hours: 3_600_000,
  minutes: 60_000,
  seconds: 1000,
  milliseconds: 1,
} as const;

/** A duration's length in milliseconds, a month counted as 30 days and a year as 365 (luxon's order of sums). */
export const durationMillis = (d: IsoDuration) =>
  UNITS.slice(0, -1)
    .reverse()
    .reduce((sum, unit) => (d[unit] ? sum + (d[unit] ?? 0) * UNIT_MS[unit] : sum), d.milliseconds ?? 0);

/**
 * An instant plus (sign 1) or minus (sign -1) a duration, in Hà Nội calendar terms: whole years, months, weeks
 * and days move the wall date (31/01 + P1M is 28/02 or 29/02), and the rest is added as elapsed time.
 */
export const plusDuration = (ms: number, d: IsoDuration, sign: 1 | -1 = 1): number => {
  const v = (unit: (typeof UNITS)[number]) => sign * (d[unit] || 0);
  const whole = (unit: (typeof UNITS)[number]) => Math.trunc(v(unit));
  const w = wallOf(ms);
  const year = w.year + whole('years');
  const month = w.month + whole('months');
  const day = Math.min(w.day, daysInMonth(year, month)) + whole('days') + whole('weeks') * 7;
  const calendar = fromWall(year, month, day, w.hour, w.minute, w.second, w.millisecond);
  // The remainder is summed and rounded the way luxon's Duration#as('milliseconds') does, so that even a
  // fractional duration ("PT1.5H") lands on the same millisecond.
  const parts: [number, number][] = [
    [v('years') - whole('years'), UNIT_MS.years],
    [v('months') - whole('months'), UNIT_MS.months],
    [v('weeks') - whole('weeks'), UNIT_MS.weeks],
    [v('days') - whole('days'), UNIT_MS.days],
    [v('hours'), UNIT_MS.hours],
    [v('minutes'), UNIT_MS.minutes],
    [v('seconds'), UNIT_MS.seconds],
  ];
  const own = parts.reduce((sum, [value, unit]) => sum + unit * value, 0) + v('milliseconds');
  const kept = Math.trunc(own);
  const rest = kept + (own * 1000 - kept * 1000) / 1000;
  return rest === 0 ? calendar : calendar + rest;
};

/** An instant as stored: UTC with milliseconds. */
export const toIso = (ms: number) => new Date(ms).toISOString();
