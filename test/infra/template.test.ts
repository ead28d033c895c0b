import aslValidator from 'asl-validator';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, inject, it } from 'vitest';
import { ENTRY_METADATA } from '#contracts/metadata.ts';
import {
  DIRECTIVE_FORM_ROUTES,
  INBOX_ROUTES,
  INTAKE_ROUTES,
  OFFICIAL_PAGE_ROUTES,
  OFFICIAL_ROUTES,
  RECIPIENT,
  RECIPIENT_ROUTES,
  REPORT_API_ROUTES,
  REPORT_PAGE_ROUTES,
  SIGN_IN_ROUTES,
} from '#contracts/routes.ts';
import { THROTTLING_ERRORS } from '../../workflows/retries.ts';

/**
 * The synthesized CloudFormation template (test/global-setup.ts synthesizes the app once per run): the design
 * limits and choices that must hold on AWS, checked where they are decided.
 */

type Resource = { Type: string; Properties?: Record<string, unknown>; Metadata?: Record<string, unknown> };
type Json = Record<string, unknown>;

const raw = JSON.parse(inject('template')) as { Resources: Record<string, Resource> };
const template = Template.fromJSON(raw);
const resources = raw.Resources;
const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);

/** A stand-in for an intrinsic inside a string: no quotes, so the JSON it sits in stays JSON. */
const placeholder = (value: unknown): string => {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') {
    const v = value as Json;
    if ('Ref' in v) return v.Ref === 'AWS::Partition' ? 'aws' : `REF_${String(v.Ref).replace(/\W/g, '_')}`;
    if ('Fn::GetAtt' in v) {
      const [id, attribute] = v['Fn::GetAtt'] as [string, string];
      return attribute === 'Arn'
        ? `arn:aws:lambda:ap-southeast-1:000000000000:function:${id}`
        : `GETATT_${id}_${attribute}`;
    }
    if ('Fn::Join' in v) return joined(v);
  }
  return 'INTRINSIC';
};

const joined = (value: unknown): string => {
  if (typeof value === 'string') return value;
  const join = (value as Json)['Fn::Join'] as [string, unknown[]] | undefined;
  if (!join) throw new Error(`Not an Fn::Join: ${JSON.stringify(value)}`);
  const [separator, parts] = join;
  return parts.map(placeholder).join(separator);
};

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
    expect(map).toMatchObject({ ItemsPath: '$.batches', MaxConcurrency: 5 });
    expect((map?.ItemProcessor as Json | undefined)?.ProcessorConfig).toEqual({ Mode: 'INLINE' });
  });
});

describe('functions', () => {
  const functions = ofType('AWS::Lambda::Function');

  it('every Lambda runs nodejs22.x on arm64', () => {
    expect(functions.length).toBeGreaterThanOrEqual(8);
    template.allResourcesProperties('AWS::Lambda::Function', { Runtime: 'nodejs22.x', Architectures: ['arm64'] });
    for (const [, fn] of functions) {
      expect(fn.Properties?.Runtime).toBe('nodejs22.x');
      expect(fn.Properties?.Architectures).toEqual(['arm64']);
    }
  });

  it('every Lambda logs to its own log group, which has a retention', () => {
    const groups = new Set<string>();
    for (const [id, fn] of functions) {
      const ref = (fn.Properties?.LoggingConfig as { LogGroup?: { Ref?: string } } | undefined)?.LogGroup?.Ref;
      expect(ref, `${id} has a log group`).toBeDefined();
      const group = resources[ref ?? ''];
      expect(group?.Type).toBe('AWS::Logs::LogGroup');
      expect(group?.Properties?.RetentionInDays).toEqual(expect.any(Number));
      groups.add(ref ?? '');
    }
    expect(groups.size).toBe(functions.length);
    template.allResourcesProperties('AWS::Logs::LogGroup', { RetentionInDays: Match.anyValue() });
  });

  it('the link secret exists and the functions that sign or check links can read it', () => {
    // The other secret, when the context enables Zalo, is the OA's (test/infra/channels-template.test.ts).
    const secrets = ofType('AWS::SecretsManager::Secret').filter(([, r]) => r.Properties?.GenerateSecretString);
    expect(secrets).toHaveLength(1);
    const [secretId, secret] = secrets[0] as [string, Resource];
    expect(secret.Properties?.GenerateSecretString).toMatchObject({ PasswordLength: 64 });
    const entries = functions
      .filter(([, fn]) => {
        const env = (fn.Properties?.Environment as { Variables?: Json } | undefined)?.Variables ?? {};
        return (env.LINK_SECRET_ARN as { Ref?: string } | undefined)?.Ref === secretId;
      })
      .map(([, fn]) => fn.Metadata?.[ENTRY_METADATA]);
    expect(entries).toEqual(
      expect.arrayContaining(['functions/handlers/tasks/deliver.ts', 'functions/handlers/http/recipient-links.ts']),
    );
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: Match.arrayWith(['secretsmanager:GetSecretValue']),
            Resource: { Ref: secretId },
          }),
        ]),
      },
    });
  });

  it('ses:SendRawEmail is allowed only on the sender identity, never on *', () => {
    const statements = ofType('AWS::IAM::Policy').flatMap(
      ([, p]) => ((p.Properties?.PolicyDocument as { Statement?: Json[] } | undefined)?.Statement ?? []) as Json[],
    );
    const actions = (s: Json) => [s.Action].flat().map(String);
    const ses = statements.filter((s) => actions(s).some((a) => a.startsWith('ses:')));
    expect(ses.length).toBeGreaterThanOrEqual(2);
    for (const s of ses) {
      expect(actions(s)).toEqual(['ses:SendRawEmail']);
      const resourcesOf = [s.Resource].flat();
      for (const r of resourcesOf) {
        expect(r).not.toBe('*');
        expect(joined(r)).toMatch(/^arn:aws:ses:REF_AWS__Region:REF_AWS__AccountId:identity\/[^*]+$/);
      }
    }
    expect(statements.some((s) => actions(s).some((a) => a === 'ses:*' || a === '*'))).toBe(false);
  });
});

describe('table', () => {
  it('on-demand, point-in-time recovery, and the byIssuer, byOffice, byRecipient, due, watch, roster and pending indexes', () => {
    template.resourceCountIs('AWS::DynamoDB::Table', 1);
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: Match.arrayWith([
        Match.objectLike({
          IndexName: 'byIssuer',
          KeySchema: [
            { AttributeName: 'gsi1pk', KeyType: 'HASH' },
            { AttributeName: 'gsi1sk', KeyType: 'RANGE' },
          ],
        }),
        Match.objectLike({
          IndexName: 'byOffice',
          KeySchema: [
            { AttributeName: 'gsi2pk', KeyType: 'HASH' },
            { AttributeName: 'gsi2sk', KeyType: 'RANGE' },
          ],
        }),
        Match.objectLike({
          IndexName: 'byRecipient',
          KeySchema: [
            { AttributeName: 'gsi3pk', KeyType: 'HASH' },
            { AttributeName: 'gsi3sk', KeyType: 'RANGE' },
          ],
          // What the inbox shows and signs a fresh link from, never the history.
          Projection: {
            ProjectionType: 'INCLUDE',
            NonKeyAttributes: Match.arrayWith(['recipientEmail', 'status', 'ackDeadline', 'reports', 'linkVersion']),
          },
        }),
        Match.objectLike({
          IndexName: 'due',
          KeySchema: [
            { AttributeName: 'duePk', KeyType: 'HASH' },
            { AttributeName: 'dueAt', KeyType: 'RANGE' },
          ],
          Projection: Match.objectLike({ ProjectionType: 'INCLUDE', NonKeyAttributes: Match.arrayWith(['status']) }),
        }),
        // The dashboard filters and sorts a directive's agencies from a lean copy: never their history.
        Match.objectLike({
          IndexName: 'roster',
          KeySchema: [
            { AttributeName: 'rosterPk', KeyType: 'HASH' },
            { AttributeName: 'rosterSk', KeyType: 'RANGE' },
          ],
          Projection: {
            ProjectionType: 'INCLUDE',
            NonKeyAttributes: Match.arrayWith(['recipientName', 'status', 'acknowledgedAt', 'rosterFold', 'pendingSk']),
          },
        }),
        Match.objectLike({
          IndexName: 'pending',
          KeySchema: [
            { AttributeName: 'pendingPk', KeyType: 'HASH' },
            { AttributeName: 'pendingSk', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'KEYS_ONLY' },
        }),
      ]),
    });
    const [, table] = ofType('AWS::DynamoDB::Table')[0] as [string, Resource];
    const indexes = ((table.Properties?.GlobalSecondaryIndexes ?? []) as { IndexName: string }[]).map(
      (i) => i.IndexName,
    );
    expect(indexes.sort()).toEqual(['byIssuer', 'byOffice', 'byRecipient', 'due', 'pending', 'roster', 'watch']);
  });
});

describe('HTTP API', () => {
  const routes = ofType('AWS::ApiGatewayV2::Route').map(([id, r]) => ({ id, ...(r.Properties ?? {}) })) as (Json & {
    id: string;
    RouteKey: string;
    AuthorizationType?: string;
    AuthorizerId?: { Ref: string };
  })[];

  it('has exactly one route for every key the handlers dispatch on', () => {
    expect(routes.map((r) => r.RouteKey).sort()).toEqual(
      [
        ...OFFICIAL_ROUTES,
        ...INTAKE_ROUTES,
        ...RECIPIENT_ROUTES,
        ...INBOX_ROUTES,
        ...SIGN_IN_ROUTES,
        ...OFFICIAL_PAGE_ROUTES,
        ...DIRECTIVE_FORM_ROUTES,
        ...REPORT_API_ROUTES,
        ...REPORT_PAGE_ROUTES,
      ].sort(),
    );
  });

  it('every /api/* route needs a JWT (the officials’ user pool); /r/* routes need nothing but the link', () => {
    for (const key of [...OFFICIAL_ROUTES, ...INTAKE_ROUTES]) {
      const route = routes.find((r) => r.RouteKey === key);
      expect(route?.AuthorizationType, key).toBe('JWT');
      const authorizer = resources[route?.AuthorizerId?.Ref ?? ''];
      expect(authorizer?.Type).toBe('AWS::ApiGatewayV2::Authorizer');
      expect(authorizer?.Properties).toMatchObject({
        AuthorizerType: 'JWT',
        IdentitySource: ['$request.header.Authorization'],
      });
      expect(joined(((authorizer?.Properties?.JwtConfiguration ?? {}) as Json).Issuer)).toContain('cognito-idp.');
    }
    for (const key of [...RECIPIENT_ROUTES, ...INBOX_ROUTES]) {
      const route = routes.find((r) => r.RouteKey === key);
      expect(route, key).toBeDefined();
      expect(route?.AuthorizationType ?? 'NONE', key).toBe('NONE');
      expect(route?.AuthorizerId, key).toBeUndefined();
    }
    for (const route of routes) {
      expect(route.RouteKey.split(' ')[1]?.startsWith('/api/') ? 'JWT' : 'NONE').toBe(route.AuthorizationType);
    }
  });

  it('the officials’ routes and the recipients’ routes go to two different functions', () => {
    const target = (key: string) => joined(routes.find((r) => r.RouteKey === key)?.Target);
    const officials = new Set(OFFICIAL_ROUTES.map(target));
    const recipients = new Set(RECIPIENT_ROUTES.map(target));
    expect(officials.size).toBe(1);
    expect(recipients.size).toBe(1);
    expect([...officials][0]).not.toBe([...recipients][0]);
  });

  it('forwarding to sub-units is served by the recipients’ function, without an authorizer', () => {
    const target = (key: string) => joined(routes.find((r) => r.RouteKey === key)?.Target);
    for (const key of [RECIPIENT.forward, RECIPIENT.forwarded]) {
      const route = routes.find((r) => r.RouteKey === key);
      expect(route, key).toBeDefined();
      expect(route?.AuthorizationType ?? 'NONE', key).toBe('NONE');
      expect(target(key)).toBe(target(RECIPIENT.view));
    }
  });
});

describe('leadership digest', () => {
  const resources = (
    JSON.parse(inject('template')) as {
      Resources: Record<string, { Type: string; Properties?: Record<string, unknown> }>;
    }
  ).Resources;

  it('runs on an EventBridge schedule at 08:00 Asia/Ho_Chi_Minh, Monday to Friday, against the digest function', () => {
    const schedules = Object.values(resources).filter(
      (r) =>
        r.Type === 'AWS::Scheduler::Schedule' &&
        String(r.Properties?.ScheduleExpression).includes('MON-FRI') &&
        String(r.Properties?.Description).startsWith('Leadership digest'),
    );
    expect(schedules).toHaveLength(1);
    const schedule = schedules[0]?.Properties ?? {};
    expect(schedule).toMatchObject({
      ScheduleExpression: 'cron(0 8 ? * MON-FRI *)',
      ScheduleExpressionTimezone: 'Asia/Ho_Chi_Minh',
      State: 'ENABLED',
    });
    const target = (schedule.Target as { Arn: { 'Fn::GetAtt': [string, string] } }).Arn['Fn::GetAtt'][0];
    const fn = resources[target];
    expect(fn?.Type).toBe('AWS::Lambda::Function');
    expect((fn as { Metadata?: Record<string, string> }).Metadata?.[ENTRY_METADATA]).toBe(
      'functions/handlers/tasks/digest.ts',
    );
  });

  it('reads the sparse, sharded `due` index: keyed by shard and due time, projecting what the digest lists', () => {
    const table = Object.values(resources).find((r) => r.Type === 'AWS::DynamoDB::Table')?.Properties ?? {};
    const due = (
      table.GlobalSecondaryIndexes as {
        IndexName: string;
        KeySchema: unknown;
        Projection: { ProjectionType: string; NonKeyAttributes: string[] };
      }[]
    ).find((i) => i.IndexName === 'due');
    expect(due?.KeySchema).toEqual([
      { AttributeName: 'duePk', KeyType: 'HASH' },
      { AttributeName: 'dueAt', KeyType: 'RANGE' },
    ]);
    expect(due?.Projection.ProjectionType).toBe('INCLUDE');
    expect(due?.Projection.NonKeyAttributes).toEqual(
      expect.arrayContaining([
        'directiveId',
        'recipientName',
        'recipientEmail',
        'status',
        'ackDeadline',
        'reports',
        'issuer',
        'number',
      ]),
    );
  });
});
