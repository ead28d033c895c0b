/**
 * What the rules cannot compute: each year the Prime Minister (on the Ministry of Home Affairs' or Labour's
 * proposal) may swap a working day next to a holiday for a Saturday (hoán đổi ngày làm việc: a weekday off,
 * "đi làm bù" on a Saturday) or grant other days off. Those decisions go here, per year.
 *
 * The rules in `holidays.ts` already give, without any entry here:
 * - the 5 Tết days (last day of the lunar year + mùng 1–4) and their weekend compensation (a Tết Saturday moves
 *   to the working day before Tết, a Tết Sunday to the working day after): 2020 23–29/01, 2021 10–16/02,
 *   2022 31/01–04/02 (29/01–06/02 with the weekends), 2023 20–26/01, 2024 08–14/02, 2025 27/01–31/01
 *   (25/01–02/02 with the weekends), 2026 16–20/02 (14–22/02 with the weekends);
 * - a holiday on a Saturday or Sunday gives the next working day off (Labour Code 2019, art. 111.3):
 *   2022 03/01, 11/04, 02–03/05; 2023 02/01, 02–03/05, 04/09; 2021 03/05;
 * - Quốc khánh's second day, on the side of 2/9 that bridges to the weekend: 2021 03/09, 2022 01/09,
 *   2023 01/09, 2024 03/09, 2025 01/09 (all as decided); 2026 01/09 is only the rule's guess.
 * All of the above match the official schedules of 2020–2025 and the published Tết 2026 schedule (14–22/02).
 */

export type CalendarConfig = {
  /** Extra days off decided for a year (weekday swapped away, or granted), `YYYY-MM-DD`. */
  extraDaysOff: Record<number, string[]>;
  /** Days worked although they would be off (the Saturday "làm bù" of a swap), `YYYY-MM-DD`. */
  extraWorkingDays: Record<number, string[]>;
  /**
   * Which day joins 2/9 as Quốc khánh's second day (Labour Code 2019, art. 112.1.đ: "the day before or after",
   * chosen by the Prime Minister). Without an entry, the side that bridges to the weekend.
   */
  nationalDaySecondDay?: Record<number, 'before' | 'after'>;
};

/**
 * Entries are filed under the year of the decision; a date may belong to the calendar year before (the 2019
 * New Year swap moved 31/12/2018). Confidence is noted per entry; years without entries follow the rules.
 */
export const DEFAULT_CALENDAR_CONFIG: CalendarConfig = {
  extraDaysOff: {
    // 2019 (Official Dispatch 6519/VPCP-KGVX, 2018; as carried by python-holidays): Mon 31/12/2018 off for
    // Sat 05/01/2019, Mon 29/04 off for Sat 04/05. Confidence: high.
    2019: ['2018-12-31', '2019-04-29'],
    // 2020–2023: no swaps; the rules give the official schedules. Confidence: high.
    // 2024 (Official Dispatch 2450/VPCP-KGVX): Mon 29/04 off, worked back on Sat 04/05. Confidence: high.
    2024: ['2024-04-29'],
    // 2025 (50th anniversary of reunification): Fri 02/05 off, worked back on Sat 26/04, for 30/04–04/05.
    // Confidence: medium — from memory of the announcement, not checked against the dispatch; verify.
    2025: ['2025-05-02'],
    // 2026: Tết (14–22/02) needs no entry. Whether 02/01 (Fri), 28–29/04 or 31/08 were swapped is not
    // established here: add the Prime Minister's decisions when known. Likewise any new statutory day off
    // (e.g. if "Ngày Văn hóa Việt Nam", 24/11, becomes a paid holiday) goes here, year by year.
  },
  extraWorkingDays: {
    2019: ['2019-01-05', '2019-05-04'],
    2024: ['2024-05-04'],
    2025: ['2025-04-26'],
  },
};
