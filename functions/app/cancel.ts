import pMap from 'p-map';
import { allAssignmentsOf, applyTransition } from '#adapters/store/assignments.ts';
import { markDirectiveCancelled } from '#adapters/store/directives.ts';
import { interrupt, WAKE_ERRORS } from '#adapters/workflow.ts';
import { isOpen } from '#core/assignment/model.ts';
import * as transitions from '#core/assignment/transitions.ts';
import type { Official } from '#core/official.ts';

/**
 * An official withdraws one agency or the whole directive: each a transition of the stored item, then the
 * waiting execution is woken with `Cancelled` (the item is the truth; the wake-up only saves time).
 */

const now = () => new Date().toISOString();

export const cancelAssignment = async (directiveId: string, recipientId: string, by: Official, reason?: string) => {
  const at = now();
  const result = await applyTransition(directiveId, recipientId, at, (a) => transitions.cancel(a, at, by.name, reason));
  if (result.applied) await interrupt(result.assignment, WAKE_ERRORS.cancelled, reason ?? 'Withdrawn by an official');
  return result;
};

/** Withdraws the directive for every recipient still open; the rest keep their outcome. */
export const cancelDirective = async (directiveId: string, by: Official, reason?: string) => {
  await markDirectiveCancelled(directiveId, now(), by.name);
  const open = (await allAssignmentsOf(directiveId)).filter((a) => isOpen(a.status));
  await pMap(open, (a) => cancelAssignment(directiveId, a.recipientId, by, reason), { concurrency: 16 });
  return open.length;
};
