import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimerProvider } from 'aws-local-stepfunctions';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../local/clock.ts';
import { LambdaRuntime } from '../../local/lambda-runtime.ts';
import { type SfnError, StepFunctionsEngine } from '../../local/stepfunctions/engine.ts';
import { tokens } from './fixtures/token-keeper.ts';

const FN = 'arn:aws:lambda:ap-southeast-1:000000000000:function:Keeper';
const MACHINE = 'arn:aws:states:ap-southeast-1:000000000000:stateMachine:wait';

/** GIVEN a machine that waits for a token at most `$.wait` seconds, and catches the timeout. */
const definition = {
  StartAt: 'Wait',
  States: {
    Wait: {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
      Parameters: { FunctionName: FN, Payload: { 'taskToken.$': '$$.Task.Token' } },
      TimeoutSecondsPath: '$.wait',
      Catch: [{ ErrorEquals: ['States.Timeout'], ResultPath: '$.error', Next: 'TimedOut' }],
      Next: 'Answered',
    },
    Answered: { Type: 'Succeed' },
    TimedOut: { Type: 'Pass', Result: 'timed out', End: true },
  },
};

const start = (journal: string) => {
  const lambda = new LambdaRuntime(
    [
      {
        logicalId: 'Keeper',
        name: 'Keeper',
        arn: FN,
        entry: 'test/local/fixtures/token-keeper.ts',
        environment: {},
        timeoutSeconds: 3,
      },
    ],
    join(import.meta.dirname, '..', '..'),
  );
  const engine = new StepFunctionsEngine(lambda, journal);
  engine.register({ name: 'wait', arn: MACHINE, definition });
  return engine;
};

describe('local Step Functions engine', () => {
  let clock: VirtualClock;
  let journal: string;

  beforeEach(() => {
    clock = new VirtualClock(Date.parse('2021-01-30T01:00:00Z'));
    setTimerProvider(clock.provider);
    journal = join(mkdtempSync(join(tmpdir(), 'engine-')), 'journal.jsonl');
    tokens.length = 0;
  });
  afterEach(() => {
    setTimerProvider(undefined);
    clock.dispose();
  });

  it('answers TaskTimedOut for the token of a wait that timed out, as AWS does', async () => {
    const engine = start(journal);
    const execution = engine.start(MACHINE, 'stale', JSON.stringify({ wait: 3600 }));
    await engine.settled();
    const token = tokens.at(-1) ?? '';
    expect(token).not.toBe('');

    clock.fireDue(clock.now() + 3601_000);
    await engine.settled();

    expect(() => engine.sendTaskSuccess(token, '{}')).toThrowError(
      expect.objectContaining({ type: 'TaskTimedOut' }) as unknown as SfnError,
    );
    expect(engine.describe(execution.arn)).toMatchObject({ status: 'SUCCEEDED', output: '"timed out"' });
  });

  it('answers InvalidToken for a token it never minted, and keeps a live token working', async () => {
    const engine = start(journal);
    const execution = engine.start(MACHINE, 'live', JSON.stringify({ wait: 3600 }));
    await engine.settled();

    expect(() => engine.sendTaskSuccess('not-a-token', '{}')).toThrowError(
      expect.objectContaining({ type: 'InvalidToken' }) as unknown as SfnError,
    );
    engine.sendTaskSuccess(tokens.at(-1) ?? '', '{"answer":1}');
    await engine.settled();
    expect(engine.describe(execution.arn)).toMatchObject({ status: 'SUCCEEDED', output: '{"answer":1}' });
  });

  it('restarts an open wait from the journal with the time it had left, not a new full timeout', async () => {
    const first = start(journal);
    const execution = first.start(MACHINE, 'durable', JSON.stringify({ wait: 3600 }));
    await first.settled();
    clock.fireDue(clock.now() + 1800_000); // half an hour passes, then the process dies

    const second = start(journal);
    second.resume();
    await second.settled();
    expect(second.describe(execution.arn).status).toBe('RUNNING');

    clock.fireDue(clock.now() + 1799_000);
    await second.settled();
    expect(second.describe(execution.arn).status).toBe('RUNNING');
    clock.fireDue(clock.now() + 2_000);
    await second.settled();
    expect(second.describe(execution.arn)).toMatchObject({ status: 'SUCCEEDED', output: '"timed out"' });
  });

  it('starts an execution once per name: the same input is the same execution, another is refused', async () => {
    const engine = start(journal);
    const a = engine.start(MACHINE, 'once', JSON.stringify({ wait: 60 }));
    expect(engine.start(MACHINE, 'once', JSON.stringify({ wait: 60 })).arn).toBe(a.arn);
    expect(() => engine.start(MACHINE, 'once', JSON.stringify({ wait: 61 }))).toThrowError(
      expect.objectContaining({ type: 'ExecutionAlreadyExists' }) as unknown as SfnError,
    );
    await engine.settled();
  });
});
