import aslValidator from 'asl-validator';
import { describe, expect, it } from 'vitest';
import { FANOUT_RECOVERY_ATTEMPTS } from '#contracts/workflow.ts';
import { THROTTLING_ERRORS } from '../../workflows/retries.ts';
import { type Json, joined, ofType, template } from '../support/template.ts';

/**
 * The two state machines as synthesized: Standard, every wait bounded, every task retried, and no path that
 * leaves an open assignment untracked.
 */

type State = Json & {
  Type: string;
  Next?: string;
  End?: boolean;
  Resource?: string;
  Catch?: { ErrorEquals: string[]; Next: string }[];
  Retry?: { ErrorEquals: string[] }[];
  Choices?: { Variable?: string; BooleanEquals?: boolean; Next: string }[];
  Default?: string;
};
type Definition = { StartAt: string; States: Record<string, State> };

const machines = ofType('AWS::StepFunctions::StateMachine').map(([id, r]) => ({
  id,
  properties: r.Properties ?? {},
  definition: JSON.parse(joined(r.Properties?.DefinitionString)) as Definition,
}));

/** Every state, nested ones (Map, Parallel) included. */
const allStates = (definition: Definition): [string, State][] =>
  Object.entries(definition.States).flatMap(([name, state]) => {
    const nested = [state.ItemProcessor, state.Iterator, ...((state.Branches as Definition[] | undefined) ?? [])]
      .filter((d): d is Definition => typeof d === 'object' && d !== null)
      .flatMap(allStates);
    return [[name, state] as [string, State], ...nested];
  });

const assignmentMachine = () => {
  const found = machines.filter((m) =>
    Object.values(m.definition.States).some((s) => s.Resource?.endsWith('.waitForTaskToken')),
  );
  expect(found).toHaveLength(1);
  return found[0] as (typeof machines)[number];
};

describe('state machines', () => {
  it('there are two, both STANDARD (the waits last days: Express stops at 5 minutes)', () => {
    expect(machines.map((m) => m.properties.StateMachineType)).toEqual(['STANDARD', 'STANDARD']);
    template.allResourcesProperties('AWS::StepFunctions::StateMachine', { StateMachineType: 'STANDARD' });
  });

  it('every callback wait has a timeout and goes to a checkpoint on States.Timeout', () => {
    const { definition } = assignmentMachine();
    const waits = allStates(definition).filter(([, s]) => s.Resource?.endsWith('.waitForTaskToken'));
    expect(waits.map(([name]) => name)).toEqual(['AwaitRecipient']);
    for (const [, state] of waits) {
      expect(state.TimeoutSecondsPath ?? state.TimeoutSeconds).toBeDefined();
      const timeout = state.Catch?.find((c) => c.ErrorEquals.includes('States.Timeout'));
      expect(timeout).toBeDefined();
      expect(definition.States[timeout?.Next ?? '']?.Type).toBe('Task');
      // The token is passed to the task; the link never carries it.
      expect(JSON.stringify(state.Parameters)).toContain('"taskToken.$":"$$.Task.Token"');
    }
    expect(waits[0]?.[1].TimeoutSecondsPath).toBe('$.plan.timeoutSeconds');
  });

  it('the wait catches Cancelled (ends quietly) and Rescheduled (re-plans through the checkpoint)', () => {
    const { definition } = assignmentMachine();
    const wait = definition.States.AwaitRecipient as State;
    const target = (error: string) => wait.Catch?.find((c) => c.ErrorEquals.includes(error))?.Next;
    expect(target('Cancelled')).toBeDefined();
    expect(definition.States[target('Cancelled') ?? '']?.Type).toBe('Succeed');
    expect(target('Rescheduled')).toBe(target('States.Timeout'));
    expect(target('Rescheduled')).toBe('Checkpoint');
    // Deliver's permanent failure has its own end: the assignment is closed (DELIVERY_FAILED), not the run failed.
    const deliver = definition.States.Deliver as State;
    const undeliverable = deliver.Catch?.find((c) => c.ErrorEquals.includes('DeliveryFailed'))?.Next;
    expect(definition.States[undeliverable ?? '']).toMatchObject({ Type: 'Succeed' });
  });

  it('every Task state of every machine retries what may pass (its own TransientError, Lambda, throttling) with backoff', () => {
    for (const { definition } of machines) {
      const tasks = allStates(definition).filter(([, s]) => s.Type === 'Task');
      expect(tasks.length).toBeGreaterThan(0);
      for (const [name, state] of tasks) {
        const retry = state.Retry?.find((r) => r.ErrorEquals.includes('TransientError'));
        expect(retry, `${name} retries TransientError`).toBeDefined();
        expect(retry?.ErrorEquals).toEqual(expect.arrayContaining([...THROTTLING_ERRORS, 'Lambda.ServiceException']));
        expect(retry).toMatchObject({ BackoffRate: 2, JitterStrategy: 'FULL' });
        // One retrier: the same errors are not retried twice over by CDK's default.
        expect(state.Retry).toHaveLength(1);
      }
    }
  });

  it('no path of the assignment machine fails: every task catches the rest into Recover, which waits and resumes', () => {
    const { definition } = assignmentMachine();
    const states = definition.States as Record<string, State & { Next?: string; Default?: string }>;
    expect(Object.values(states).filter((s) => s.Type === 'Fail')).toEqual([]);
    for (const [name, state] of Object.entries(states)) {
      if (state.Type !== 'Task' || name === 'Recover') continue;
      const last = state.Catch?.at(-1);
      expect(last?.ErrorEquals, `${name} catches States.ALL last`).toEqual(['States.ALL']);
      expect(last?.Next, `${name} recovers`).toBe('Recover');
    }
    // Recover waits (as long as it says, or a fixed time if it cannot even record the failure) and resumes.
    const recover = states.Recover as State & { Next?: string };
    expect(states[recover.Next ?? '']).toMatchObject({ Type: 'Wait', SecondsPath: '$.recovery.waitSeconds' });
    expect(states[recover.Next ?? '']?.Next).toBe('Checkpoint');
    const later = recover.Catch?.find((c) => c.ErrorEquals.includes('States.ALL'))?.Next ?? '';
    expect(states[later]).toMatchObject({ Type: 'Wait', Next: 'Checkpoint' });
    // The only ends are Succeed states: closed (Complete, Withdrawn, Undeliverable) or continued (Renewed).
    const ends = Object.entries(states).filter(([, s]) => s.Type === 'Succeed' || (s as { End?: boolean }).End);
    expect(ends.map(([n]) => n).sort()).toEqual(['Complete', 'Renewed', 'Undeliverable', 'Withdrawn']);
  });

  it('every definition passes asl-validator', () => {
    expect(machines.length).toBeGreaterThan(0);
    for (const { id, definition } of machines) {
      const result = aslValidator(structuredClone(definition), { checkArn: false, checkPaths: true });
      expect(result.isValid, `${id}:\n${result.errorsText()}`).toBe(true);
    }
  });

  it('the assignment happy path is short: Deliver → AwaitRecipient → Route → Complete', () => {
    const { definition } = assignmentMachine();
    expect(definition.StartAt).toBe('Deliver');
    const path: string[] = [];
    let current: string | undefined = definition.StartAt;
    while (current && !path.includes(current)) {
      path.push(current);
      current = definition.States[current]?.Next;
    }
    expect(path).toEqual(['Deliver', 'AwaitRecipient', 'Route']);

    const route = definition.States.Route as State;
    expect(route.Type).toBe('Choice');
    const done = route.Choices?.find((c) => c.Variable === '$.plan.done' && c.BooleanEquals === true);
    expect(done?.Next).toBe('Complete');
    expect(route.Default).toBe('AwaitRecipient');
    expect(definition.States.Complete).toMatchObject({ Type: 'Task', End: true });
    // The checkpoint goes back to the same choice, so every wait sits at the top level.
    expect(definition.States.Checkpoint?.Next).toBe('Route');
    for (const name of ['Deliver', 'AwaitRecipient', 'Route', 'Checkpoint', 'Complete'])
      expect(Object.keys(definition.States)).toContain(name);
    // No Map or Parallel in the per-assignment machine: nothing nests, nothing counts against Map Runs.
    expect(Object.values(definition.States).some((s) => s.Type === 'Map' || s.Type === 'Parallel')).toBe(false);
  });

  it('the fan-out is an inline Map over batches with bounded concurrency', () => {
    const fanout = machines.find((m) => m !== assignmentMachine());
    const map = Object.values(fanout?.definition.States ?? {}).find((s) => s.Type === 'Map');
    expect(map).toMatchObject({ ItemsPath: '$.planned.batches', MaxConcurrency: 5 });
    expect((map?.ItemProcessor as Json | undefined)?.ProcessorConfig).toEqual({ Mode: 'INLINE' });
  });

  it('the fan-out catches what its retries did not absorb into Recover, which waits and plans again', () => {
    const fanout = machines.find((m) => m !== assignmentMachine());
    const states = (fanout?.definition.States ?? {}) as Record<string, State & { Next?: string }>;
    // The plan and the Map of batches (not the task inside it: caught there, a failed batch would read as started).
    for (const name of ['PlanBatches', 'StartBatches']) {
      const last = states[name]?.Catch?.at(-1);
      expect(last?.ErrorEquals, `${name} catches States.ALL last`).toEqual(['States.ALL']);
      expect(last?.Next, `${name} recovers`).toBe('Recover');
    }
    const inner = allStates(fanout?.definition ?? { StartAt: '', States: {} }).find(([n]) => n === 'StartBatch');
    expect(inner?.[1].Catch).toBeUndefined();
    // Recover keeps the attempt count beside the plan, and the plan keeps the input: both survive a plan again.
    expect(states.PlanBatches).toMatchObject({ ResultPath: '$.planned' });
    expect(states.StartBatches).toMatchObject({ ItemsPath: '$.planned.batches' });
    expect(states.Recover).toMatchObject({ ResultPath: '$.recovery' });
    const giveUp = states[states.Recover?.Next ?? ''] as State;
    expect(giveUp.Type).toBe('Choice');
    expect(giveUp.Choices).toEqual([
      { Variable: '$.recovery.attempt', NumericGreaterThanEquals: FANOUT_RECOVERY_ATTEMPTS, Next: 'GaveUp' },
    ]);
    expect(states[giveUp.Default ?? '']).toMatchObject({ Type: 'Wait', SecondsPath: '$.recovery.waitSeconds' });
    expect(states[giveUp.Default ?? '']?.Next).toBe('PlanBatches');
    const later = states.Recover?.Catch?.find((c) => c.ErrorEquals.includes('States.ALL'))?.Next ?? '';
    expect(states[later]).toMatchObject({ Type: 'Wait', Next: 'PlanBatches' });
    // The one Fail is the give-up, after about a day of recoveries; the sweeper starts what it did not.
    expect(Object.entries(states).filter(([, s]) => s.Type === 'Fail')).toEqual([
      ['GaveUp', expect.objectContaining({ Error: 'FanoutGaveUp' })],
    ]);
  });
});
