import { deleteAgency, listAgencies, saveAgencies } from '#adapters/store/directory.ts';
import { type Problem, problem } from '#contracts/problems.ts';
import { type Agency, agencySchema, splitGroups } from '#core/agency.ts';
import { type DirectoryQuery, viewDirectory } from '#core/agency-search.ts';
import { assertCanAct, officeOf } from '#core/office.ts';
import type { Official } from '#core/official.ts';
import { problemOf } from '#core/problems.ts';
import { readAgencyTable } from '#files/agency-table.ts';

/**
 * The agency directory of the official's office: kept by hand or imported from a spreadsheet. The province reads
 * its own office's and changes none (the edge refuses its POSTs).
 */

export const directoryOf = (official: Official) => listAgencies(officeOf(official));

/**
 * One page of the directory for a search (core/agency-search.ts), `focus` the agency to land on; and any agency of
 * the directory by id (the one being edited, or removed).
 */
export const searchDirectory = async (official: Official, query: DirectoryQuery, focus?: string) => {
  const agencies = await directoryOf(official);
  return {
    view: viewDirectory(agencies, query, focus),
    agency: (id: string | undefined) => (id ? agencies.find((a) => a.id === id) : undefined),
  };
};

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
  return { saved: true as const, agency: parsed.data };
};

export const removeAgency = (official: Official, id: string) => {
  assertCanAct(official);
  return deleteAgency(officeOf(official), id);
};

/** What an import found wrong: a row (its number and text) and its problem, or the file as a whole. */
export type ImportProblem = { line?: number; text?: string; problem: Problem };

export type ImportResult = { imported: number } | { problems: ImportProblem[] };

/**
 * A CSV or XLSX with a header row (files/agency-table.ts); every row is checked before any is saved, so a file with
 * one bad row changes nothing and the official sees every bad row at once.
 */
export const importAgencies = async (official: Official, bytes: Buffer): Promise<ImportResult> => {
  assertCanAct(official);
  const table = await readAgencyTable(bytes);
  if ('problem' in table) return { problems: [{ problem: table.problem }] };
  const agencies: Agency[] = [];
  const problems: ImportProblem[] = [];
  // An id twice in one file is a mistake to show, not a row to let overwrite the other silently.
  const seen = new Set<string>();
  for (const { line, cells, text } of table.rows) {
    const parsed = agencyOf(cells);
    if (!parsed.success)
      for (const issue of parsed.error.issues) problems.push({ line, text, problem: problemOf(issue) });
    else if (seen.has(parsed.data.id))
      problems.push({ line, text, problem: problem('recipient.duplicate', { id: parsed.data.id }) });
    else {
      seen.add(parsed.data.id);
      agencies.push(parsed.data);
    }
  }
  if (problems.length) return { problems };
  await saveAgencies(officeOf(official), agencies);
  return { imported: agencies.length };
};
