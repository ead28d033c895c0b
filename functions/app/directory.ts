import { parse as parseCsv } from 'csv-parse/sync';
import { deleteAgency, listAgencies, saveAgencies } from '#adapters/store/directory.ts';
import { type FieldProblem, type Problem, problem } from '#contracts/problems.ts';
import { type Agency, agencySchema, splitGroups } from '#core/agency.ts';
import { ValidationError } from '#core/errors.ts';
import { assertCanAct, officeOf } from '#core/office.ts';
import type { Official } from '#core/official.ts';
import { problemOf } from '#core/problems.ts';

/**
 * The agency directory of the official's office: kept by hand or imported from a spreadsheet. The province reads
 * its own office's and changes none (the edge refuses its POSTs).
 */

export const directoryOf = (official: Official) => listAgencies(officeOf(official));

/** A form's or a CSV row's agency, its groups typed as "a; b". */
const agencyOf = (fields: Record<string, unknown>) =>
  agencySchema.safeParse({ ...fields, groups: splitGroups(fields.groups) });

/** Saves one agency; its problems per field (the form's field names), or nothing saved. */
export const saveAgency = async (official: Official, fields: Record<string, unknown>) => {
  assertCanAct(official);
  const parsed = agencyOf(fields);
  if (!parsed.success)
    return {
      saved: false as const,
      errors: Object.fromEntries(
        parsed.error.issues.map((i): [string, Problem] => [String(i.path[0] ?? 'id'), problemOf(i)]),
      ),
    };
  await saveAgencies(officeOf(official), [parsed.data]);
  return { saved: true as const };
};

export const removeAgency = (official: Official, id: string) => {
  assertCanAct(official);
  return deleteAgency(officeOf(official), id);
};

/** A CSV with a header row; every row is checked before any is saved, so a bad file changes nothing. */
export const importAgencies = async (official: Official, text: string) => {
  assertCanAct(official);
  let rows: Record<string, string>[];
  try {
    rows = parseCsv(text, { columns: true, bom: true, trim: true, skip_empty_lines: true });
  } catch (error) {
    throw new ValidationError([{ path: 'file', ...problem('csv.unreadable', { detail: (error as Error).message }) }]);
  }
  const agencies: Agency[] = [];
  const problems: FieldProblem[] = [];
  rows.forEach((row, i) => {
    const parsed = agencyOf(row);
    if (parsed.success) agencies.push(parsed.data);
    else
      for (const issue of parsed.error.issues)
        problems.push({ path: 'file', ...problem('csv.row', { row: i + 2, problem: problemOf(issue) }) });
  });
  if (rows.length === 0) problems.push({ path: 'file', ...problem('csv.empty') });
  if (problems.length) throw new ValidationError(problems);
  await saveAgencies(officeOf(official), agencies);
  return agencies.length;
};
