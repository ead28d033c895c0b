import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
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
import { type Json, joined, ofType, type Resource, resources, template } from '../support/template.ts';

/**
 * The synthesized CloudFormation template: the design limits and choices that must hold on AWS, checked where
 * they are decided (the state machines in state-machines.test.ts).
 */

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
