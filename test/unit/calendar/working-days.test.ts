import { describe, expect, it } from 'vitest';
import {
  addWorkingDays,
  type CalendarConfig,
  endOfWorkingDay,
  nextWorkingDay,
  nextWorkingMorning,
} from '#core/calendar/index.ts';

/** Instants are UTC; Hà Nội is UTC+7 all year (17:00 local = 10:00Z, 08:00 local = 01:00Z). */

describe('addWorkingDays', () => {
  it('5 working days issued on Thursday 19/01/2023 land after Tết: Thursday 02/02/2023 17:00', () => {
    // 19/01 is day 0; 20–26/01 are Tết; 27/01 is day 1, 30/01 day 2, 31/01 day 3, 01/02 day 4, 02/02 day 5.
    expect(addWorkingDays('2023-01-19T02:00:00.000Z', 5)).toBe('2023-02-02T10:00:00.000Z');
    // Day 0 is the local date: 00:30 on 19/01 in Hà Nội is still 18/01 in UTC.
    expect(addWorkingDays('2023-01-18T17:30:00.000Z', 5)).toBe('2023-02-02T10:00:00.000Z');
    expect(addWorkingDays('2023-01-19T09:00:00+07:00', 1)).toBe('2023-01-27T10:00:00.000Z');
  });

  it('the seeds: Gia Lai (Saturday 30/01/2021, "trước ngày 03/02") and Thanh Hóa (Friday 30/12/2022)', () => {
    // Issued on a Saturday: Monday 01/02 is day 1, Wednesday 03/02 day 3.
    expect(addWorkingDays('2021-01-30T03:00:00.000Z', 3)).toBe('2021-02-03T10:00:00.000Z');
    // Over the New Year weekend and its make-up Monday 02/01/2023: 03, 04, 05, 06, 09/01.
    expect(addWorkingDays('2022-12-30T03:00:00.000Z', 5)).toBe('2023-01-09T10:00:00.000Z');
    // Before Tết 2021: 5 working days from Monday 08/02 are 09/02, then 17, 18, 19, 22/02.
    expect(addWorkingDays('2021-02-08T03:00:00.000Z', 5)).toBe('2021-02-22T10:00:00.000Z');
  });

  it('takes an end-of-day time, zero days and a config', () => {
    expect(addWorkingDays('2023-01-19T02:00:00.000Z', 5, { endOfDay: '23:59' })).toBe('2023-02-02T16:59:00.000Z');
    expect(addWorkingDays('2023-01-19T02:00:00.000Z', 0)).toBe('2023-01-19T10:00:00.000Z');
    expect(addWorkingDays('2023-01-21T02:00:00.000Z', 0)).toBe('2023-01-27T10:00:00.000Z');
    const config: CalendarConfig = { extraDaysOff: { 2023: ['2023-01-27'] }, extraWorkingDays: {} };
    expect(addWorkingDays('2023-01-19T02:00:00.000Z', 1, { config })).toBe('2023-01-30T10:00:00.000Z');
  });

  it('rejects what it cannot count', () => {
    expect(() => addWorkingDays('2023-01-19T02:00:00.000Z', -1)).toThrow(RangeError);
    expect(() => addWorkingDays('2023-01-19T02:00:00.000Z', 1.5)).toThrow(RangeError);
    expect(() => addWorkingDays('yesterday', 1)).toThrow(RangeError);
    expect(() => addWorkingDays('2023-01-19T02:00:00.000Z', 1, { endOfDay: '5pm' })).toThrow(RangeError);
  });
});

describe('endOfWorkingDay', () => {
  it('is 17:00 the same day during a working day', () => {
    expect(endOfWorkingDay('2023-03-10T09:00:00.000Z')).toBe('2023-03-10T10:00:00.000Z'); // Friday 16:00
  });

  it('moves to the next working day after 17:00, on weekends and on holidays', () => {
    expect(endOfWorkingDay('2023-03-10T11:00:00.000Z')).toBe('2023-03-13T10:00:00.000Z'); // Friday 18:00 → Monday
    expect(endOfWorkingDay('2023-03-10T10:00:00.000Z')).toBe('2023-03-13T10:00:00.000Z'); // 17:00 sharp is over
    expect(endOfWorkingDay('2023-03-11T03:00:00.000Z')).toBe('2023-03-13T10:00:00.000Z'); // Saturday
    expect(endOfWorkingDay('2023-01-19T11:00:00.000Z')).toBe('2023-01-27T10:00:00.000Z'); // eve of Tết, 18:00
  });
});

describe('nextWorkingMorning', () => {
  it('leaves an instant within working hours alone', () => {
    expect(nextWorkingMorning('2023-03-13T02:30:00Z')).toBe('2023-03-13T02:30:00.000Z'); // Monday 09:30
  });

  it('moves nights, weekends and holidays to the next working morning', () => {
    expect(nextWorkingMorning('2023-03-11T15:00:00.000Z')).toBe('2023-03-13T01:00:00.000Z'); // Saturday 22:00
    expect(nextWorkingMorning('2023-03-12T23:00:00.000Z')).toBe('2023-03-13T01:00:00.000Z'); // Monday 06:00
    expect(nextWorkingMorning('2023-03-13T10:00:00.000Z')).toBe('2023-03-13T10:00:00.000Z'); // Monday 17:00 sharp
    expect(nextWorkingMorning('2023-03-13T10:01:00.000Z')).toBe('2023-03-14T01:00:00.000Z'); // Monday 17:01
    expect(nextWorkingMorning('2023-01-23T03:00:00.000Z')).toBe('2023-01-27T01:00:00.000Z'); // Tết
    expect(nextWorkingMorning('2023-03-11T15:00:00.000Z', undefined, '09:30')).toBe('2023-03-13T02:30:00.000Z');
  });
});

describe('nextWorkingDay', () => {
  it('skips weekends, holidays and make-up days', () => {
    expect(nextWorkingDay('2023-01-19')).toBe('2023-01-27');
    expect(nextWorkingDay('2022-12-30')).toBe('2023-01-03');
    expect(nextWorkingDay('2024-05-03')).toBe('2024-05-04'); // the Saturday worked back in 2024
  });

  it('gives up on a config that leaves no working day', () => {
    const days = Array.from({ length: 45 }, (_, i) => new Date(Date.UTC(2027, 5, 1 + i)).toISOString().slice(0, 10));
    const config: CalendarConfig = { extraDaysOff: { 2027: days }, extraWorkingDays: {} };
    expect(() => nextWorkingDay('2027-05-31', config)).toThrow(/No working day/);
  });
});
