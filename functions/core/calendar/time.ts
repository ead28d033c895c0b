import { DateTime, Duration } from 'luxon';

export const ZONE = 'Asia/Ho_Chi_Minh';

export const isIsoDuration = (value: string) => Duration.fromISO(value).isValid;

const local = (iso: string | Date) =>
  (typeof iso === 'string' ? DateTime.fromISO(iso) : DateTime.fromJSDate(iso)).setZone(ZONE);

/** Adds an ISO 8601 duration to an instant, in local calendar terms (P1D is a calendar day in Hà Nội). */
export const plus = (iso: string, duration: string) =>
  local(iso).plus(Duration.fromISO(duration)).toUTC().toISO() ?? iso;

export const minus = (iso: string, duration: string) =>
  local(iso).minus(Duration.fromISO(duration)).toUTC().toISO() ?? iso;

/** dd/mm/yyyy in Asia/Ho_Chi_Minh. */
export const formatDate = (iso: string | Date) => local(iso).toFormat('dd/MM/yyyy');

/** HH:mm dd/mm/yyyy in Asia/Ho_Chi_Minh, the way a công văn writes a deadline ("17 giờ ngày …" is spelled out by callers). */
export const formatDateTime = (iso: string | Date) => local(iso).toFormat('HH:mm dd/MM/yyyy');

/** The issued-on date (YYYY-MM-DD) as dd/mm/yyyy. */
export const formatCalendarDate = (ymd: string) => DateTime.fromISO(ymd, { zone: ZONE }).toFormat('dd/MM/yyyy');

/**
 * "Gia Lai, ngày 30 tháng 01 năm 2021": the place and date line of Decree 30/2020, which pads days below 10
 * and the months January and February only ("ngày 05 tháng 7 năm 2023").
 */
export const decree30PlaceAndDate = (place: string | undefined, ymd: string) => {
  const d = DateTime.fromISO(ymd, { zone: ZONE });
  const month = d.month <= 2 ? d.toFormat('MM') : String(d.month);
  return `${place ? `${place}, ` : ''}ngày ${d.toFormat('dd')} tháng ${month} năm ${d.year}`;
};

/** A date someone picked as a deadline ("until 10/02") means 17:00, the end of that working day, in Hà Nội. */
export const endOfDayOn = (ymd: string) =>
  DateTime.fromISO(ymd, { zone: ZONE }).set({ hour: 17, minute: 0, second: 0, millisecond: 0 }).toUTC().toISO() ?? '';

export const toInstant = (date: Date) => date.toISOString();

export const secondsBetween = (fromIso: string, toIso: string) =>
  Math.ceil((Date.parse(toIso) - Date.parse(fromIso)) / 1000);

/** Whole local days from `from` to `to` (positive when `to` is later). */
export const daysBetween = (fromIso: string, toIso: string) =>
  Math.floor(local(toIso).startOf('day').diff(local(fromIso).startOf('day'), 'days').days);
