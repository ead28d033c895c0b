import { tol } from './text.ts';
import type { Recurrence } from './types.ts';

/**
 * Dates, deadlines and recurrences in Vietnamese, matched on folded keys (see text.ts). Vietnam keeps UTC+7 all
 * year, so a local time converts to an instant by subtracting seven hours.
 */

const pad = (n: number) => String(n).padStart(2, '0');

/** A valid calendar date as YYYY-MM-DD, or undefined. */
export const ymd = (year: number, month: number, day: number): string | undefined => {
  if (!Number.isInteger(year) || year < 1945 || year > 2100) return undefined;
  if (!Number.isInteger(month) || month < 1 || month > 12) return undefined;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (!Number.isInteger(day) || day < 1 || day > last) return undefined;
  return `${year}-${pad(month)}-${pad(day)}`;
};

/** The instant of a local time in Asia/Ho_Chi_Minh. */
export const hanoiInstant = (date: string, hour: number, minute: number): string => {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d, hour - 7, minute)).toISOString();
};

const num = (s: string | undefined) => (s === undefined ? undefined : Number.parseInt(s, 10));

/** "30 tháng 01 năm 2021" or "30/01/2021" forms; year optional. Groups: d, m, y | d, m, y. */
const DATE =
  '(?:(\\d{1,2})\\s*[/.-]\\s*(\\d{1,2})(?:\\s*[/.-]\\s*(\\d{4}))?|(\\d{1,2})\\s+thang\\s+(\\d{1,2})(?:\\s*(?:nam|,|/)\\s*(\\d{4}))?)';

export type DateParts = { day: number; month: number; year?: number };

const dateParts = (g: (string | undefined)[], at: number): DateParts | undefined => {
  const day = num(g[at] ?? g[at + 3]);
  const month = num(g[at + 1] ?? g[at + 4]);
  const year = num(g[at + 2] ?? g[at + 5]);
  if (day === undefined || month === undefined) return undefined;
  return year === undefined ? { day, month } : { day, month, year };
};

/** The header date line: "Gia Lai, ngày 30 tháng 01 năm 2021" (place optional; blank day allowed). */
const HEADER_DATE = tol(
  '^(?:(.{1,60}?),\\s*)?ngay\\s*(\\d{1,2})?\\s*(?:thang|[/.-])\\s*(\\d{1,2})\\s*(?:nam|[/.-])\\s*(\\d{4})',
);

export type HeaderDate = { place?: string; date?: string; day?: number; month: number; year: number; end: number };

export const matchHeaderDate = (key: string, raw: string): HeaderDate | undefined => {
  const m = HEADER_DATE.exec(key);
  if (!m) return undefined;
  // "ngày 15/3/2023, UBND tỉnh … ban hành …" opens a sentence; a header date line is spelled out or stands alone
  if (!/th[a_]ng/.test(m[0]) && key.slice(m[0].length).trim() !== '') return undefined;
  const place = m[1] === undefined ? undefined : raw.slice(0, m[1].length).trim();
  const day = num(m[2]);
  const month = num(m[3]) as number;
  const year = num(m[4]) as number;
  const date = day === undefined ? undefined : ymd(year, month, day);
  return {
    ...(place ? { place } : {}),
    ...(date ? { date } : {}),
    ...(day === undefined ? {} : { day }),
    month,
    year,
    end: m[0].length,
  };
};

/** Any date in running text; used for document references and "đến hết ngày …". */
const ANY_DATE = tol(`ngay\\s+${DATE}`, 'g');

export const datesIn = (key: string): { index: number; end: number; parts: DateParts }[] => {
  const out: { index: number; end: number; parts: DateParts }[] = [];
  for (const m of key.matchAll(ANY_DATE)) {
    const parts = dateParts([...m], 1);
    if (parts) out.push({ index: m.index, end: m.index + m[0].length, parts });
  }
  return out;
};

export const partsToYmd = (p: DateParts): string | undefined =>
  p.year === undefined ? undefined : ymd(p.year, p.month, p.day);

// ---------------------------------------------------------------------------------------------------------------
// Deadlines

const TIME = '(\\d{1,2})\\s*(?:gio|h|g)\\s*(?:(\\d{2})\\s*(?:phut)?)?\\s*(sang|trua|chieu|toi)?';
const TRIGGER =
  '(?:truoc|cham nhat(?:\\s+la)?(?:\\s+vao)?(?:\\s+truoc)?|muon nhat(?:\\s+la)?|han chot(?:\\s+la)?|khong qua|thoi han(?:\\s+(?:hoan thanh|bao cao|gui|nop))?\\s*(?:la|:)?(?:\\s+truoc)?)';
const DEADLINE = tol(`(?<![a-z_])${TRIGGER}\\s+(?:${TIME}\\s*,?\\s*)?(?:(?:vao|cua)\\s+)?ngay\\s+${DATE}`, 'g');

export type Deadline = {
  /** ISO instant (UTC, milliseconds). */
  instant: string;
  /** The words as written ("trước ngày 03/2/2021"). */
  phrase: string;
  /** The year was not written and was inferred. */
  yearInferred?: number;
};

export type DeadlineProblem = { phrase: string; reason: 'invalid' | 'no-year' };

const hourOf = (h: number, part: string | undefined) => ((part === 'chieu' || part === 'toi') && h < 12 ? h + 12 : h);

/** Deadlines in a passage; `issuedOn` supplies the year when the text leaves it out. */
export const deadlinesIn = (
  key: string,
  raw: string,
  issuedOn: string | undefined,
): { found: Deadline[]; problems: DeadlineProblem[] } => {
  const found: Deadline[] = [];
  const problems: DeadlineProblem[] = [];
  for (const m of key.matchAll(DEADLINE)) {
    const phrase = raw.slice(m.index, m.index + m[0].length);
    const hour = num(m[1]);
    const minute = num(m[2]) ?? 0;
    const parts = dateParts([...m], 4);
    if (!parts) continue;
    let year = parts.year;
    let yearInferred: number | undefined;
    if (year === undefined) {
      if (!issuedOn) {
        problems.push({ phrase, reason: 'no-year' });
        continue;
      }
      const [iy, im, id] = issuedOn.split('-').map(Number) as [number, number, number];
      year = parts.month < im || (parts.month === im && parts.day < id) ? iy + 1 : iy;
      yearInferred = year;
    }
    const date = ymd(year, parts.month, parts.day);
    const h = hour === undefined ? 17 : hourOf(hour, m[3]);
    if (!date || h > 23 || minute > 59) {
      problems.push({ phrase, reason: 'invalid' });
      continue;
    }
    found.push({ instant: hanoiInstant(date, h, minute), phrase, ...(yearInferred ? { yearInferred } : {}) });
  }
  return { found, problems };
};

// ---------------------------------------------------------------------------------------------------------------
// Working days and recurrence

const WORKING_DAYS = tol('(\\d{1,3})\\)?\\s*ngay lam viec');

export const workingDaysIn = (key: string): number | undefined => {
  const n = num(WORKING_DAYS.exec(key)?.[1]);
  return n !== undefined && n > 0 ? n : undefined;
};

const RECURRENCES: [RegExp, Recurrence['every']][] = [
  [tol('(?<![a-z_])(?:hang|moi)\\s+ngay(?![a-z_])'), 'P1D'],
  [tol('(?<![a-z_])(?:hang|moi)\\s+tuan(?![a-z_])'), 'P1W'],
  [tol('(?<![a-z_])(?:hang|moi)\\s+thang(?![a-z_])'), 'P1M'],
  [tol('(?<![a-z_])(?:hang|moi)\\s+quy(?![a-z_])'), 'P3M'],
];
const REPORTING = tol('bao cao|cap nhat|tong hop|thong ke|gui (?:ve|so lieu|ket qua|thong tin)|cung cap');
const WEEKDAY = tol('vao\\s+(?:cac\\s+)?(?:ngay\\s+)?(thu\\s+(hai|ba|tu|nam|sau|bay|[2-7])|chu nhat)');
const WEEKDAYS: Record<string, number> = { hai: 1, ba: 2, tu: 3, nam: 4, sau: 5, bay: 6 };
const DAY_OF_MONTH = tol('ngay\\s+(\\d{1,2})\\s+(?:hang|moi)\\s+thang');
const AT_TIME = tol(`truoc\\s+${TIME}(?!\\s*,?\\s*(?:\\d|(?:vao\\s+|cua\\s+)?ngay\\s+\\d))`);
const UNTIL = tol(`(?:den|toi)\\s+(?:het\\s+)?(?:ngay\\s+)?${DATE}`);

const weekdayOf = (m: RegExpExecArray): number | undefined => {
  if (m[1]?.startsWith('chu')) return 7;
  const w = m[2] ?? '';
  if (/^[2-7]$/.test(w)) return Number(w) - 1;
  for (const [name, n] of Object.entries(WEEKDAYS)) if (tol(`^${name}$`).test(w)) return n;
  return undefined;
};

/**
 * A periodic duty: "hằng ngày", "định kỳ hằng tuần vào thứ Sáu", "hằng tháng", with "đến hết ngày …" as its end.
 * Only a sentence that also asks for a report or an update counts ("nhu cầu hằng ngày" is not a duty).
 */
export const recurrenceIn = (key: string, issuedOn: string | undefined): Recurrence | undefined => {
  for (const sentence of key.split(/[.;](?=\s|$)/)) {
    for (const [re, every] of RECURRENCES) {
      if (!re.test(sentence) || !REPORTING.test(sentence)) continue;
      const r: Recurrence = { every };
      const at = AT_TIME.exec(sentence);
      if (at) {
        const h = hourOf(num(at[1]) ?? 17, at[3]);
        const min = num(at[2]) ?? 0;
        if (h <= 23 && min <= 59) r.at = `${pad(h)}:${pad(min)}`;
      }
      if (every === 'P1W') {
        const wd = WEEKDAY.exec(sentence);
        const weekday = wd ? weekdayOf(wd) : undefined;
        if (weekday) r.weekday = weekday;
      }
      if (every === 'P1M') {
        const dm = num(DAY_OF_MONTH.exec(sentence)?.[1]);
        if (dm !== undefined && dm >= 1 && dm <= 31) r.dayOfMonth = dm;
      }
      const until = UNTIL.exec(key);
      if (until) {
        const parts = dateParts([...until], 1);
        let year = parts?.year;
        if (parts && year === undefined && issuedOn) year = Number(issuedOn.slice(0, 4));
        const date = parts && year !== undefined ? ymd(year, parts.month, parts.day) : undefined;
        if (date) r.until = date;
      }
      return r;
    }
  }
  return undefined;
};

// ---------------------------------------------------------------------------------------------------------------
// The first period of a periodic report (the create schema wants it as the task's deadline)

const FROM = tol(`(?:tinh\\s+|bat dau\\s+)?tu\\s+ngay\\s+${DATE}`);

const addDays = (date: string, days: number) => {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
};

const isoWeekday = (date: string) => {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay() || 7;
};

/**
 * The deadline of the first period of a daily or weekly report: on the day the text starts it ("tính từ ngày
 * 10/7/2023"), else on the first day (or the first named weekday) after the day of issue; at the stated time,
 * else 17:00. Undefined for monthly and quarterly reports, or when there is no date to count from.
 */
export const firstPeriodOf = (
  recurrence: Recurrence,
  key: string,
  issuedOn: string | undefined,
): { instant: string; date: string } | undefined => {
  if (recurrence.every !== 'P1D' && recurrence.every !== 'P1W') return undefined;
  const from = FROM.exec(key);
  const parts = from ? dateParts([...from], 1) : undefined;
  const fromYear = parts?.year ?? (issuedOn ? Number(issuedOn.slice(0, 4)) : undefined);
  const explicit = parts && fromYear !== undefined ? ymd(fromYear, parts.month, parts.day) : undefined;
  const start = explicit ?? (issuedOn ? addDays(issuedOn, 1) : undefined);
  if (!start) return undefined;
  let date = start;
  if (recurrence.every === 'P1W') {
    if (recurrence.weekday) while (isoWeekday(date) !== recurrence.weekday) date = addDays(date, 1);
    else if (!explicit) date = addDays(start, 6);
  }
  const [h, m] = (recurrence.at ?? '17:00').split(':').map(Number) as [number, number];
  return { instant: hanoiInstant(date, h, m), date };
};
