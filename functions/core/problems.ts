import type * as z from 'zod/mini';
import '#contracts/zod-messages.ts';
import {
  type FieldProblem,
  isProblemCode,
  type ParamsOf,
  type Problem,
  type ProblemCode,
  problem,
} from '#contracts/problems.ts';

/**
 * zod keeps one string per issue, so a problem (contracts/problems.ts) travels in it as its JSON: written by
 * `says` (a check's `error`) or `customIssue` (in a superRefine), read back by `problemOf`. The field a problem
 * names is a parameter, not the issue's path: the same path means different things in different forms (`until`
 * is a new deadline to an official and an extension's date to an agency).
 */

const encode = (p: Problem) => JSON.stringify(p);

/** The `error` of a zod check or schema: `z.string(says('field.required', { field: 'number' }))`. */
export const says = <C extends ProblemCode>(code: C, ...params: ParamsOf<C>) => ({
  error: encode(problem(code, ...params) as Problem),
});

/** An issue for `ctx.addIssue` in a superRefine. */
export const customIssue = <C extends ProblemCode>(path: PropertyKey[], code: C, ...params: ParamsOf<C>) => ({
  code: 'custom' as const,
  path,
  message: encode(problem(code, ...params) as Problem),
});

/**
 * An issue raised in a transform (`z.transform((v, ctx) => …)`): zod/mini's transforms have no `ctx.addIssue`, so
 * it goes on the payload as classic zod's `addIssue` put it there (the value it was raised on as its input).
 */
export const addIssue = <C extends ProblemCode>(
  ctx: z.core.ParsePayload,
  path: PropertyKey[],
  code: C,
  ...params: ParamsOf<C>
) => {
  ctx.issues.push({ ...customIssue(path, code, ...params), input: ctx.value });
};

const decode = (message: string): Problem | undefined => {
  if (!message.startsWith('{')) return undefined;
  try {
    const p = JSON.parse(message) as { code?: unknown; params?: unknown };
    return isProblemCode(p.code) && typeof p.params === 'object' && p.params !== null ? (p as Problem) : undefined;
  } catch {
    return undefined;
  }
};

/** The problem of a zod issue; a check that said nothing of its own keeps zod's words. */
export const problemOf = (issue: Pick<z.core.$ZodIssue, 'message'>): Problem =>
  decode(issue.message) ?? problem('input.unchecked', { detail: issue.message });

/** Every issue of a zod error on its field, its path dotted (`tasks.0.deadline`). */
export const fieldProblemsOf = (error: z.core.$ZodError): FieldProblem[] =>
  error.issues.map((i) => ({ path: i.path.map(String).join('.'), ...problemOf(i) }));
