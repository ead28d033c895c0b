import type { Problem } from './problems.ts';

/**
 * The problems of importing the directory from a file (CSV or XLSX: functions/files/agency-table.ts), part of the
 * one catalogue of problems.ts: a section of its own so that the catalogue's file stays short.
 */
export interface ImportProblemParams {
  /** `detail`: the CSV reader's own words. */
  'csv.unreadable': { detail: string };
  /** A row of an imported file (counted as a spreadsheet does: the header is row 1) and its problem. */
  'csv.row': { row: number; problem: Problem };
  'csv.empty': Record<never, never>;
  'import.notUtf8': Record<never, never>;
  'import.missingColumns': { columns: string };
}

export const IMPORT_CODES = {
  'csv.unreadable': true,
  'csv.row': true,
  'csv.empty': true,
  'import.notUtf8': true,
  'import.missingColumns': true,
} as const satisfies Record<keyof ImportProblemParams, true>;
