import { problem } from '#contracts/problems.ts';
import { ValidationError } from '#core/errors.ts';
import { MESSAGES } from './messages.ts';
import { parseDirective } from './parse-directive.ts';
import type { ParseResult } from './types.ts';

export { parseDirective } from './parse-directive.ts';
export type * from './types.ts';

/** The Vietnamese message for an empty text, for `POST /api/directives/parse` to answer 400 with. */
export const EMPTY_TEXT_MESSAGE: string = MESSAGES.empty;

export type ParseOutcome =
  | { ok: true; result: ParseResult }
  | { ok: false; error: 'EmptyText'; issues: [{ path: 'text'; message: string }] };

const isBlank = (text: unknown) => typeof text !== 'string' || text.replace(/[\s\u200b-\u200d\ufeff]/g, '') === '';

/**
 * For the route: an empty or whitespace-only text (or a body whose `text` is not a string) is `{ ok: false }`
 * with the issue to answer 400 with; anything else is parsed (never throws).
 */
export const tryParseDirective = (text: unknown): ParseOutcome =>
  isBlank(text)
    ? { ok: false, error: 'EmptyText', issues: [{ path: 'text', message: EMPTY_TEXT_MESSAGE }] }
    : { ok: true, result: parseDirective(text as string) };

/**
 * Same, throwing the project's ValidationError (400 `{error:"ValidationError", issues:[{path:"text", …}]}`) with
 * the problem `parse.emptyText`, which web/i18n renders as EMPTY_TEXT_MESSAGE in Vietnamese.
 */
export const parseDirectiveOrThrow = (text: unknown): ParseResult => {
  const outcome = tryParseDirective(text);
  if (!outcome.ok) throw new ValidationError([{ path: 'text', ...problem('parse.emptyText') }]);
  return outcome.result;
};
