import * as z from 'zod/mini';
import type { Field } from '#contracts/problems.ts';
import { addIssue, says } from '../problems.ts';

/**
 * A calendar day as a Vietnamese clerk writes it (05/12/2026, also 5/12/2026 or 05.12.2026) or as the API and the
 * browsers' own date fields send it (2026-12-05), read to `YYYY-MM-DD`. Every form that asks for a day reads it
 * through `dayField`, so that a page can show dd/mm/yyyy whatever the browser's language and older forms and API
 * callers keep working.
 */

const DAY_FIRST = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/;
const YEAR_FIRST = /^(\d{4})-(\d{2})-(\d{2})$/;

/** What a date input may hold: the browser checks it with this before posting (the `pattern` attribute). */
export const DAY_PATTERN = String.raw`\d{1,2}/\d{1,2}/\d{4}|\d{4}-\d{2}-\d{2}`;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `YYYY-MM-DD` for a day that exists (no 31/02), either spelling; undefined otherwise. */
export const dayOf = (text: string): string | undefined => {
  const t = text.trim();
  const dayFirst = DAY_FIRST.exec(t);
  const yearFirst = dayFirst ? undefined : YEAR_FIRST.exec(t);
  const [day, month, year] = dayFirst
    ? [Number(dayFirst[1]), Number(dayFirst[2]), Number(dayFirst[3])]
    : yearFirst
      ? [Number(yearFirst[3]), Number(yearFirst[2]), Number(yearFirst[1])]
      : [0, 0, 0];
  if (year < 1000 || month < 1 || month > 12 || day < 1) return undefined;
  if (day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return undefined;
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
};

/** `YYYY-MM-DD` shown as dd/mm/yyyy; anything else (what someone typed and was refused) as it is. */
export const dayText = (value: string) => {
  const m = YEAR_FIRST.exec(value.trim());
  return m ? `${m[3]}/${m[2]}/${m[1]}` : value;
};

/** A text of at most this many characters is enough for any spelling of a day; longer is not one. */
const MAX = 40;

/**
 * The zod field of a day named `field` in the problems: either spelling in, `YYYY-MM-DD` out; a day that does not
 * exist (31/02/2026) or any other text is refused with the field's name and what was typed.
 */
export const dayField = (field: Field) =>
  z.pipe(
    z.string(says('field.day', { field, value: '' })),
    z.transform((value: string, ctx): string => {
      const day = dayOf(value);
      if (day) return day;
      addIssue(ctx, [], 'field.day', { field, value: value.trim().slice(0, MAX) });
      return z.NEVER;
    }),
  );
