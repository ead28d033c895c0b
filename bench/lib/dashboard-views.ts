import type { Target } from '../report.ts';
import { runScript } from './measure.ts';

/**
 * The dashboard views case (bench/cases/dashboard-views.ts) as bench/run.ts runs it: the child script, its figures
 * as targets beside the dashboard's limit (p95 ≤ 300 ms) and its section of the Markdown report.
 */

type Figure = { name: string; query: string; runs: number; medianMs: number; p95Ms: number; responseKiB: number };
export type DashboardViewsResult = {
  recipients: number;
  fillSeconds: number;
  figures: Record<string, Figure>;
  limit: { p95Ms: number };
};

export const runDashboardViews = (factsFile: string, plan: { recipients: number; runs: number }) =>
  runScript<DashboardViewsResult>('bench/cases/dashboard-views.ts', [
    '--app',
    factsFile,
    '--recipients',
    String(plan.recipients),
    '--runs',
    String(plan.runs),
  ]);

export const dashboardViewsTargets = (d: DashboardViewsResult): Target[] =>
  Object.values(d.figures).map((f) => ({
    name: `dashboard page of ${d.recipients.toLocaleString('en')} agencies, ${f.name}: p95`,
    value: `${f.p95Ms} ms (median ${f.medianMs} ms, ${f.runs} runs, ${f.responseKiB} KiB)`,
    limit: `≤ ${d.limit.p95Ms} ms`,
    met: f.p95Ms <= d.limit.p95Ms,
  }));

const row = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;

export const dashboardViewsMarkdown = (d: DashboardViewsResult | undefined): string[] => {
  if (!d) return [];
  return [
    `### Dashboard views (one directive to ${d.recipients.toLocaleString('en')} agencies, every one overdue)`,
    '',
    `Written in ${d.fillSeconds} s by the store's own items and transitions; each view is the officials' page ` +
      '`GET /directives/{id}` called through its function’s handler with an office official’s JWT claims.',
    '',
    row(['view', 'query', 'median', 'p95', 'limit', 'page']),
    row(['---', '---', '---', '---', '---', '---']),
    ...Object.values(d.figures).map((f) =>
      row([
        f.name,
        `\`${f.query || '(none)'}\``,
        `${f.medianMs} ms`,
        `${f.p95Ms} ms`,
        `≤ ${d.limit.p95Ms} ms`,
        `${f.responseKiB} KiB`,
      ]),
    ),
    '',
  ];
};
