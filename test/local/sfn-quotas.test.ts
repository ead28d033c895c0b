import { SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAwsEndpoint } from '../../local/aws-endpoint.ts';
import { LambdaRuntime } from '../../local/lambda-runtime.ts';
import { stepFunctionsApi } from '../../local/stepfunctions/api.ts';
import { StepFunctionsEngine } from '../../local/stepfunctions/engine.ts';
import { SFN_QUOTAS, SfnQuotas, TokenBucket } from '../../local/stepfunctions/quotas.ts';

/** AWS's Step Functions token buckets, as `npm start -- --sfn-quotas large|other` enforces them. */

const MACHINE = 'arn:aws:states:ap-southeast-1:000000000000:stateMachine:pass';
const definition = { StartAt: 'Done', States: { Done: { Type: 'Pass', End: true } } };

/** A clock the test moves by hand (milliseconds), so that no test waits for a bucket to refill. */
const manualClock = () => {
  let t = 0;
  return {
    now: () => t,
    advance: (ms: number) => {
      t += ms;
    },
  };
};

const engineWith = () => {
  const engine = new StepFunctionsEngine(new LambdaRuntime([], process.cwd()));
  engine.register({ name: 'pass', arn: MACHINE, definition });
  return engine;
};

const startBody = (i: number) => ({ stateMachineArn: MACHINE, name: `run-${i}`, input: '{}' });

describe('token bucket', () => {
  it('gives its burst at once, then one token per 1/refill second, never more than the burst', () => {
    const clock = manualClock();
    const bucket = new TokenBucket({ burst: 3, refillPerSecond: 2 }, clock.now);
    expect([1, 2, 3, 4].map(() => bucket.tryTake())).toEqual([true, true, true, false]);
    clock.advance(499);
    expect(bucket.tryTake()).toBe(false);
    clock.advance(1);
    expect(bucket.tryTake()).toBe(true);
    clock.advance(60_000);
    expect(bucket.available()).toBe(3);
  });

  it('lends past empty and says how long the debt takes to pay back', () => {
    const clock = manualClock();
    const bucket = new TokenBucket({ burst: 2, refillPerSecond: 4 }, clock.now);
    expect([bucket.borrow(), bucket.borrow()]).toEqual([0, 0]);
    expect(bucket.borrow()).toBe(250);
    expect(bucket.borrow()).toBe(500);
    clock.advance(250);
    expect(bucket.owed()).toBe(250);
    clock.advance(250);
    expect(bucket.owed()).toBe(0);
  });

  it('carries the figures of the service quotas page', () => {
    expect(SFN_QUOTAS.large.startExecution).toEqual({ burst: 1300, refillPerSecond: 300 });
    expect(SFN_QUOTAS.other.startExecution).toEqual({ burst: 800, refillPerSecond: 150 });
    expect(SFN_QUOTAS.large.stateTransition).toEqual({ burst: 5000, refillPerSecond: 5000 });
    expect(SFN_QUOTAS.other.stateTransition).toEqual({ burst: 800, refillPerSecond: 800 });
    expect(SFN_QUOTAS.large.taskCalls).toEqual({ burst: 3000, refillPerSecond: 500 });
    expect(SFN_QUOTAS.other.taskCalls).toEqual({ burst: 1500, refillPerSecond: 300 });
  });
});

describe('the endpoint with quotas', () => {
  it('a burst of StartExecution above the bucket: the rest is ThrottlingException and starts nothing', () => {
    const clock = manualClock();
    const engine = engineWith();
    const quotas = new SfnQuotas('other', clock.now);
    const api = stepFunctionsApi(engine, quotas);
    const answers = Array.from({ length: 820 }, (_, i) => api('AWSStepFunctions.StartExecution', startBody(i)));

    expect(answers.filter((a) => a.status === 200)).toHaveLength(800);
    const refused = answers.slice(800);
    for (const a of refused)
      expect(a).toEqual({
        status: 400,
        body: { __type: 'com.amazon.coral.availability#ThrottlingException', message: 'Rate exceeded' },
      });
    expect(engine.named('run-')).toHaveLength(800);
    expect(quotas.stats().throttled).toEqual({ StartExecution: 20 });
    // Other calls are not limited by StartExecution's bucket.
    expect(api('AWSStepFunctions.ListStateMachines', {}).status).toBe(200);

    clock.advance(100); // 15 tokens at 150/s
    const later = Array.from({ length: 20 }, (_, i) => api('AWSStepFunctions.StartExecution', startBody(900 + i)));
    expect(later.filter((a) => a.status === 200)).toHaveLength(15);
  });

  it('without quotas the same burst starts every execution', () => {
    const engine = engineWith();
    const api = stepFunctionsApi(engine);
    const answers = Array.from({ length: 820 }, (_, i) => api('AWSStepFunctions.StartExecution', startBody(i)));
    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect(engine.named('run-')).toHaveLength(820);
  });

  it('SendTaskSuccess has its own bucket, refused before the token is looked at', () => {
    const quotas = new SfnQuotas('other', manualClock().now);
    const api = stepFunctionsApi(engineWith(), quotas);
    const answers = Array.from({ length: 1501 }, () =>
      api('AWSStepFunctions.SendTaskSuccess', { taskToken: 'x', output: '{}' }),
    );
    // Within the bucket: the token is unknown (InvalidToken); past it: throttled.
    expect(answers.filter((a) => (a.body as { __type: string }).__type === 'InvalidToken')).toHaveLength(1500);
    expect(answers[1500]?.body).toMatchObject({ __type: expect.stringMatching(/#ThrottlingException$/) });
  });
});

describe('the SDK against the throttled endpoint', () => {
  let endpoint: Awaited<ReturnType<typeof startAwsEndpoint>>;
  const clock = manualClock();
  const engine = engineWith();

  beforeAll(async () => {
    const quotas = new SfnQuotas('other', clock.now);
    endpoint = await startAwsEndpoint({ 'AWSStepFunctions.': stepFunctionsApi(engine, quotas) }, async () => ({
      status: 404,
      headers: {},
      body: Buffer.alloc(0),
    }));
    // Empties the bucket.
    for (let i = 0; i < 800; i++) stepFunctionsApi(engine, quotas)('AWSStepFunctions.StartExecution', startBody(i));
  });
  afterAll(() => endpoint.close());

  it('reads the answer as ThrottlingException, an error its retry strategy classes as a throttle', async () => {
    const client = new SFNClient({
      endpoint: endpoint.endpoint,
      region: 'ap-southeast-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      maxAttempts: 1,
    });
    const error = await client.send(new StartExecutionCommand(startBody(5000))).catch((e: unknown) => e);
    expect(error).toMatchObject({
      name: 'ThrottlingException',
      message: 'Rate exceeded',
      $metadata: { httpStatusCode: 400 },
    });
    expect(engine.named('run-5000')).toHaveLength(0);
  });
});

describe('--sfn-hold-runs', () => {
  const statusOf = (engine: StepFunctionsEngine, name: string) => engine.named(name)[0]?.status;
  const until = (engine: StepFunctionsEngine, done: () => boolean) =>
    new Promise<void>((resolve) => {
      const check = () => {
        if (!done()) return;
        engine.off('change', check);
        resolve();
      };
      engine.on('change', check);
      check();
    });

  it('starts the held machine’s executions without running them until release, and runs the others', async () => {
    const engine = engineWith();
    const other = 'arn:aws:states:ap-southeast-1:000000000000:stateMachine:free';
    engine.register({ name: 'free', arn: other, definition });
    engine.holdRunsOf = 'pass';
    const api = stepFunctionsApi(engine);
    expect(api('AWSStepFunctions.StartExecution', startBody(1)).status).toBe(200);
    expect(api('AWSStepFunctions.StartExecution', { stateMachineArn: other, name: 'free-1', input: '{}' }).status).toBe(
      200,
    );

    await until(engine, () => statusOf(engine, 'free-1') === 'SUCCEEDED');
    expect(statusOf(engine, 'run-1')).toBe('RUNNING');
    expect(engine.stats()).toMatchObject({ held: 1 });

    expect(engine.release()).toBe(1);
    await until(engine, () => statusOf(engine, 'run-1') === 'SUCCEEDED');
    expect(engine.stats()).toMatchObject({ held: 0 });
  });
});
