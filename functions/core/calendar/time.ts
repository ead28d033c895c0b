import {
  ddmmyyyy,
  hhmm,
  INVALID,
  isoDate,
  parseDuration,
  parseIso,
  plusDuration,
  startOfDayOf,
  toIso,
  wallOf,
} from './hanoi-time.ts';

export { ZONE } from './hanoi-time.ts';

export const isIsoDuration = (value: string) => parseDuration(value) !== undefined;

/** An instant (an ISO string, one without an offset read in the machine's zone, or a Date) as epoch ms. */
const local = (iso: string | Date) => (typeof iso === 'string' ? parseIso(iso) : iso.getTime());

const shifted = (iso: string, duration: string, sign: 1 | -1) => {
  const at = local(iso);
  const d = parseDuration(duration);
  return at === undefined || d === undefined || Number.isNaN(at) ? iso : toIso(plusDuration(at, d, sign));
};

/** Adds an ISO 8601 duration to an instant, in local calendar terms (P1D is a calendar day in Hà Nội). */
export const plus = (iso: string, duration: string) => shifted(iso, duration, 1);

export const minus = (iso: string, duration: string) => shifted(iso, duration, -1);

/** An instant formatted by `format` from its epoch ms; luxon's "Invalid DateTime" when it cannot be read. */
export const formatted = (iso: string | Date, format: (ms: number) => string) => {
  const at = local(iso);
  return at === undefined || Number.isNaN(at) ? INVALID : format(at);
};

/** dd/mm/yyyy in Asia/Ho_Chi_Minh. */
export const formatDate = (iso: string | Date) => formatted(iso, ddmmyyyy);

/** HH:mm dd/mm/yyyy in Asia/Ho_Chi_Minh, the way a công văn writes a deadline ("17 giờ ngày …" is spelled out by callers). */
export const formatDateTime = (iso: string | Date) => formatted(iso, (ms) => `${hhmm(ms)} ${ddmmyyyy(ms)}`);

/** "17 giờ 00 ngày 03/02/2021": a deadline in the words of a Vietnamese letter. */
export const formatHourWords = (iso: string) =>
  formatted(iso, (ms) => `${hhmm(ms).replace(':', ' giờ ')} ngày ${ddmmyyyy(ms)}`);

/** The issued-on date (YYYY-MM-DD) as dd/mm/yyyy. */
export const formatCalendarDate = (ymd: string) => {
  const at = parseIso(ymd, 'hanoi');
  return at === undefined ? INVALID : ddmmyyyy(at);
};

/**
 * "Gia Lai, ngày 30 tháng 01 năm 2021": the place and date line of Decree 30/2020, which pads days below 10
 * and the months January and February only ("ngày 05 tháng 7 năm 2023").
 */
export const decree30PlaceAndDate = (place: string | undefined, ymd: string) => {
  const at = parseIso(ymd, 'hanoi');
  const d = at === undefined ? undefined : wallOf(at);
  const two = (n: number | undefined) => (n === undefined ? INVALID : String(n).padStart(2, '0'));
  const month = d === undefined ? NaN : d.month <= 2 ? two(d.month) : String(d.month);
  return `${place ? `${place}, ` : ''}ngày ${two(d?.day)} tháng ${month} năm ${d?.year ?? NaN}`;
};

/** A date someone picked as a deadline ("until 10/02") means 17:00, the end of that working day, in Hà Nội. */
export const endOfDayOn = (ymd: string) => {
  const at = parseIso(ymd, 'hanoi');
  return at === undefined ? '' : toIso(startOfDayOf(at) + 17 * 3_600_000);
};

export const toInstant = (date: Date) => date.toISOString();

/**
 * Orders two instants by the moment they name, not by their spelling (`+07:00` and `Z` sort apart as text);
 * a missing one comes last.
 */
export const byInstant = (x: string | undefined, y: string | undefined) =>
  (x === undefined ? Number.POSITIVE_INFINITY : Date.parse(x)) -
    (y === undefined ? Number.POSITIVE_INFINITY : Date.parse(y)) || 0;

export const secondsBetween = (fromIso: string, toIso: string) =>
  Math.ceil((Date.parse(toIso) - Date.parse(fromIso)) / 1000);

/** Whole local days from `from` to `to` (positive when `to` is later). */
export const daysBetween = (fromIso: string, toIso: string) => {
  const from = local(fromIso);
  const to = local(toIso);
  if (from === undefined || to === undefined) return NaN;
  return Math.floor((startOfDayOf(to) - startOfDayOf(from)) / 86_400_000);
};

/** The Hà Nội date (YYYY-MM-DD) of an instant, or undefined when it cannot be read. */
export const localDateOf = (iso: string) => {
  const at = local(iso);
  return at === undefined ? undefined : isoDate(at);
};
