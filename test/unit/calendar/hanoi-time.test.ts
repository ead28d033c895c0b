import { DateTime, Duration } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  addDaysToDate,
  ddmmyyyy,
  durationMillis,
  hhmm,
  isoDate,
  isoLocal,
  parseDuration,
  parseIso,
  plusDuration,
  startOfDay,
  wallOf,
} from '#core/calendar/hanoi-time.ts';
import {
  daysBetween,
  decree30PlaceAndDate,
  endOfDayOn,
  formatCalendarDate,
  formatDate,
  formatDateTime,
  isIsoDuration,
  minus,
  plus,
} from '#core/calendar/time.ts';

/** luxon stays a devDependency as the reference the module replaced: its answers are the ones to keep. */
const ZONE = 'Asia/Ho_Chi_Minh';
const luxonPlus = (iso: string, d: string) =>
  DateTime.fromISO(iso).setZone(ZONE).plus(Duration.fromISO(d)).toUTC().toISO();
const luxonMinus = (iso: string, d: string) =>
  DateTime.fromISO(iso).setZone(ZONE).minus(Duration.fromISO(d)).toUTC().toISO();

const INSTANTS = [
  '2021-01-30T10:00:00.000Z',
  '2024-02-28T16:59:59.999Z', // 23:59:59.999 in Hà Nội, the eve of a leap day
  '2024-02-28T17:00:00.000Z', // 00:00 on 29/02/2024 in Hà Nội, still the 28th in UTC
  '2023-01-31T10:00:00.000Z', // a month end
  '2023-12-31T17:00:00.000Z', // New Year's Day in Hà Nội, New Year's Eve in UTC
  '2023-03-31T16:30:00.000Z',
  '2025-08-31T23:15:00.000Z',
];

const DURATIONS = [
  'P1D',
  'P2D',
  'PT1H',
  'PT8H',
  'PT1H30M',
  'P1W',
  'P1M',
  'P1Y',
  'P1DT12H',
  'PT36H',
  'P1.5D',
  'PT1.25H',
  'PT90S',
  'PT1.5S',
  'P2W',
  'P-1DT25H',
  '-P1D',
  'P1Y2M3W4DT5H6M7.008S',
  'P',
];

describe('instants in Hà Nội (+07:00 all year)', () => {
  it('reads the calendar day across the UTC day boundary', () => {
    expect(isoDate(Date.parse('2024-02-28T16:59:59.999Z'))).toBe('2024-02-28');
    expect(isoDate(Date.parse('2024-02-28T17:00:00.000Z'))).toBe('2024-02-29');
    expect(isoDate(Date.parse('2023-12-31T17:00:00.000Z'))).toBe('2024-01-01');
    expect(wallOf(Date.parse('2023-12-31T17:00:00.000Z'))).toMatchObject({ year: 2024, month: 1, day: 1, weekday: 1 });
  });

  it('formats and parses as luxon did', () => {
    for (const iso of INSTANTS) {
      const l = DateTime.fromISO(iso).setZone(ZONE);
      expect(formatDate(iso)).toBe(l.toFormat('dd/MM/yyyy'));
      expect(formatDateTime(iso)).toBe(l.toFormat('HH:mm dd/MM/yyyy'));
      expect(`${hhmm(Date.parse(iso))} ${ddmmyyyy(Date.parse(iso))}`).toBe(l.toFormat('HH:mm dd/MM/yyyy'));
      expect(isoLocal(Date.parse(iso))).toBe(l.toISO());
      expect(daysBetween(INSTANTS[0] ?? '', iso)).toBe(
        Math.floor(
          l.startOf('day').diff(
            DateTime.fromISO(INSTANTS[0] ?? '')
              .setZone(ZONE)
              .startOf('day'),
            'days',
          ).days,
        ),
      );
    }
    expect(formatDate('not a date')).toBe('Invalid DateTime');
    expect(parseIso('2023-02-03T17:00', 'hanoi')).toBe(Date.parse('2023-02-03T10:00:00Z'));
    expect(parseIso('2023-02-03T1700', 'hanoi')).toBe(Date.parse('2023-02-03T10:00:00Z'));
    expect(parseIso('2023-02-03T17:00:00+07:00')).toBe(Date.parse('2023-02-03T10:00:00Z'));
    expect(parseIso('2023-02-03T17:00:00-0530')).toBe(Date.parse('2023-02-03T22:30:00Z'));
    expect(parseIso('2023-02-29')).toBeUndefined();
    expect(parseIso('2023-02-03T25:00')).toBeUndefined();
  });

  it('writes dates as a công văn does', () => {
    expect(formatCalendarDate('2024-02-29')).toBe('29/02/2024');
    expect(decree30PlaceAndDate('Gia Lai', '2021-01-30')).toBe('Gia Lai, ngày 30 tháng 01 năm 2021');
    expect(decree30PlaceAndDate(undefined, '2023-07-05')).toBe('ngày 05 tháng 7 năm 2023');
    expect(endOfDayOn('2024-02-29')).toBe('2024-02-29T10:00:00.000Z');
    expect(endOfDayOn('2024-02-30')).toBe('');
  });

  it('counts days over month ends and a leap day', () => {
    expect(startOfDay('2024-03-01')).toBe(Date.parse('2024-02-29T17:00:00Z'));
    expect(addDaysToDate('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDaysToDate('2023-02-28', 1)).toBe('2023-03-01');
    expect(addDaysToDate('2023-12-31', 1)).toBe('2024-01-01');
    expect(addDaysToDate('2024-03-01', -1)).toBe('2024-02-29');
  });
});

describe('ISO 8601 durations', () => {
  it('accepts what luxon accepted, and nothing else', () => {
    for (const d of [...DURATIONS, 'P1H', 'PT', '1D', 'P1D ', 'pt1h', 'P1,5D', 'PT1.5M', 'P1DT']) {
      expect(isIsoDuration(d), d).toBe(Duration.fromISO(d).isValid);
    }
  });

  it('measures a duration as luxon did (a month as 30 days, a year as 365)', () => {
    for (const d of DURATIONS) expect(durationMillis(parseDuration(d) ?? {}), d).toBe(Duration.fromISO(d).toMillis());
    expect(durationMillis(parseDuration('P1M') ?? {})).toBe(30 * 86_400_000);
  });

  it('adds and subtracts in Hà Nội calendar terms, to the millisecond luxon gave', () => {
    for (const iso of INSTANTS)
      for (const d of DURATIONS) {
        expect(plus(iso, d), `${iso} + ${d}`).toBe(luxonPlus(iso, d));
        expect(minus(iso, d), `${iso} - ${d}`).toBe(luxonMinus(iso, d));
      }
  });

  it('clamps a month onto a shorter month, and a leap day onto a common year', () => {
    expect(plus('2023-01-31T10:00:00.000Z', 'P1M')).toBe('2023-02-28T10:00:00.000Z');
    expect(plus('2024-01-31T10:00:00.000Z', 'P1M')).toBe('2024-02-29T10:00:00.000Z');
    expect(plus('2024-02-29T10:00:00.000Z', 'P1Y')).toBe('2025-02-28T10:00:00.000Z');
    // 00:30 on 01/03 in Hà Nội is 17:30 on 28/02 in UTC: the month is Hà Nội's.
    expect(minus('2023-02-28T17:30:00.000Z', 'P1M')).toBe('2023-01-31T17:30:00.000Z');
  });

  it('steps whole days on the wall clock', () => {
    const start = Date.parse('2024-02-28T10:00:00.000Z');
    expect(isoDate(plusDuration(start, { days: 1 }))).toBe('2024-02-29');
    expect(isoDate(plusDuration(start, { weeks: 1 }))).toBe('2024-03-06');
    expect(isoDate(plusDuration(start, { days: 1 }, -1))).toBe('2024-02-27');
  });
});
