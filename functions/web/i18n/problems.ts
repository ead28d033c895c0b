import type { Field, FieldProblem, Problem, ProblemCode, ProblemParams } from '#contracts/problems.ts';
import type { Lang } from './lang.ts';
import { enProblems } from './problems-en.ts';
import { viProblems } from './problems-vi.ts';

/** What a problem's text may use besides its parameters: the field labels and the renderer (for a nested one). */
export type Say = { label: (field: Field) => string; render: (p: Problem) => string };

/**
 * A language's words for problems: a label for every field and a text for every code. Both languages are typed by
 * this, so a code or a field without a text in one of them does not compile.
 */
export type ProblemTexts = {
  fields: Record<Field, string>;
  texts: { [C in ProblemCode]: (params: ProblemParams[C], say: Say) => string };
};

const TEXTS: Record<Lang, ProblemTexts> = { vi: viProblems, en: enProblems };

/** A problem (contracts/problems.ts) as text in a language: `{ code: 'field.required', params: { field: 'number' } }` → "Số, ký hiệu: bắt buộc nhập". */
export const render = (p: Problem, lang: Lang): string => {
  const words = TEXTS[lang];
  const text = words.texts[p.code] as (params: Problem['params'], say: Say) => string;
  return text(p.params, { label: (field) => words.fields[field], render: (q) => render(q, lang) });
};

/** Problems on fields as one line (`tasks.0.deadline: …; number: …`), for a page that shows only a message. */
export const renderIssues = (issues: readonly FieldProblem[], lang: Lang) =>
  issues.map((i) => `${i.path || '(body)'}: ${render(i, lang)}`).join('; ');

/** The label of a field in a language. */
export const fieldLabel = (field: Field, lang: Lang) => TEXTS[lang].fields[field];
