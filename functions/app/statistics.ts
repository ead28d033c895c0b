import { allAssignmentsOf } from '#adapters/store/assignments.ts';
import { directivesIssuedIn, getDirective } from '#adapters/store/directives.ts';
import { directivesOfOffice } from '#adapters/store/office-directives.ts';
import { statisticsItemsOf } from '#adapters/store/statistics-reads.ts';
import { type FieldProblem, problem } from '#contracts/problems.ts';
import { dayField } from '#core/calendar/day.ts';
import { localDateOf } from '#core/calendar/time.ts';
import { ValidationError } from '#core/errors.ts';
import { DEFAULT_OFFICE, isProvince, officeOf, officeOfDirective } from '#core/office.ts';
import type { Official } from '#core/official.ts';
import { fieldProblemsOf } from '#core/problems.ts';
import {
  type Period,
  type StatisticsItem,
  statisticsByDirective,
  statisticsTables,
  statisticsTotal,
} from '#core/statistics.ts';
import { defaultNewDeadline, overdueAgencies, urgingLetter } from '#documents/urging-letter.ts';
import { filesOfDirective } from './directive-files.ts';

/** `from`/`to` as given, or this month so far (in Hà Nội). */
export const periodOf = (query: Record<string, string | undefined> | undefined, now: string): Period => {
  const today = localDateOf(now);
  const from = dayField('from').safeParse(query?.from || (today ? `${today.slice(0, 8)}01` : ''));
  const to = dayField('to').safeParse(query?.to || (today ?? ''));
  const period = { from: from.data ?? '', to: to.data ?? '' };
  const issues: FieldProblem[] = [from, to].flatMap((r, i) =>
    r.success ? [] : fieldProblemsOf(r.error).map((p) => ({ ...p, path: i === 0 ? 'from' : 'to' })),
  );
  if (issues.length === 0 && period.from > period.to) issues.push({ path: 'to', ...problem('period.reversed') });
  if (issues.length) throw new ValidationError(issues);
  return period;
};

/**
 * The statistics an official may see: their office's directives of the period (the by-office index), or, for the
 * province, every office's, with one row of totals per office (`byOffice`, empty for an office's own official).
 */
export const loadStatistics = async (
  period: Period,
  now: string,
  official: Official,
  options: { withDetails: boolean },
) => {
  const province = isProvince(official);
  const office = officeOf(official);
  const directives = province
    ? await directivesIssuedIn(period)
    : await directivesOfOffice(office, { range: period, includeLegacy: office === DEFAULT_OFFICE });
  const items = await statisticsItemsOf(directives);
  const offices = new Map<string, StatisticsItem[]>();
  if (province)
    for (const item of items) {
      const id = officeOfDirective(item.directive);
      offices.set(id, [...(offices.get(id) ?? []), item]);
    }
  const byOffice = [...offices]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([id, of]) => ({
      office: id,
      directives: of.length,
      ...statisticsTotal(statisticsByDirective(of, period, now)),
    }));
  return { ...statisticsTables(items, period, now, options), byOffice };
};

/** The draft urging letter for a directive's overdue agencies, with a new deadline three working days on. */
export const urgingLetterFor = async (directiveId: string, now: string) => {
  const directive = await getDirective(directiveId);
  const overdue = overdueAgencies(directive, await allAssignmentsOf(directiveId), now);
  if (overdue.length === 0) throw new ValidationError([{ path: 'directive', ...problem('urging.nothingOverdue') }]);
  const today = localDateOf(now) ?? now.slice(0, 10);
  const { original } = await filesOfDirective(directive);
  const file = await urgingLetter({
    directive,
    overdue,
    newDeadline: defaultNewDeadline(today),
    issuedOn: today,
    originalName: original?.name,
  });
  return { file, name: `don-doc-${directive.number.replace(/[^A-Za-z0-9]+/g, '-')}.docx` };
};

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
