/**
 * Reading the files officials bring: the time from a file's bytes to a parsed draft (extractText, then
 * parseDirective), for the two-page PDF (target: median < 300 ms) and the Gia Lai DOCX, from the fixtures of
 * test/fixtures/files. The first run of each is reported apart (it loads pdfjs or mammoth and warms the JIT); the
 * median is over the runs after it, in one process, as a warm Lambda would read them.
 *
 *   npx tsx bench/cases/files.ts [--quick]
 *
 * Prints the figures on stderr and the result as JSON on its last stdout line (for bench/run.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { extractText } from '#files/index.ts';
import { parseDirective } from '#parsing/index.ts';
import { median, quantile, ROOT, round } from '../lib/measure.ts';

const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false } } });
const RUNS = values.quick ? 10 : 40;

export type FileCase = {
  file: string;
  bytes: number;
  pages?: number;
  tasks: number;
  runs: number;
  firstMs: number;
  medianMs: number;
  p95Ms: number;
  maxMs: number;
};
export type FilesResult = { twoPagePdf: FileCase; docx: FileCase; pdfTargetMs: number };

const measure = async (name: string): Promise<FileCase> => {
  const bytes = new Uint8Array(readFileSync(join(ROOT, 'test', 'fixtures', 'files', name)));
  const once = async () => {
    const started = performance.now();
    const { text, pages } = await extractText({ bytes, name });
    const { draft } = parseDirective(text);
    return { ms: performance.now() - started, pages, tasks: draft.tasks.length };
  };
  const first = await once();
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) samples.push((await once()).ms);
  const result = {
    file: name,
    bytes: bytes.length,
    ...(first.pages === undefined ? {} : { pages: first.pages }),
    tasks: first.tasks,
    runs: RUNS,
    firstMs: round(first.ms),
    medianMs: round(median(samples)),
    p95Ms: round(quantile(samples, 0.95)),
    maxMs: round(Math.max(...samples)),
  };
  process.stderr.write(
    `[files] ${name}: median ${result.medianMs} ms, p95 ${result.p95Ms} ms over ${RUNS} runs (first ${result.firstMs} ms)\n`,
  );
  return result;
};

const result: FilesResult = {
  twoPagePdf: await measure('two-page.pdf'),
  docx: await measure('gia-lai-126.docx'),
  pdfTargetMs: 300,
};
process.stdout.write(`${JSON.stringify(result)}\n`);
