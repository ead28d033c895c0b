/** What the engine reads from a state machine definition, and the definition an execution resumes from. */
import type { ExecutionRecord } from './journal.ts';

export type StateDef = Record<string, unknown> & { Type?: string; Resource?: string };
export type Definition = { StartAt: string; States: Record<string, StateDef> } & Record<string, unknown>;

export const RESUMED = '#resumed';

/** Every Task state, nested ones included: overrides are keyed by state name. */
export const taskStates = (def: { States: Record<string, StateDef> }, into = new Map<string, StateDef>()) => {
  for (const [name, state] of Object.entries(def.States)) {
    if (state.Type === 'Task') into.set(name, state);
    const nested = [state.Iterator, state.ItemProcessor, ...((state.Branches as unknown[]) ?? [])].filter(Boolean);
    for (const n of nested) taskStates(n as Definition, into);
  }
  return into;
};

/** Reads `$.a.b` from a state input: all that TimeoutSecondsPath needs here. */
export const atPath = (input: unknown, path: string) =>
  path
    .replace(/^\$\.?/, '')
    .split('.')
    .filter(Boolean)
    .reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), input);

/** How long a state waits from when it is entered: a Task's timeout, or a Wait state's seconds. */
export const timeoutOf = (state: StateDef, input: unknown): number | undefined => {
  const [fixed, path] = state.Type === 'Wait' ? ['Seconds', 'SecondsPath'] : ['TimeoutSeconds', 'TimeoutSecondsPath'];
  if (typeof state[fixed] === 'number') return state[fixed];
  if (typeof state[path] === 'string') {
    const v = atPath(input, state[path]);
    return typeof v === 'number' ? v : undefined;
  }
  return undefined;
};

/**
 * The definition an execution runs from: the machine's own, or, for one restarted after the process died, the
 * same definition starting at the state it was in. A resumed wait keeps its absolute deadline.
 */
export const resumedAt = (definition: Definition, at?: ExecutionRecord['current']): Definition => {
  if (!at) return definition;
  const name = at.state.endsWith(RESUMED) ? at.state.slice(0, -RESUMED.length) : at.state;
  const state = definition.States[name];
  if (!state) return definition;
  if (at.timeoutAt === undefined) return { ...definition, StartAt: name };
  // The resumed wait keeps its absolute deadline: a copy of the state with what is left of it.
  const left = Math.max(0.001, (at.timeoutAt - Date.now()) / 1000);
  const { TimeoutSecondsPath: _t, SecondsPath: _s, ...rest } = state;
  const resumed = state.Type === 'Wait' ? { ...rest, Seconds: left } : { ...rest, TimeoutSeconds: left };
  return {
    ...definition,
    StartAt: name + RESUMED,
    States: { ...definition.States, [name + RESUMED]: resumed },
  };
};
