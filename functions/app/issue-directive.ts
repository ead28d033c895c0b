import { bodyHash, storeDirective } from '#adapters/store/directives.ts';
import { startFanout } from '#adapters/workflow.ts';
import { type DirectiveInput, issueProblems } from '#core/directive.ts';
import { ValidationError } from '#core/errors.ts';
import { checkFilesExist } from './directive-files.ts';

const now = () => new Date().toISOString();

/** Stores and issues; the same key returns the same directive and starts nothing twice. */
export const issueDirective = async (input: DirectiveInput, idempotencyKey: string | undefined) => {
  const at = now();
  const problems = issueProblems(input, at);
  if (problems.length > 0) throw new ValidationError(problems);
  await checkFilesExist(input);
  // Without a key, the number identifies the directive; a deliberate duplicate number is told apart by its body.
  const key =
    idempotencyKey?.trim() ||
    `directive:${input.issuer}|${input.number}${input.allowDuplicateNumber ? `|${bodyHash(input)}` : ''}`;
  const stored = await storeDirective(input, key, at);
  await startFanout(stored.directive.id);
  return stored;
};
