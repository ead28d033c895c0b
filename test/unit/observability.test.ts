import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { httpEvent } from '../support/events.ts';

/**
 * Powertools Logger and Metrics as every function uses them: what reaches stdout/stderr (CloudWatch Logs on
 * AWS) for a Step Functions task and an HTTP request, and that nothing of one invocation leaks into the next.
 */

type Observability = typeof import('#adapters/observability.ts');
type Line = Record<string, unknown>;

const POWERTOOLS_VARIABLES = ['POWERTOOLS_DEV', 'POWERTOOLS_METRICS_DISABLED', 'POWERTOOLS_LOG_LEVEL', 'LOG_LEVEL'];

/** Imports a fresh copy of the module (new logger, new metrics) under the given Powertools variables. */
const load = async (env: Record<string, string> = {}): Promise<Observability> => {
  for (const name of POWERTOOLS_VARIABLES) delete process.env[name];
  // Lambda sets it in every on-demand container; Powertools reports a cold start only then.
  Object.assign(process.env, { AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand' }, env);
  vi.resetModules();
  return import('#adapters/observability.ts');
};

let written: string[] = [];
beforeEach(() => {
  written = [];
  const capture = (chunk: unknown) => {
    written.push(String(chunk));
    return true;
  };
  vi.spyOn(process.stdout, 'write').mockImplementation(capture);
  vi.spyOn(process.stderr, 'write').mockImplementation(capture);
});
afterEach(() => {
  vi.restoreAllMocks();
  for (const name of [...POWERTOOLS_VARIABLES, 'AWS_LAMBDA_INITIALIZATION_TYPE']) delete process.env[name];
});

const lines = (): Line[] =>
  written
    .join('')
    .split('\n')
    .filter((l) => l.trim().startsWith('{'))
    .map((l) => JSON.parse(l) as Line);
const logLines = () => lines().filter((l) => !('_aws' in l));
const emfLines = () => lines().filter((l) => '_aws' in l);
const metricNames = (line: Line) =>
  (line._aws as { CloudWatchMetrics: { Metrics: { Name: string }[] }[] }).CloudWatchMetrics.flatMap((m) =>
    m.Metrics.map((x) => x.Name),
  );
const dimensionSets = (line: Line) =>
  (line._aws as { CloudWatchMetrics: { Dimensions: string[][]; Namespace: string }[] }).CloudWatchMetrics.map((m) => ({
    namespace: m.Namespace,
    dimensions: m.Dimensions,
  }));

let requests = 0;
const context = (): Context =>
  ({
    functionName: 'Checkpoint',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:ap-southeast-1:000000000000:function:Checkpoint',
    memoryLimitInMB: '512',
    awsRequestId: `request-${++requests}`,
    logGroupName: '/aws/lambda/Checkpoint',
    logStreamName: 'test',
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => 30_000,
    done: () => {},
    fail: () => {},
    succeed: () => {},
  }) as Context;

const task = { directiveId: 'dir-1', recipientId: 'cong-an', executionName: 'dir-1-cong-an' };
const http = (pathParameters: Record<string, string>) =>
  httpEvent({
    routeKey: 'GET /api/directives/{id}/assignments/{recipientId}',
    pathParameters,
    requestId: 'api-req-1',
  });

describe('log lines', () => {
  it('a task’s lines are JSON with the service, the Lambda context, its directive, recipient and execution', async () => {
    const { logger, observe } = await load();
    const handler = middy()
      .use(observe())
      .handler(async () => {
        logger.info('checkpoint planned', { reminders: 2 });
        return 'ok';
      });

    await handler(task, context());

    const [line, ...rest] = logLines();
    expect(rest).toEqual([]);
    expect(line).toMatchObject({
      level: 'INFO',
      message: 'checkpoint planned',
      service: 'chidao',
      reminders: 2,
      directiveId: 'dir-1',
      recipientId: 'cong-an',
      executionName: 'dir-1-cong-an',
      function_name: 'Checkpoint',
      function_request_id: 'request-1',
      cold_start: true,
    });
    expect(line?.timestamp).toEqual(expect.any(String));
  });

  it('an HTTP request’s lines carry the directive and agency of its path and the API request id', async () => {
    const { logger, observe } = await load();
    const handler = middy()
      .use(observe())
      .handler(async () => logger.warn('refused'));

    await handler(http({ id: 'dir-9', recipientId: 'so-yte' }), context());

    expect(logLines()).toEqual([
      expect.objectContaining({ directiveId: 'dir-9', recipientId: 'so-yte', correlation_id: 'api-req-1' }),
    ]);
  });

  it('a path parameter cannot make a log line long', async () => {
    const { logger, observe } = await load();
    const handler = middy()
      .use(observe())
      .handler(async () => logger.info('x'));
    await handler(http({ id: 'a'.repeat(10_000) }), context());
    expect(String(logLines()[0]?.directiveId)).toHaveLength(128);
  });

  it('keys do not leak into the next invocation: after a return, a throw, an early answer, or annotate()', async () => {
    const { annotate, logger, observe } = await load();
    let fail = false;
    const handler = middy()
      .use(observe())
      .use({
        // Like a validator that answers before the handler runs: middy then skips every `after`.
        before: (request: { event: unknown }) =>
          (request.event as { shortCircuit?: boolean }).shortCircuit ? 'answered early' : undefined,
      })
      .handler(async () => {
        annotate({ recipientId: 'from-token' });
        logger.info('inside');
        if (fail) throw new Error('SES is down');
        return 'ok';
      });
    const bare = async () => {
      written = [];
      await handler({}, context());
      return logLines()[0] ?? {};
    };
    const keys = ['directiveId', 'recipientId', 'executionName', 'correlation_id'];

    await handler(task, context());
    expect(Object.keys(await bare())).not.toContain('directiveId');
    expect((await bare()).recipientId).toBe('from-token'); // annotate() of this very invocation
    expect(Object.keys(await bare())).not.toContain('executionName');

    fail = true;
    await expect(handler(http({ id: 'dir-2' }), context())).rejects.toThrow('SES is down');
    const failed = logLines().find((l) => l.level === 'ERROR');
    expect(failed).toMatchObject({ message: 'Invocation failed', directiveId: 'dir-2' });
    expect(JSON.stringify(failed?.error)).toContain('SES is down');
    fail = false;
    for (const key of keys.filter((k) => k !== 'recipientId')) expect(Object.keys(await bare())).not.toContain(key);

    await handler({ ...task, shortCircuit: true }, context());
    written = [];
    logger.info('between invocations');
    expect(logLines()[0]).toMatchObject({ directiveId: 'dir-1' }); // what Powertools alone would leave behind
    for (const key of keys.filter((k) => k !== 'recipientId')) expect(Object.keys(await bare())).not.toContain(key);
  });

  it('cold_start is true on the first invocation only', async () => {
    const { logger, observe } = await load();
    const handler = middy()
      .use(observe())
      .handler(async () => logger.info('x'));
    await handler(task, context());
    await handler(task, context());
    expect(logLines().map((l) => l.cold_start)).toEqual([true, false]);
  });
});

describe('metrics', () => {
  it('publishes the counted metrics as EMF in namespace Chidao with the service dimension, and ColdStart once', async () => {
    const { count, observe } = await load();
    const handler = middy()
      .use(observe())
      .handler(async () => {
        count('RecoveredErrors');
        count('LostRaces', 2);
        count('EmailsSent', 1, { kind: 'reminder' });
        count('EmailsSent', 1, { kind: 'escalation' });
      });

    await handler(task, context());

    const emf = emfLines();
    const byName = (name: string) => emf.filter((l) => metricNames(l).includes(name));
    expect(byName('ColdStart')).toHaveLength(1);
    expect(byName('ColdStart')[0]).toMatchObject({ service: 'chidao', function_name: 'Checkpoint', ColdStart: 1 });

    const [recovered, ...more] = byName('RecoveredErrors');
    expect(more).toEqual([]);
    // The alarm watches exactly this: namespace Chidao, metric RecoveredErrors, dimensions {service}.
    expect(dimensionSets(recovered ?? {})).toEqual([{ namespace: 'Chidao', dimensions: [['service']] }]);
    expect(recovered).toMatchObject({ service: 'chidao', RecoveredErrors: 1, LostRaces: 2 });
    expect(recovered).not.toHaveProperty('kind');

    const emails = byName('EmailsSent');
    expect(emails.map((l) => l.kind)).toEqual(['reminder', 'escalation']);
    for (const line of emails) {
      expect(dimensionSets(line)).toEqual([{ namespace: 'Chidao', dimensions: [['service', 'kind']] }]);
      expect(line).toMatchObject({ service: 'chidao', EmailsSent: 1 });
    }

    written = [];
    await handler(task, context());
    expect(emfLines().filter((l) => metricNames(l).includes('ColdStart'))).toEqual([]);
  });

  it('publishes what was counted before a throw, and nothing twice', async () => {
    const { count, observe } = await load();
    const handler = middy()
      .use(observe())
      .handler(async (event: unknown) => {
        count('DeliveryFailures');
        if ((event as { fail?: boolean }).fail) throw new Error('rejected');
      });
    await expect(handler({ fail: true }, context())).rejects.toThrow('rejected');
    await handler({}, context());
    const failures = emfLines().filter((l) => metricNames(l).includes('DeliveryFailures'));
    expect(failures.map((l) => l.DeliveryFailures)).toEqual([1, 1]);
  });

  it('an invocation that counts nothing writes no EMF and no “no metrics” warning', async () => {
    const { observe } = await load();
    const handler = middy()
      .use(observe())
      .handler(async () => 'quiet');
    await handler(task, context());
    written = [];
    await handler(task, context());
    expect(written.join('')).toBe('');
  });

  it('refuses a count that is not a number ≥ 0', async () => {
    const { count } = await load();
    expect(() => count('Escalations', -1)).toThrow(RangeError);
    expect(() => count('Escalations', Number.NaN)).toThrow(RangeError);
  });

  it('is typed: EmailsSent needs its kind; the other metrics take no dimension', async () => {
    const { count, BUSINESS_METRICS } = await load();
    expect(BUSINESS_METRICS).toEqual([
      'EmailsSent',
      'Escalations',
      'DeliveryFailures',
      'StaleTokens',
      'LostRaces',
      'RecoveredErrors',
      'NoticesSent',
      'NoticeFailures',
    ]);
    const typeChecksOnly = (run: boolean) => {
      if (!run) return;
      // @ts-expect-error the kind of email is required
      count('EmailsSent');
      // @ts-expect-error not a kind of email
      count('EmailsSent', 1, { kind: 'postcard' });
      // @ts-expect-error RecoveredErrors keeps the alarm's one dimension set
      count('RecoveredErrors', 1, { kind: 'reminder' });
      // @ts-expect-error not a business metric
      count('Emails');
      // @ts-expect-error a notice failure names its channel
      count('NoticeFailures');
    };
    typeChecksOnly(false);
  });
});

describe('the local runtime’s variables', () => {
  it('POWERTOOLS_METRICS_DISABLED=true and POWERTOOLS_LOG_LEVEL=WARN: no EMF, no info lines, warnings still shown', async () => {
    const { count, logger, observe } = await load({
      POWERTOOLS_METRICS_DISABLED: 'true',
      POWERTOOLS_LOG_LEVEL: 'WARN',
    });
    const handler = middy()
      .use(observe())
      .handler(async () => {
        logger.info('routine');
        count('Escalations');
        count('EmailsSent', 1, { kind: 'invitation' });
        logger.warn('worth reading');
      });
    await handler(task, context());
    expect(emfLines()).toEqual([]);
    expect(logLines()).toEqual([expect.objectContaining({ level: 'WARN', message: 'worth reading' })]);
  });

  it('without them the same invocation writes its info line and its metrics (the test above can fail)', async () => {
    const { count, logger, observe } = await load();
    const handler = middy()
      .use(observe())
      .handler(async () => {
        logger.info('routine');
        count('Escalations');
      });
    await handler(task, context());
    expect(emfLines().length).toBeGreaterThan(0);
    expect(logLines().map((l) => l.message)).toEqual(['routine']);
  });
});
