import type { Target } from '../report.ts';
import { runScript } from './measure.ts';

/**
 * The province case (bench/cases/province.ts) as bench/run.ts runs it: the child script, its figures as targets
 * (each beside the dashboard's limit, p95 ≤ 300 ms: the same for every read an official waits on) and its
 * section of the Markdown report.
 */

type Figure = { name: string; runs: number; medianMs: number; p95Ms: number; maxMs: number; responseKiB: number };
export type ProvinceResult = {
  offices: number;
  agencies: number;
  assignments: number;
  directives: number;
  assignmentsPerAgency: { min: number; max: number };
  largestDirective: number;
  fillSeconds: number;
  figures: Record<
    'officeList' | 'provinceList' | 'directiveDashboard' | 'officeStatistics' | 'provinceStatistics' | 'inbox',
    Figure
  >;
  limit: { p95Ms: number; provinceStatisticsStoreRead: { runs: number; medianMs: number; p95Ms: number } };
};

export const runProvince = (factsFile: string, plan: { assignments: number; runs: number; heavyRuns: number }) =>
  runScript<ProvinceResult>('bench/cases/province.ts', [
    '--app',
    factsFile,
    '--assignments',
    String(plan.assignments),
    '--runs',
    String(plan.runs),
    '--heavy-runs',
    String(plan.heavyRuns),
  ]);

const scale = (p: ProvinceResult) =>
  `${p.offices} offices, ${p.agencies.toLocaleString('en')} agencies, ${p.assignments.toLocaleString('en')} open assignments`;

export const provinceTargets = (p: ProvinceResult): Target[] =>
  Object.values(p.figures).map((f) => ({
    name: `province (${scale(p)}): ${f.name} p95`,
    value:
      `${f.p95Ms} ms (median ${f.medianMs} ms, ${f.runs} runs)` +
      (f === p.figures.provinceStatistics
        ? `; the store's read of them alone: median ${p.limit.provinceStatisticsStoreRead.medianMs} ms`
        : ''),
    limit: `≤ ${p.limit.p95Ms} ms`,
    met: f.p95Ms <= p.limit.p95Ms,
  }));

const row = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;

export const provinceMarkdown = (p: ProvinceResult | undefined): string[] => {
  if (!p) return [];
  const read = p.limit.provinceStatisticsStoreRead;
  return [
    `### Province (${scale(p)})`,
    '',
    `${p.directives} directives (the largest to ${p.largestDirective} agencies), ${p.assignmentsPerAgency.min}–${p.assignmentsPerAgency.max} ` +
      `assignments per agency, written in ${p.fillSeconds} s; each read called through its function's handler with ` +
      'the JWT claims of an office official or of the PROVINCE role.',
    '',
    row(['read', 'median', 'p95', 'limit', 'response']),
    row(['---', '---', '---', '---', '---']),
    ...Object.values(p.figures).map((f) =>
      row([f.name, `${f.medianMs} ms`, `${f.p95Ms} ms`, `≤ ${p.limit.p95Ms} ms`, `${f.responseKiB} KiB`]),
    ),
    row([
      `the store's read of the province's ${p.assignments.toLocaleString('en')} assignments alone (no handler)`,
      `${read.medianMs} ms`,
      `${read.p95Ms} ms`,
      '',
      '',
    ]),
    '',
  ];
};
