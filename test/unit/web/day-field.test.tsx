import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { DAY_PATTERN, dayField, dayOf, dayText } from '#core/calendar/day.ts';
import { ValidationError } from '#core/errors.ts';
import { DateInput } from '#web/date-input.tsx';
import { render, renderIssues } from '#web/i18n/index.ts';
import { renderDocument } from '#web/render.tsx';

/**
 * Days as the forms ask for them: dd/mm/yyyy whatever the browser's language, and still YYYY-MM-DD for the API and
 * older forms, through one field (core/calendar/day.ts); the input that shows them (web/date-input.tsx).
 */

const form = z.object({ until: dayField('until') });
const problemOf = (value: unknown) => {
  const parsed = form.safeParse({ until: value });
  const issue = parsed.success ? undefined : ValidationError.fromZod(parsed.error).issues[0];
  if (!issue) throw new Error(`accepted ${String(value)}`);
  return issue;
};

describe('the day field', () => {
  it('reads both spellings to YYYY-MM-DD', () => {
    expect(form.parse({ until: '05/12/2026' })).toEqual({ until: '2026-12-05' });
    expect(form.parse({ until: '2026-12-05' })).toEqual({ until: '2026-12-05' });
    expect(form.parse({ until: ' 5/1/2027 ' })).toEqual({ until: '2027-01-05' });
    expect(form.parse({ until: '29/02/2028' })).toEqual({ until: '2028-02-29' });
    expect(dayOf('05.12.2026')).toBe('2026-12-05');
  });

  it('refuses a day that does not exist, naming the field and what was typed', () => {
    const issue = problemOf('31/02/2026');
    expect(issue.code).toBe('field.day');
    expect(render(issue, 'vi')).toBe(
      'Đến ngày: “31/02/2026” không phải là ngày có thật; cần ngày dạng ngày/tháng/năm, ví dụ 05/12/2026',
    );
    expect(render(issue, 'en')).toBe(
      'Until: “31/02/2026” is not a real day; a date as day/month/year, e.g. 05/12/2026',
    );
    for (const bad of ['29/02/2026', '2026-02-30', '00/12/2026', '05/13/2026', '12/05', 'ngày mai', '2026-12-5', ''])
      expect(problemOf(bad).code, bad).toBe('field.day');
  });

  it('refuses what is not text at all, with the same field named', () => {
    const issue = problemOf(42);
    expect(issue.code).toBe('field.day');
    expect(renderIssues([issue], 'vi')).toBe('until: Đến ngày: cần ngày dạng ngày/tháng/năm, ví dụ 05/12/2026');
  });

  it('shows a stored day as dd/mm/yyyy and what was typed as it was', () => {
    expect(dayText('2026-12-05')).toBe('05/12/2026');
    expect(dayText('31/02/2026')).toBe('31/02/2026');
    expect(dayText('')).toBe('');
  });

  it('the browser pattern accepts both spellings and nothing else', () => {
    const pattern = new RegExp(`^(?:${DAY_PATTERN})$`, 'v');
    for (const ok of ['05/12/2026', '5/1/2027', '2026-12-05']) expect(pattern.test(ok), ok).toBe(true);
    for (const bad of ['12/2026', '2026/12/05', '05-12-26', 'abc']) expect(pattern.test(bad), bad).toBe(false);
  });
});

describe('the date input', () => {
  it('is a numeric text field showing dd/mm/yyyy, with its format as a described hint', () => {
    const html = renderDocument(
      <DateInput id="until-x" name="until" lang="vi" value="2026-12-05" required describedBy="until-x-error" invalid />,
    );
    expect(html).toContain('type="text"');
    expect(html).not.toContain('type="date"');
    expect(html).toContain('inputmode="numeric"');
    expect(html).toContain('placeholder="dd/mm/yyyy"');
    expect(html).toContain('value="05/12/2026"');
    expect(html).toContain('aria-describedby="until-x-error until-x-format"');
    expect(html).toContain('aria-invalid="true"');
    expect(html).toContain('<span class="hint date-hint" id="until-x-format">Ngày/tháng/năm, ví dụ 05/12/2026</span>');
    expect(html).toMatch(/ pattern="[^"]+"/);
    expect(html).toContain(' required');
  });

  it('speaks English under ?lang=en, the format still dd/mm/yyyy', () => {
    const html = renderDocument(<DateInput id="from" name="from" lang="en" />);
    expect(html).toContain('Day/month/year, e.g. 05/12/2026');
    expect(html).toContain('placeholder="dd/mm/yyyy"');
    expect(html).toContain('aria-describedby="from-format"');
    expect(html).not.toContain(' required');
  });
});
