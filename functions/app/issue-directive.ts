import { bodyHash, type StoredDirective, storeDirective } from '#adapters/store/directives.ts';
import { getOfficeSettings } from '#adapters/store/office-settings.ts';
import { startFanout } from '#adapters/workflow.ts';
import { type DirectiveInput, issueProblems } from '#core/directive.ts';
import { ValidationError } from '#core/errors.ts';
import { assertCanAct, DEFAULT_OFFICE, isForwardedOffice, officeOf } from '#core/office.ts';
import { enabledChannels } from '#core/office-settings.ts';
import type { Official } from '#core/official.ts';
import { checkFilesExist } from './directive-files.ts';

const now = () => new Date().toISOString();

/**
 * Checks, stores and fans out a directive of an office under an idempotency key: what issuing from the officials'
 * API and an agency forwarding to its units (app/forward.ts) have in common. `beforeFanout` runs once the
 * directive is stored and before any recipient is invited (a forward links its parent there).
 */
export const issueInOffice = async (
  input: DirectiveInput,
  key: string,
  office: string,
  options: {
    unlisted?: boolean;
    forwardedFrom?: StoredDirective['forwardedFrom'];
    beforeFanout?: (directive: StoredDirective) => Promise<void>;
  } = {},
) => {
  const at = now();
  const problems = issueProblems(input, at);
  if (problems.length > 0) throw new ValidationError(problems);
  await checkFilesExist(input);
  const { beforeFanout, ...stored } = options;
  // The channels are copied now: a later change of the settings does not change what running workflows send. A
  // forwarded child's office has no official, so no settings: nothing to read.
  const channels = isForwardedOffice(office) ? [] : enabledChannels(await getOfficeSettings(office));
  const result = await storeDirective(input, key, at, office, { ...stored, channels });
  await beforeFanout?.(result.directive);
  await startFanout(result.directive.id);
  return result;
};

/**
 * Stores and issues for the official's office; the same key returns the same directive and starts nothing twice.
 * Keys are the office's own (the default office's keep their spelling from before offices), so that another
 * office repeating a key or a number is never answered with this office's directive.
 */
export const issueDirective = async (input: DirectiveInput, idempotencyKey: string | undefined, by: Official) => {
  assertCanAct(by);
  const office = officeOf(by);
  // Without a key, the number identifies the directive; a deliberate duplicate number is told apart by its body.
  const key =
    idempotencyKey?.trim() ||
    `directive:${input.issuer}|${input.number}${input.allowDuplicateNumber ? `|${bodyHash(input)}` : ''}`;
  return issueInOffice(input, office === DEFAULT_OFFICE ? key : `${office}:${key}`, office);
};
