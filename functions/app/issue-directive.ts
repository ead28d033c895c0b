import { bodyHash, storeDirective } from '#adapters/store/directives.ts';
import { startFanout } from '#adapters/workflow.ts';
import { type DirectiveInput, issueProblems } from '#core/directive.ts';
import { ValidationError } from '#core/errors.ts';
import { assertCanAct, DEFAULT_OFFICE, officeOf } from '#core/office.ts';
import type { Official } from '#core/official.ts';
import { checkFilesExist } from './directive-files.ts';

const now = () => new Date().toISOString();

/**
 * Stores and issues for the official's office; the same key returns the same directive and starts nothing twice.
 * Keys are the office's own (the default office's keep their spelling from before offices), so that another
 * office repeating a key or a number is never answered with this office's directive.
 */
export const issueDirective = async (input: DirectiveInput, idempotencyKey: string | undefined, by: Official) => {
  assertCanAct(by);
  const office = officeOf(by);
  const at = now();
  const problems = issueProblems(input, at);
  if (problems.length > 0) throw new ValidationError(problems);
  await checkFilesExist(input);
  // Without a key, the number identifies the directive; a deliberate duplicate number is told apart by its body.
  const key =
    idempotencyKey?.trim() ||
    `directive:${input.issuer}|${input.number}${input.allowDuplicateNumber ? `|${bodyHash(input)}` : ''}`;
  const stored = await storeDirective(input, office === DEFAULT_OFFICE ? key : `${office}:${key}`, at, office);
  await startFanout(stored.directive.id);
  return stored;
};
