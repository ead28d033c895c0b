import { readFileSync } from 'node:fs';
import { type Acknowledgment, Validations } from 'aws-cdk-lib';
import { CURRENTLY_RECOMMENDED_FLAGS } from 'aws-cdk-lib/cx-api';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { BUSINESS_METRICS, METRICS_NAMESPACE, SERVICE_NAME } from '#adapters/observability.ts';
import { ENTRY_METADATA } from '#contracts/metadata.ts';
import { INBOX_ROUTES, RECIPIENT_ROUTES, SIGN_IN_ROUTES } from '#contracts/routes.ts';
import { TABLE } from '#contracts/table.ts';
import { buildApp, LOCAL_CHANNELS_CONTEXT } from '../../infra/app.ts';
import { readTemplate, type Template } from '../../local/cloud-assembly.ts';
import { LambdaRuntime } from '../../local/lambda-runtime.ts';
import { toStandardCron } from '../../local/schedules.ts';

/**
 * Operations on AWS, as synthesized: alarms and where they go, the API's access log and throttling, the
 * officials' MFA and app client, the table's protection and the sweeper's index, the schedules' dead-letter
 * queues, the feature flags, and cdk-nag with every remaining finding acknowledged for a reason.
 */

type Json = Record<string, unknown>;
type Resource = { Type: string; Properties?: Json; Metadata?: Json; DependsOn?: string[] };

const offline = { 'aws:cdk:bundling-stacks': [] };
const synth = (context: Json = {}) => {
  const { app, stack } = buildApp({ ...offline, ...context }, { validate: false });
  return app.synth().getStackByName(stack.stackName).template as { Resources: Record<string, Resource> };
};

/** The stack with both switches set the other way from the run's template: synthesized once, for both tests. */
const ALARM_EMAIL = 'ops@stttt.example.gov.vn';
let switched: ReturnType<typeof synth> | undefined;
const withSwitches = () => {
  switched ??= synth({ alarmEmail: ALARM_EMAIL, officialsMfa: 'optional' });
  return switched;
};

const template = JSON.parse(inject('template')) as { Resources: Record<string, Resource> };
const resources = template.Resources;
const ofType = (type: string, from = resources) => Object.entries(from).filter(([, r]) => r.Type === type);
const only = (type: string, from = resources) => {
  const found = ofType(type, from);
  expect(found, type).toHaveLength(1);
  return found[0] as [string, Resource];
};
const getAtt = (value: unknown) => (value as { 'Fn::GetAtt'?: [string, string] } | undefined)?.['Fn::GetAtt']?.[0];
const ref = (value: unknown) => (value as { Ref?: string } | undefined)?.Ref;
const propsOf = (r: Resource | undefined): Json => r?.Properties ?? {};
const statementsOf = (p: Resource) => ((propsOf(p).PolicyDocument as { Statement?: Json[] }).Statement ?? []) as Json[];
/** Every statement of the policies attached to a function's role. */
const roleStatements = (functionId: string) => {
  const roleId = getAtt(propsOf(resources[functionId]).Role);
  return ofType('AWS::IAM::Policy')
    .filter(([, p]) => ((propsOf(p).Roles ?? []) as unknown[]).some((r) => ref(r) === roleId))
    .flatMap(([, p]) => statementsOf(p));
};
const entryOf = (id: string) => resources[id]?.Metadata?.[ENTRY_METADATA];
const functionByEntry = (entry: string) => {
  const found = ofType('AWS::Lambda::Function').find(([id]) => entryOf(id) === entry);
  expect(found, entry).toBeDefined();
  return found as [string, Resource];
};

const alarms = ofType('AWS::CloudWatch::Alarm').map(([id, r]) => ({ id, ...(r.Properties ?? {}) })) as (Json & {
  id: string;
  MetricName: string;
  Namespace: string;
  Dimensions?: { Name: string; Value: unknown }[];
  Threshold: number;
  ComparisonOperator: string;
  AlarmActions: unknown[];
})[];
const alarmsOn = (namespace: string, metric: string) =>
  alarms.filter((a) => a.Namespace === namespace && a.MetricName === metric);

describe('alarms', () => {
  const [topicId] = only('AWS::SNS::Topic');

  it('every alarm notifies the one SNS topic, and no data means no alarm', () => {
    expect(alarms.length).toBeGreaterThan(20);
    for (const alarm of alarms) {
      expect(alarm.AlarmActions, alarm.id).toEqual([{ Ref: topicId }]);
      expect(alarm.TreatMissingData, alarm.id).toBe('notBreaching');
      expect(alarm.AlarmDescription, alarm.id).toEqual(expect.any(String));
    }
  });

  it('failed, timed-out and aborted executions of both state machines', () => {
    const machines = ofType('AWS::StepFunctions::StateMachine').map(([id]) => id);
    expect(machines).toHaveLength(2);
    for (const metric of ['ExecutionsFailed', 'ExecutionsTimedOut', 'ExecutionsAborted']) {
      const watched = alarmsOn('AWS/States', metric).map((a) => ref(a.Dimensions?.[0]?.Value));
      expect(watched.sort(), metric).toEqual([...machines].sort());
      for (const a of alarmsOn('AWS/States', metric)) expect(a).toMatchObject({ Threshold: 1, Statistic: 'Sum' });
    }
  });

  it('errors of every Lambda function, in two of three five-minute periods (a retried blip is no alarm)', () => {
    const functions = ofType('AWS::Lambda::Function').map(([id]) => id);
    const watched = alarmsOn('AWS/Lambda', 'Errors');
    expect(watched.map((a) => ref(a.Dimensions?.[0]?.Value)).sort()).toEqual([...functions].sort());
    for (const a of watched)
      expect(a).toMatchObject({ Threshold: 1, Period: 300, EvaluationPeriods: 3, DatapointsToAlarm: 2 });
  });

  it('a message in any dead-letter queue', () => {
    const queues = ofType('AWS::SQS::Queue').map(([id]) => id);
    expect(queues.length).toBeGreaterThanOrEqual(2);
    const watched = alarmsOn('AWS/SQS', 'ApproximateNumberOfMessagesVisible');
    expect(watched.map((a) => getAtt(a.Dimensions?.[0]?.Value) ?? ref(a.Dimensions?.[0]?.Value)).sort()).toEqual(
      expect.arrayContaining(queues),
    );
    for (const a of watched) expect(a).toMatchObject({ Threshold: 0, ComparisonOperator: 'GreaterThanThreshold' });
  });

  it('the SES account’s bounce rate at 5% and complaint rate at 0.1%', () => {
    expect(alarmsOn('AWS/SES', 'Reputation.BounceRate')).toEqual([
      expect.objectContaining({ Threshold: 0.05, ComparisonOperator: 'GreaterThanOrEqualToThreshold' }),
    ]);
    expect(alarmsOn('AWS/SES', 'Reputation.ComplaintRate')).toEqual([
      expect.objectContaining({ Threshold: 0.001, ComparisonOperator: 'GreaterThanOrEqualToThreshold' }),
    ]);
  });

  it('RecoveredErrors, exactly as functions/adapters/observability.ts publishes it', () => {
    expect(BUSINESS_METRICS).toContain('RecoveredErrors');
    expect(alarmsOn(METRICS_NAMESPACE, 'RecoveredErrors')).toEqual([
      expect.objectContaining({ Dimensions: [{ Name: 'service', Value: SERVICE_NAME }], Threshold: 1 }),
    ]);
  });

  it('the topic has no subscriber by default, and emails alarmEmail when given', () => {
    expect(ofType('AWS::SNS::Subscription')).toEqual([]);
    const [, subscription] = only('AWS::SNS::Subscription', withSwitches().Resources);
    expect(subscription.Properties).toMatchObject({ Protocol: 'email', Endpoint: ALARM_EMAIL });
    expect(() => synth({ alarmEmail: 'not an address' })).toThrow(/alarmEmail/);
  }, 60_000);
});

describe('HTTP API stage', () => {
  const [stageId, stage] = only('AWS::ApiGatewayV2::Stage');
  const props = stage.Properties as Json & {
    AccessLogSettings: { DestinationArn: unknown; Format: string };
    DefaultRouteSettings: { ThrottlingRateLimit: number; ThrottlingBurstLimit: number };
    RouteSettings: Record<string, { ThrottlingRateLimit: number; ThrottlingBurstLimit: number }>;
  };

  it('writes a JSON access log line per request to a log group with a retention, never the path', () => {
    expect(props.StageName).toBe('$default');
    const group = resources[getAtt(props.AccessLogSettings.DestinationArn) ?? ''];
    expect(group?.Type).toBe('AWS::Logs::LogGroup');
    expect(group?.Properties?.RetentionInDays).toEqual(expect.any(Number));
    const format = JSON.parse(props.AccessLogSettings.Format) as Record<string, string>;
    expect(format).toMatchObject({
      requestId: '$context.requestId',
      ip: '$context.identity.sourceIp',
      routeKey: '$context.routeKey',
      status: '$context.status',
      latency: '$context.responseLatency',
      integrationError: '$context.integrationErrorMessage',
    });
    // A recipient's path is their link.
    expect(props.AccessLogSettings.Format).not.toMatch(/\$context\.(path|http\.path|resourcePath)/);
  });

  it('throttles the stage, and every /r/*, /l/*, /inbox and sign-in route tighter', () => {
    const stageLimits = props.DefaultRouteSettings;
    expect(stageLimits.ThrottlingRateLimit).toBeGreaterThan(0);
    expect(stageLimits.ThrottlingBurstLimit).toBeGreaterThan(0);
    const routeKeys = ofType('AWS::ApiGatewayV2::Route').map(([, r]) => r.Properties?.RouteKey as string);
    const publicLoops = routeKeys.filter(
      (k) => /^\/(r|l|inbox)(\/|$)/.test(k.split(' ')[1] ?? '') || k.endsWith(' /sign-in'),
    );
    expect(publicLoops).toEqual(
      expect.arrayContaining(['GET /sign-in', 'POST /sign-in', 'POST /inbox', ...RECIPIENT_ROUTES]),
    );
    expect(Object.keys(props.RouteSettings).sort()).toEqual(
      [...new Set([...publicLoops, ...RECIPIENT_ROUTES, ...INBOX_ROUTES, ...SIGN_IN_ROUTES])].sort(),
    );
    for (const [key, limits] of Object.entries(props.RouteSettings)) {
      expect(routeKeys, key).toContain(key);
      expect(limits.ThrottlingRateLimit, key).toBeLessThan(stageLimits.ThrottlingRateLimit);
      expect(limits.ThrottlingBurstLimit, key).toBeLessThan(stageLimits.ThrottlingBurstLimit);
    }
    expect(props.RouteSettings['POST /sign-in']?.ThrottlingRateLimit).toBeLessThan(
      props.RouteSettings['POST /r/{token}/acknowledge']?.ThrottlingRateLimit ?? 0,
    );
  });

  it('is created after the routes its settings name (CloudFormation refuses unknown route keys)', () => {
    for (const [routeId] of ofType('AWS::ApiGatewayV2::Route'))
      expect(resources[stageId]?.DependsOn, routeId).toContain(routeId);
  });
});

describe('officials’ user pool', () => {
  it('requires a TOTP second factor, never SMS; -c officialsMfa=optional makes it optional', () => {
    const [, pool] = only('AWS::Cognito::UserPool');
    expect(pool.Properties).toMatchObject({ MfaConfiguration: 'ON', EnabledMfas: ['SOFTWARE_TOKEN_MFA'] });
    expect(pool.Properties?.SmsConfiguration).toBeUndefined();
    const [, optional] = only('AWS::Cognito::UserPool', withSwitches().Resources);
    expect(optional.Properties).toMatchObject({ MfaConfiguration: 'OPTIONAL', EnabledMfas: ['SOFTWARE_TOKEN_MFA'] });
    expect(() => synth({ officialsMfa: 'off' })).toThrow(/officialsMfa/);
  }, 60_000);

  it('the web client has no OAuth (no flow, callback or scope), revokes tokens, signs in by password or SRP', () => {
    const [, client] = only('AWS::Cognito::UserPoolClient');
    const p = client.Properties ?? {};
    expect(p.AllowedOAuthFlowsUserPoolClient).toBe(false);
    for (const key of ['AllowedOAuthFlows', 'AllowedOAuthScopes', 'CallbackURLs', 'LogoutURLs', 'DefaultRedirectURI'])
      expect(p[key], key).toBeUndefined();
    expect(JSON.stringify(p)).not.toContain('example.com');
    expect(p.EnableTokenRevocation).toBe(true);
    expect(p.ExplicitAuthFlows).toEqual(expect.arrayContaining(['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH']));
  });
});

describe('table', () => {
  const [, table] = only('AWS::DynamoDB::Table');

  it('cannot be deleted in one step', () => {
    expect(table.Properties?.DeletionProtectionEnabled).toBe(true);
  });

  it('has the sparse watch index of keys.ts, projecting what the sweeper reads', () => {
    const indexes = table.Properties?.GlobalSecondaryIndexes as { IndexName: string; KeySchema: Json[] }[];
    expect(indexes.find((i) => i.IndexName === TABLE.watch.name)).toEqual({
      IndexName: TABLE.watch.name,
      KeySchema: [
        { AttributeName: TABLE.watch.partitionKey, KeyType: 'HASH' },
        { AttributeName: TABLE.watch.sortKey, KeyType: 'RANGE' },
      ],
      Projection: {
        ProjectionType: 'INCLUDE',
        NonKeyAttributes: ['directiveId', 'recipientId', 'status', 'generation'],
      },
    });
    expect(table.Properties?.AttributeDefinitions).toEqual(
      expect.arrayContaining([
        { AttributeName: TABLE.watch.partitionKey, AttributeType: 'S' },
        { AttributeName: TABLE.watch.sortKey, AttributeType: 'S' },
      ]),
    );
  });
});

describe('schedules', () => {
  const schedules = ofType('AWS::Scheduler::Schedule');
  type Target = { Arn: unknown; RoleArn: unknown; DeadLetterConfig?: { Arn: unknown } };

  it('every schedule target has an encrypted, SSL-only dead-letter queue it may write to, shared by its function', () => {
    expect(schedules.length).toBeGreaterThanOrEqual(2);
    const statements = ofType('AWS::IAM::Policy').flatMap(([, p]) => statementsOf(p));
    for (const [id, schedule] of schedules) {
      const target = schedule.Properties?.Target as Target;
      const queueId = getAtt(target.DeadLetterConfig?.Arn) ?? '';
      const queue = resources[queueId];
      expect(queue?.Type, id).toBe('AWS::SQS::Queue');
      expect(queue?.Properties?.SqsManagedSseEnabled, id).toBe(true);
      const [, policy] = ofType('AWS::SQS::QueuePolicy').find(([, p]) =>
        ((propsOf(p).Queues ?? []) as unknown[]).some((q) => ref(q) === queueId),
      ) ?? [undefined, undefined];
      expect(JSON.stringify(propsOf(policy).PolicyDocument), id).toContain('"aws:SecureTransport":"false"');
      expect(
        statements.some((s) => s.Action === 'sqs:SendMessage' && getAtt(s.Resource) === queueId),
        `${id} may write to its queue`,
      ).toBe(true);
      // A scheduled function is invoked asynchronously: its own failures go to the same queue.
      const fn = resources[getAtt(target.Arn) ?? ''];
      expect(getAtt((propsOf(fn).DeadLetterConfig as { TargetArn?: unknown } | undefined)?.TargetArn), id).toBe(
        queueId,
      );
    }
  });

  it('the sweeper runs every six hours at minute 17 in Hà Nội, which the local runtime can run too', () => {
    const [sweeperId, sweeper] = functionByEntry('functions/handlers/tasks/sweep.ts');
    expect(sweeperId).toMatch(/^Sweeper/);
    const found = schedules.filter(([, s]) => getAtt((propsOf(s).Target as Target | undefined)?.Arn) === sweeperId);
    expect(found).toHaveLength(1);
    const schedule = found[0]?.[1].Properties ?? {};
    expect(schedule).toMatchObject({
      ScheduleExpression: 'cron(17 0/6 * * ? *)',
      ScheduleExpressionTimezone: 'Asia/Ho_Chi_Minh',
      State: 'ENABLED',
    });
    expect(toStandardCron(schedule.ScheduleExpression as string)).toBe('17 0/6 * * *');
    expect(sweeper.Properties?.Timeout).toBeGreaterThanOrEqual(60);
  });

  it('the sweeper may start assignment executions and describe them, nothing broader', () => {
    const [sweeperId] = functionByEntry('functions/handlers/tasks/sweep.ts');
    const states = roleStatements(sweeperId).filter((s) => String(s.Action).startsWith('states:'));
    expect(states.map((s) => s.Action).sort()).toEqual(['states:DescribeExecution', 'states:StartExecution']);
    const { functions } = readTemplate(template as Template, { publicBaseUrl: 'http://localhost' });
    const machineArn = functions.find((f) => f.logicalId === sweeperId)?.environment.ASSIGNMENT_MACHINE_ARN;
    expect(machineArn).toBe('arn:aws:states:ap-southeast-1:000000000000:stateMachine:Chidao-assignment');
  });
});

describe('the assignment machine’s ARN', () => {
  it('is one value for every function that has it (the local runtime runs them in one process)', () => {
    const { functions, stateMachines } = readTemplate(template as Template, { publicBaseUrl: 'http://localhost' });
    const holders = functions.filter((f) => f.environment.ASSIGNMENT_MACHINE_ARN !== undefined);
    expect(holders.map((f) => f.entry).sort()).toEqual(
      [
        'functions/handlers/http/directive-form.tsx',
        'functions/handlers/http/official-pages.tsx',
        'functions/handlers/http/officials-api.ts',
        'functions/handlers/tasks/fanout-start.ts',
        'functions/handlers/tasks/renew.ts',
        'functions/handlers/tasks/sweep.ts',
      ].sort(),
    );
    const values = new Set(holders.map((f) => f.environment.ASSIGNMENT_MACHINE_ARN));
    expect(values.size).toBe(1);
    expect(stateMachines.map((m) => m.arn)).toContain([...values][0]);
    expect(() => new LambdaRuntime(functions, '.').mergedEnvironment()).not.toThrow();
  });

  it('Renew may start the next execution of its own machine', () => {
    const [renewId] = functionByEntry('functions/handlers/tasks/renew.ts');
    expect(roleStatements(renewId).some((s) => s.Action === 'states:StartExecution')).toBe(true);
  });
});

describe('CDK feature flags', () => {
  it('cdk.json sets every currently recommended flag of aws-cdk-lib, and the in-process app (local, tests) sees them', () => {
    const { context } = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as {
      context: Json;
    };
    expect(Object.keys(CURRENTLY_RECOMMENDED_FLAGS).length).toBeGreaterThan(50);
    const { app } = buildApp(offline, { validate: false });
    for (const [flag, value] of Object.entries(CURRENTLY_RECOMMENDED_FLAGS)) {
      expect(context[flag], flag).toEqual(value);
      expect(app.node.tryGetContext(flag), flag).toEqual(value);
    }
  });
});

describe('cdk-nag', () => {
  // With both phone channels on, so that their grants and secret are checked too.
  const withChannels = { ...offline, ...LOCAL_CHANNELS_CONTEXT };
  const packs = () => [new AwsSolutionsChecks(), new ServerlessChecks()];
  type Finding = { rule: string; path: string; severity: string };
  const findings = (app: IConstruct): Finding[] =>
    packs().flatMap((pack) =>
      pack.validateScope(app).violations.flatMap((v) =>
        v.violatingResources.map((r) => ({
          rule: v.ruleName,
          path: r.constructPath ?? '',
          severity: v.severity ?? '',
        })),
      ),
    );

  it('the AwsSolutions and Serverless packs find no unacknowledged error or warning', () => {
    const { app } = buildApp(withChannels, { validate: false });
    app.synth();
    expect(findings(app)).toEqual([]);
  }, 60_000);

  describe('every acknowledgement answers a real finding, on the construct that has it, with a reason', () => {
    const acknowledged: (Acknowledgment & { path: string })[] = [];
    let unacknowledged: Finding[] = [];
    beforeAll(() => {
      const spy = vi.spyOn(Validations.prototype, 'acknowledge').mockImplementation(function (
        this: Validations,
        ...rules: Acknowledgment[]
      ) {
        const scope = (this as unknown as { scope: IConstruct }).scope;
        for (const rule of rules) acknowledged.push({ ...rule, path: scope.node.path });
      });
      try {
        const { app } = buildApp(withChannels, { validate: false });
        app.synth();
        unacknowledged = findings(app);
      } finally {
        spy.mockRestore();
      }
    }, 60_000);

    it('without them, the packs do find something (this test can fail)', () => {
      expect(unacknowledged.length).toBeGreaterThan(0);
      expect(acknowledged.length).toBeGreaterThan(0);
    });

    it('each one names a rule that fires at or under its construct, and says why in a sentence', () => {
      for (const ack of acknowledged) {
        const answered = unacknowledged.filter(
          (f) => f.rule === ack.id && (f.path === ack.path || f.path.startsWith(`${ack.path}/`)),
        );
        expect(answered.length, `${ack.id} on ${ack.path} answers a finding`).toBeGreaterThan(0);
        expect(ack.reason.length, `${ack.id} on ${ack.path} has a reason`).toBeGreaterThanOrEqual(40);
      }
    });

    it('the rules acknowledged are the ones this design accepts, no more', () => {
      const rules = [...new Set(acknowledged.map((a) => a.id.replace(/\[.*$/, '')))].sort();
      expect(rules).toEqual(
        [
          'AwsSolutions-APIG4',
          'AwsSolutions-COG8',
          'AwsSolutions-IAM4',
          'AwsSolutions-IAM5',
          'AwsSolutions-L1',
          'AwsSolutions-S1',
          'AwsSolutions-SF1',
          'AwsSolutions-SF2',
          'AwsSolutions-SMG4',
          'Serverless-LambdaDLQ',
          'Serverless-LambdaLatestVersion',
          'Serverless-LambdaTracing',
          'Serverless-SQSRedrivePolicy',
          'Serverless-StepFunctionStateMachineXray',
        ].sort(),
      );
      // Wildcards only where IAM cannot name the resource: indexes, versions, report keys, directive files' keys,
      // executions, log delivery.
      const wildcards = acknowledged.filter((a) => a.id.startsWith('AwsSolutions-IAM5')).map((a) => a.id);
      for (const id of wildcards)
        expect(id).toMatch(
          /\/index\/\*\]$|\.Arn>:\*\]$|\/reports\/\*\]$|\/directives\/files\/\*\]$|:execution:Chidao-assignment:\*\]$|::\*\]$/,
        );
    });
  });
});
