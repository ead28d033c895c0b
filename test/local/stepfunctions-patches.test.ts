// Tests for patches/aws-local-stepfunctions+3.0.0.patch. The patch changes the library's ESM build so that local
// executions behave like AWS Step Functions, on Node 20, and under the project's virtual clock:
// 1. Promise.withResolvers (Node >= 22 only) is replaced by a local helper, so Task states run on Node 20.
// 2. TimeoutSecondsPath is read from the state's raw input (before InputPath/Parameters), as on AWS; CDK's
//    Timeout.at('$.x') with Parameters that drop x failed before.
// 3. A Task without TimeoutSeconds/TimeoutSecondsPath has no timeout, as on AWS (the library defaulted to 60 s).
// 4. Timers over 2^31-1 ms (24.8 days) are chained in chunks; setTimeout overflowed and fired them at once.
// 5. setTimerProvider() lets the project's virtual clock drive workflow time (Wait states, Task timeouts).
// 6. Local Task handlers get { signal }, aborted when the Task times out, so the project can invalidate the task
//    token and a late SendTaskSuccess gets TaskTimedOut, as on AWS.
// 7. JSONata, Assign, Arguments, Output and "{% %}" expressions are refused at load; the library ignored them.
// 8. A Retry's interval waits in workflow time too (the setTimerProvider clock), like a Wait state: under the
//    virtual clock a retry is played, not waited for in real time.
import FakeTimers from '@sinonjs/fake-timers';
import {
  ExecutionTimeoutError,
  StateMachine,
  type StateMachineDefinition,
  setTimerProvider,
  type TimerProvider,
} from 'aws-local-stepfunctions';
import { afterEach, describe, expect, it } from 'vitest';

const RESOURCE = 'arn:aws:lambda:ap-southeast-1:000000000000:function:work';
const DAY_S = 86_400;
const DAY_MS = DAY_S * 1000;

type InstalledClock = ReturnType<ReturnType<typeof FakeTimers.withGlobal>['install']>;

let clock: InstalledClock | undefined;

function fakeClock(): InstalledClock {
  clock = FakeTimers.withGlobal(globalThis).install({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  return clock;
}

afterEach(() => {
  clock?.uninstall();
  clock = undefined;
});

/** Records how a promise settles without awaiting it. */
function track(promise: Promise<unknown>) {
  const outcome: { settled: boolean; value?: unknown; error?: unknown } = { settled: false };
  promise.then(
    (value) => Object.assign(outcome, { settled: true, value }),
    (error: unknown) => Object.assign(outcome, { settled: true, error }),
  );
  return outcome;
}

/**
 * Lets the library run until `condition` holds: real event-loop turns, no sleeping. Bounded by time, not by a
 * count of turns: what the library awaits may include I/O (a module it loads lazily), which on a busy machine
 * takes more turns than on a quiet one.
 */
async function until(condition: () => boolean): Promise<void> {
  const started = performance.now();
  while (!condition() && performance.now() - started < 10_000) await new Promise((resolve) => setImmediate(resolve));
  expect(condition()).toBe(true);
}

const never = () => new Promise<never>(() => {});

describe('aws-local-stepfunctions patch', () => {
  it('runs Task states without Promise.withResolvers (Node 20) and installs no global polyfill', async () => {
    const original: unknown = Reflect.get(Promise, 'withResolvers');
    Reflect.deleteProperty(Promise, 'withResolvers'); // as on Node 20, whichever Node runs this test
    try {
      const machine = new StateMachine({
        StartAt: 'Work',
        States: { Work: { Type: 'Task', Resource: RESOURCE, TimeoutSeconds: 5, End: true } },
      });
      const { result } = machine.run(
        { n: 1 },
        { overrides: { taskResourceLocalHandlers: { Work: (input) => ({ echoed: input }) } } },
      );
      await expect(result).resolves.toEqual({ echoed: { n: 1 } });
      expect(Reflect.has(Promise, 'withResolvers')).toBe(false);
    } finally {
      if (original !== undefined) Reflect.set(Promise, 'withResolvers', original);
    }
  });

  it('reads TimeoutSecondsPath from the raw state input, not from the Parameters output', async () => {
    const fake = fakeClock();
    const received: unknown[] = [];
    const machine = new StateMachine({
      StartAt: 'Work',
      States: {
        Work: {
          Type: 'Task',
          Resource: RESOURCE,
          Parameters: { 'x.$': '$.x' },
          TimeoutSecondsPath: '$.wait',
          Catch: [{ ErrorEquals: ['States.Timeout'], ResultPath: '$.error', Next: 'TimedOut' }],
          End: true,
        },
        TimedOut: { Type: 'Pass', End: true },
      },
    });
    const handler = (input: unknown) => {
      received.push(input);
      return never();
    };
    const outcome = track(
      machine.run({ x: 7, wait: 3600 }, { overrides: { taskResourceLocalHandlers: { Work: handler } } }).result,
    );

    await fake.tickAsync(3600 * 1000 - 1);
    expect(received).toEqual([{ x: 7 }]);
    expect(outcome.settled).toBe(false);
    await fake.tickAsync(1);
    expect(outcome).toMatchObject({ settled: true, value: { x: 7, wait: 3600, error: { Error: 'States.Timeout' } } });
  });

  it('gives a Task without TimeoutSeconds/TimeoutSecondsPath no timeout (no 60 s default)', async () => {
    const fake = fakeClock();
    const machine = new StateMachine({
      StartAt: 'Work',
      States: { Work: { Type: 'Task', Resource: RESOURCE, End: true } },
    });
    const slowHandler = () =>
      new Promise<{ ok: boolean }>((resolve) => setTimeout(() => resolve({ ok: true }), 61_000));
    const outcome = track(machine.run({}, { overrides: { taskResourceLocalHandlers: { Work: slowHandler } } }).result);

    await fake.tickAsync(61_000);
    expect(outcome).toEqual({ settled: true, value: { ok: true } });
  });

  it('keeps timers longer than 2^31-1 ms: Wait, Task timeout, retry backoff and execution TimeoutSeconds', async () => {
    const fake = fakeClock();

    // Wait of 40 days inside an execution limited to 50 days.
    const waiting = new StateMachine({
      TimeoutSeconds: 50 * DAY_S,
      StartAt: 'Wait',
      States: { Wait: { Type: 'Wait', Seconds: 40 * DAY_S, End: true } },
    });
    const waited = track(waiting.run({ a: 1 }).result);
    await fake.tickAsync(40 * DAY_MS - 1000);
    expect(waited.settled).toBe(false);
    await fake.tickAsync(1000);
    expect(waited).toEqual({ settled: true, value: { a: 1 } });

    // Task timeout of 25 days, then a 30-day retry backoff, then success: 55 days in all.
    let attempts = 0;
    const retrying = new StateMachine({
      StartAt: 'Work',
      States: {
        Work: {
          Type: 'Task',
          Resource: RESOURCE,
          TimeoutSeconds: 25 * DAY_S,
          Retry: [{ ErrorEquals: ['States.Timeout'], IntervalSeconds: 30 * DAY_S, MaxAttempts: 1 }],
          End: true,
        },
      },
    });
    const handler = () => (attempts++ === 0 ? never() : { attempts });
    const retried = track(retrying.run({}, { overrides: { taskResourceLocalHandlers: { Work: handler } } }).result);
    await fake.tickAsync(25 * DAY_MS - 1000);
    expect(attempts).toBe(1);
    await fake.tickAsync(30 * DAY_MS);
    expect(attempts).toBe(1);
    expect(retried.settled).toBe(false);
    await fake.tickAsync(1000);
    expect(retried).toEqual({ settled: true, value: { attempts: 2 } });

    // Execution TimeoutSeconds of 30 days around a 40-day Wait.
    const timingOut = new StateMachine({
      TimeoutSeconds: 30 * DAY_S,
      StartAt: 'Wait',
      States: { Wait: { Type: 'Wait', Seconds: 40 * DAY_S, End: true } },
    });
    const timedOut = track(timingOut.run({}).result);
    await fake.tickAsync(30 * DAY_MS - 1000);
    expect(timedOut.settled).toBe(false);
    await fake.tickAsync(1000);
    expect(timedOut.error).toBeInstanceOf(ExecutionTimeoutError);
  });

  it('runs Wait states and Task timeouts on the setTimerProvider clock; undefined restores real timers', async () => {
    const timers: { fn: () => void; ms: number; cleared: boolean }[] = [];
    const provider: TimerProvider = {
      setTimeout(fn, ms) {
        const timer = { fn, ms, cleared: false };
        timers.push(timer);
        return timer;
      },
      clearTimeout(handle) {
        (handle as { cleared: boolean }).cleared = true;
      },
    };
    const machine = new StateMachine({
      TimeoutSeconds: 3 * DAY_S, // execution-level timeout stays on real timers
      StartAt: 'Wait',
      States: {
        Wait: { Type: 'Wait', Seconds: 3600, Next: 'Quick' },
        Quick: { Type: 'Task', Resource: RESOURCE, TimeoutSeconds: 30, Next: 'Stuck' },
        Stuck: {
          Type: 'Task',
          Resource: RESOURCE,
          TimeoutSeconds: 90,
          Catch: [{ ErrorEquals: ['States.Timeout'], ResultPath: '$.error', Next: 'Done' }],
          End: true,
        },
        Done: { Type: 'Pass', End: true },
      },
    });

    setTimerProvider(provider);
    try {
      const handlers = { Quick: <T>(input: T) => input, Stuck: never };
      const outcome = track(machine.run({ n: 1 }, { overrides: { taskResourceLocalHandlers: handlers } }).result);
      await until(() => timers.length === 1);
      expect(timers[0]?.ms).toBe(3_600_000);
      expect(outcome.settled).toBe(false);
      timers[0]?.fn();
      await until(() => timers.length === 3);
      expect(timers.map(({ ms, cleared }) => ({ ms, cleared }))).toEqual([
        { ms: 3_600_000, cleared: false },
        { ms: 30_000, cleared: true },
        { ms: 90_000, cleared: false },
      ]);
      expect(outcome.settled).toBe(false);
      timers[2]?.fn();
      await until(() => outcome.settled);
      expect(outcome.value).toMatchObject({ n: 1, error: { Error: 'States.Timeout' } });
    } finally {
      setTimerProvider(undefined);
    }

    const quick = new StateMachine({ StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 3600, End: true } } });
    const { result } = quick.run({ m: 2 }, { overrides: { waitTimeOverrides: { W: 5 } } });
    await expect(result).resolves.toEqual({ m: 2 });
    expect(timers).toHaveLength(3);
  });

  it('waits a Retry interval on the setTimerProvider clock', async () => {
    const timers: { fn: () => void; ms: number }[] = [];
    const provider: TimerProvider = {
      setTimeout(fn, ms) {
        const timer = { fn, ms };
        timers.push(timer);
        return timer;
      },
      clearTimeout() {},
    };
    const machine = new StateMachine({
      StartAt: 'Flaky',
      States: {
        Flaky: {
          Type: 'Task',
          Resource: RESOURCE,
          Retry: [{ ErrorEquals: ['Boom'], IntervalSeconds: 3600, MaxAttempts: 1 }],
          End: true,
        },
      },
    });
    let attempts = 0;
    const flaky = () => {
      attempts++;
      if (attempts === 1) throw Object.assign(new Error('once'), { name: 'Boom' });
      return { attempts };
    };
    setTimerProvider(provider);
    try {
      const outcome = track(machine.run({}, { overrides: { taskResourceLocalHandlers: { Flaky: flaky } } }).result);
      await until(() => timers.length === 1);
      // Without the patch the interval ran on real timers: nothing reached the provider.
      expect(timers[0]?.ms).toBe(3_600_000);
      expect(attempts).toBe(1);
      timers[0]?.fn();
      await until(() => outcome.settled);
      expect(outcome.value).toEqual({ attempts: 2 });
    } finally {
      setTimerProvider(undefined);
    }
  });

  it("aborts the local handler's signal when its Task times out, and not after it completed", async () => {
    const fake = fakeClock();
    const signals: (AbortSignal | undefined)[] = [];
    const machine = new StateMachine({
      StartAt: 'Slow',
      States: {
        Slow: {
          Type: 'Task',
          Resource: RESOURCE,
          TimeoutSeconds: 10,
          Catch: [{ ErrorEquals: ['States.Timeout'], ResultPath: '$.error', Next: 'Fast' }],
          End: true,
        },
        Fast: { Type: 'Task', Resource: RESOURCE, TimeoutSeconds: 10, End: true },
      },
    });
    const outcome = track(
      machine.run(
        {},
        {
          overrides: {
            taskResourceLocalHandlers: {
              Slow: (_input, options) => {
                signals.push(options?.signal);
                return never();
              },
              Fast: (input, options) => {
                signals.push(options?.signal);
                return input;
              },
            },
          },
        },
      ).result,
    );

    await fake.tickAsync(10_000 - 1);
    expect(signals).toHaveLength(1);
    expect(signals[0]?.aborted).toBe(false);
    await fake.tickAsync(1);
    expect(signals[0]?.aborted).toBe(true);
    expect(signals[0]?.reason).toBeInstanceOf(Error);
    expect(signals[0]?.reason).toMatchObject({ name: 'States.Timeout' });
    expect(outcome).toMatchObject({ settled: true, value: { error: { Error: 'States.Timeout' } } });

    expect(signals[1]).toBeInstanceOf(AbortSignal);
    await fake.tickAsync(60_000);
    expect(signals[1]?.aborted).toBe(false);
  });

  it('refuses JSONata, Assign, Arguments, Output and {% %} expressions when the definition loads', () => {
    const pass = { Type: 'Pass', End: true } as const;
    const cases: [string, unknown][] = [
      ['QueryLanguage "JSONata"', { QueryLanguage: 'JSONata', StartAt: 'P', States: { P: pass } }],
      ['QueryLanguage "JSONata"', { StartAt: 'P', States: { P: { ...pass, QueryLanguage: 'JSONata' } } }],
      ['"Assign" field', { StartAt: 'P', States: { P: { ...pass, Assign: { v: 1 } } } }],
      ['"Output" field', { StartAt: 'P', States: { P: { ...pass, Output: { v: 1 } } } }],
      [
        '"Arguments" field',
        { StartAt: 'T', States: { T: { Type: 'Task', Resource: RESOURCE, Arguments: {}, End: true } } },
      ],
      [
        '{% ... %}',
        { StartAt: 'T', States: { T: { Type: 'Task', Resource: RESOURCE, TimeoutSeconds: '{% 5 %}', End: true } } },
      ],
      [
        '"Assign" field',
        {
          StartAt: 'M',
          States: {
            M: {
              Type: 'Map',
              ItemProcessor: { StartAt: 'I', States: { I: { ...pass, Assign: { v: 1 } } } },
              End: true,
            },
          },
        },
      ],
      [
        '{% ... %}',
        {
          StartAt: 'B',
          States: {
            B: {
              Type: 'Parallel',
              Branches: [{ StartAt: 'I', States: { I: { ...pass, Parameters: { v: '{% $states.input %}' } } } }],
              End: true,
            },
          },
        },
      ],
    ];
    for (const [problem, definition] of cases) {
      for (const options of [undefined, { validationOptions: { noValidate: true } }]) {
        expect(() => new StateMachine(definition as StateMachineDefinition, options)).toThrow(
          `Unsupported state machine definition`,
        );
        expect(() => new StateMachine(definition as StateMachineDefinition, options)).toThrow(problem);
      }
    }
    // JSONPath payloads may still use these words as keys.
    expect(
      () => new StateMachine({ StartAt: 'P', States: { P: { ...pass, Parameters: { Output: 1, Assign: 2 } } } }),
    ).not.toThrow();
  });
});
