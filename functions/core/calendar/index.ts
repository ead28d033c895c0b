/** The working-day calendar of Vietnamese public administration: holidays by law and lunar calendar, swaps by config. */
export { type CalendarConfig, DEFAULT_CALENDAR_CONFIG } from './config.ts';
export {
  CALENDAR_MAX_YEAR,
  CALENDAR_MIN_YEAR,
  type Holiday,
  type HolidayKind,
  holidaysOf,
} from './holidays.ts';
export { formatLunar, type LunarDate, lunarNewYear, lunarToSolar, solarToLunar } from './lunar.ts';
export {
  type AddWorkingDaysOptions,
  addWorkingDays,
  CALENDAR_ZONE,
  endOfWorkingDay,
  isWorkingDay,
  isWorkingTimeDuration,
  nextWorkingDay,
  nextWorkingMorning,
  plusWorkingTime,
  WORKDAY_END,
  WORKDAY_START,
} from './working-days.ts';
