/**
 * The parser on texts it was not written against: test/corpus/*.txt (published letters, chỉ thị, kế hoạch, news
 * reports, pages copied out of PDFs and tables), each with the fields a reader wrote by hand in *.expected.json.
 * `npx tsx bench/cases/parser-corpus.ts [--quick]` prints the accuracy per field and overall, and the parse time per
 * text, on stderr, and the result as JSON on its last stdout line (for bench/run.ts).
 *
 * How a field is scored, per text (README of functions/parsing says the same):
 * - scalars (number, issuer, issuedOn, subject, signer, taskCount, taskCodes) score 1 or 0; a field the text does
 *   not give (null) scores 1 only when the parser leaves it out too;
 * - lists (recipients, deadlines, copies) score the F1 of the two sets; two empty sets score 1;
 * - assignees: the mean F1, task by task in order, of the names the parser gives a task and the names expected
 *   (a task the parser missed scores 0); not scored for a text without a judged task.
 * Names are compared folded (case, diacritics, punctuation), "Ủy ban nhân dân" as "UBND", and without a leading
 * head's title ("Giám đốc Sở Y tế" is "Sở Y tế"); numbers on their letters and digits only ("126 / STTTT - BCVT");
 * subjects without "V/v", "Về việc" or "Về" in front. Overall: the mean over every scored (text, field) pair.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { type ParseResult, parseDirective } from '#parsing/index.ts';

type Expected = {
  number: string | null;
  issuer: string | null;
  issuedOn: string | null;
  subject: string | null;
  recipients: string[];
  taskCount: number;
  taskCodes: string[];
  /** YYYY-MM-DD, or MM-DD when the text gives no year. */
  deadlines: string[];
  /** Per task; null: not judged (the text is cut off before it names anyone). */
  assignees: (string[] | null)[];
  signer: string | null;
  copies: string[];
};

export const FIELDS = [
  'number',
  'issuer',
  'issuedOn',
  'subject',
  'recipients',
  'taskCount',
  'taskCodes',
  'deadlines',
  'assignees',
  'signer',
  'copies',
] as const;
type Field = (typeof FIELDS)[number];

const CORPUS = join(import.meta.dirname, '..', '..', 'test', 'corpus');

const plain = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9&]+/g, ' ')
    .replace(/\buy ban nhan dan\b/g, 'ubnd')
    .trim();

const TITLE = /^(?:giam doc|chu tich|thu truong|hieu truong|chanh van phong|nguoi dung dau|truong phong) /;
const name = (s: string) => plain(s).replace(TITLE, '');
const subject = (s: string) =>
  plain(s)
    .replace(/^(?:v v|ve viec|ve) /, '')
    .trim();
const number = (s: string) => plain(s).replace(/ /g, '');

const f1 = (actual: string[], expected: string[]): number => {
  const a = new Set(actual);
  const e = new Set(expected);
  if (a.size === 0 && e.size === 0) return 1;
  const hit = [...a].filter((x) => e.has(x)).length;
  return hit === 0 ? 0 : (2 * hit) / (a.size + e.size);
};

const same = (actual: string | undefined, expected: string | null, norm: (s: string) => string) =>
  expected === null
    ? actual === undefined || actual === ''
      ? 1
      : 0
    : actual !== undefined && norm(actual) === norm(expected)
      ? 1
      : 0;

/** A deadline's day in Hà Nội (UTC+7 all year). */
const localDay = (iso: string) => new Date(Date.parse(iso) + 7 * 3600_000).toISOString().slice(0, 10);

const taskNames = (r: ParseResult): string[][] => {
  const byId = new Map(r.draft.recipients.map((x) => [x.id, x.name]));
  return r.draft.tasks.map((t) => t.assigneeNames ?? t.assignees.map((id) => byId.get(id) ?? id));
};

export const score = (r: ParseResult, e: Expected): Partial<Record<Field, number>> => {
  const d = r.draft;
  const days = d.tasks.flatMap((t) => (t.deadline ? [localDay(t.deadline)] : []));
  const wanted = new Set(e.deadlines);
  const dayScore = f1(
    days.map((day) => (wanted.has(day.slice(5)) ? day.slice(5) : day)),
    e.deadlines,
  );
  const names = taskNames(r);
  const judged = e.assignees.flatMap((want, k) => (want ? [f1((names[k] ?? []).map(name), want.map(name))] : []));
  return {
    number: same(d.number, e.number, number),
    issuer: same(d.issuer, e.issuer, plain),
    issuedOn: same(d.issuedOn, e.issuedOn, (s) => s),
    subject: same(d.subject, e.subject, subject),
    recipients: f1(
      d.recipients.map((x) => name(x.name)),
      e.recipients.map(name),
    ),
    taskCount: d.tasks.length === e.taskCount ? 1 : 0,
    taskCodes: d.tasks.map((t) => t.code).join('|') === e.taskCodes.join('|') ? 1 : 0,
    deadlines: dayScore,
    ...(judged.length ? { assignees: judged.reduce((a, b) => a + b, 0) / judged.length } : {}),
    signer: same(d.signer?.name, e.signer, name),
    copies: f1(
      d.copies.map((c) => name(c.name)),
      e.copies.map(name),
    ),
  };
};

/** The text as published: the `# source:` line (and any other leading `#` line) is ours, not the text's. */
export const corpusText = (raw: string) => raw.replace(/^(?:#[^\n]*\n)+/, '');

export const readCorpus = () =>
  readdirSync(CORPUS)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => {
      const slug = f.slice(0, -4);
      return {
        slug,
        text: corpusText(readFileSync(join(CORPUS, f), 'utf8')),
        expected: JSON.parse(readFileSync(join(CORPUS, `${slug}.expected.json`), 'utf8')) as Expected,
      };
    });

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)] ?? 0;
};

const run = (quick: boolean) => {
  const corpus = readCorpus();
  const runs = quick ? 5 : 25;
  const perText = corpus.map(({ slug, text, expected }) => {
    const result = parseDirective(text);
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const start = performance.now();
      parseDirective(text);
      times.push(performance.now() - start);
    }
    return { slug, scores: score(result, expected), ms: median(times) };
  });
  const perField = Object.fromEntries(
    FIELDS.map((f) => {
      const xs = perText.flatMap((t) => (t.scores[f] === undefined ? [] : [t.scores[f] as number]));
      return [f, { accuracy: xs.reduce((a, b) => a + b, 0) / xs.length, texts: xs.length }];
    }),
  ) as Record<Field, { accuracy: number; texts: number }>;
  const cells = perText.flatMap((t) => Object.values(t.scores));
  const overall = cells.reduce((a, b) => a + b, 0) / cells.length;
  const ms = perText.map((t) => t.ms);
  return {
    texts: corpus.length,
    overall,
    perField,
    perText: perText.map((t) => {
      const xs = Object.values(t.scores);
      return { slug: t.slug, accuracy: xs.reduce((a, b) => a + b, 0) / xs.length, ms: t.ms, scores: t.scores };
    }),
    parseMs: { median: median(ms), max: Math.max(...ms), runsPerText: runs },
    scoring:
      'per text and field; scalars 1/0 (null = must be left out), lists by set F1, assignees by mean F1 per task',
  };
};

export type ParserCorpusResult = ReturnType<typeof run>;

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

const print = (r: ParserCorpusResult) => {
  const out: string[] = [`parser corpus: ${r.texts} texts (test/corpus), ${r.scoring}`];
  for (const f of FIELDS)
    out.push(`  ${f.padEnd(11)} ${pct(r.perField[f].accuracy).padStart(6)}  (${r.perField[f].texts} texts)`);
  out.push(`  ${'overall'.padEnd(11)} ${pct(r.overall).padStart(6)}  (target ≥ 90%)`);
  out.push(
    `  parse time per text: median ${r.parseMs.median.toFixed(2)} ms, max ${r.parseMs.max.toFixed(2)} ms (target median < 50 ms)`,
  );
  for (const t of r.perText) {
    const misses = FIELDS.filter((f) => (t.scores[f] ?? 1) < 1).join(', ');
    out.push(`  ${pct(t.accuracy).padStart(6)} ${t.slug}${misses ? `  — below 1: ${misses}` : ''}`);
  }
  process.stderr.write(`${out.join('\n')}\n`);
};

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false } } });
  const result = run(values.quick ?? false);
  print(result);
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
