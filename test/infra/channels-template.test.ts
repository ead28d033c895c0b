import { describe, expect, inject, it } from 'vitest';
import { ENTRY_METADATA } from '#contracts/metadata.ts';
import { buildApp, LOCAL_CHANNELS_CONTEXT } from '../../infra/app.ts';

/**
 * The phone channels as synthesized: the run's template is built with the local context (both channels on,
 * infra/app.ts LOCAL_CHANNELS_CONTEXT); a stack built without that context must have neither.
 */

type Json = Record<string, unknown>;
type Resource = { Type: string; Properties?: Json; Metadata?: Json };
type Template = { Resources: Record<string, Resource> };

const NOTICE_SENDERS = [
  'functions/handlers/tasks/deliver.ts',
  'functions/handlers/tasks/checkpoint.ts',
  'functions/handlers/http/officials-api.ts',
  'functions/handlers/http/official-pages.tsx',
].sort();

const statementsOf = (template: Template) =>
  Object.entries(template.Resources)
    .filter(([, r]) => r.Type === 'AWS::IAM::Policy')
    .flatMap(([id, p]) =>
      (((p.Properties?.PolicyDocument as { Statement?: Json[] } | undefined)?.Statement ?? []) as Json[]).map((s) => ({
        id,
        roles: ((p.Properties?.Roles ?? []) as { Ref: string }[]).map((r) => r.Ref),
        statement: s,
      })),
    );
const actionsOf = (s: Json) => [s.Action].flat().map(String);
/** An ARN built with Fn::Join, with the pseudo parameters named. */
const arnText = (v: unknown): string => {
  if (typeof v === 'string') return v;
  const join = (v as { 'Fn::Join'?: [string, unknown[]] })['Fn::Join'];
  if (join) return join[1].map(arnText).join(join[0]);
  const ref = (v as { Ref?: string }).Ref;
  return ref ? `{${ref}}` : JSON.stringify(v);
};
/** The entries of the functions whose role is one of these. */
const functionsWithRole = (template: Template, roles: string[]) =>
  Object.values(template.Resources)
    .filter((r) => r.Type === 'AWS::Lambda::Function')
    .filter((r) =>
      roles.includes(String((r.Properties?.Role as { 'Fn::GetAtt'?: [string] } | undefined)?.['Fn::GetAtt']?.[0])),
    )
    .map((r) => String(r.Metadata?.[ENTRY_METADATA]))
    .sort();
const environmentOf = (r: Resource) => (r.Properties?.Environment as { Variables?: Json } | undefined)?.Variables ?? {};

describe('phone channels, enabled by the context', () => {
  const template = JSON.parse(inject('template')) as Template;

  it('sms-voice:SendTextMessage is allowed on the sender ID (in its country) and the configuration set only', () => {
    const sms = statementsOf(template).filter((s) => actionsOf(s.statement).some((a) => a.startsWith('sms-voice:')));
    expect(sms.length).toBeGreaterThan(0);
    for (const { statement } of sms) {
      expect(actionsOf(statement)).toEqual(['sms-voice:SendTextMessage']);
      expect([statement.Resource].flat().map(arnText).sort()).toEqual([
        'arn:{AWS::Partition}:sms-voice:{AWS::Region}:{AWS::AccountId}:configuration-set/chidao-local',
        'arn:{AWS::Partition}:sms-voice:{AWS::Region}:{AWS::AccountId}:sender-id/CHIDAO/VN',
      ]);
    }
    expect(
      functionsWithRole(
        template,
        sms.flatMap((s) => s.roles),
      ),
    ).toEqual(NOTICE_SENDERS);
  });

  it('the Zalo secret is in Secrets Manager, empty JSON for the operator to fill, read and written by the senders alone', () => {
    const zalo = Object.entries(template.Resources).filter(
      ([, r]) => r.Type === 'AWS::SecretsManager::Secret' && String(r.Properties?.Description).startsWith('Zalo'),
    );
    expect(zalo).toHaveLength(1);
    const [secretId, secret] = zalo[0] as [string, Resource];
    expect(secret.Properties?.SecretString).toBe('{}');
    const grants = statementsOf(template).filter((s) => JSON.stringify(s.statement.Resource).includes(secretId));
    for (const { statement } of grants) {
      expect(actionsOf(statement).sort()).toEqual(['secretsmanager:GetSecretValue', 'secretsmanager:PutSecretValue']);
      expect(statement.Resource).toEqual({ Ref: secretId });
    }
    expect(
      functionsWithRole(
        template,
        grants.flatMap((s) => s.roles),
      ),
    ).toEqual(NOTICE_SENDERS);
  });

  it('the senders, and only they, get the channels’ variables', () => {
    const withChannels = Object.values(template.Resources)
      .filter((r) => r.Type === 'AWS::Lambda::Function' && environmentOf(r).SMS_SENDER_ID !== undefined)
      .map((r) => String(r.Metadata?.[ENTRY_METADATA]))
      .sort();
    expect(withChannels).toEqual(NOTICE_SENDERS);
    for (const r of Object.values(template.Resources).filter((r) => r.Type === 'AWS::Lambda::Function')) {
      const env = environmentOf(r);
      if (env.SMS_SENDER_ID === undefined) continue;
      expect(env).toMatchObject({
        SMS_SENDER_ID: 'CHIDAO',
        SMS_CONFIGURATION_SET: 'chidao-local',
        ZALO_APP_ID: 'local-zalo-app',
        ZALO_SECRET_ARN: { Ref: expect.stringMatching(/^ZaloSecret/) },
        ZALO_TEMPLATE_IDS: JSON.stringify({ invitation: '100001', reminder: '100002', escalation: '100003' }),
      });
    }
  });

  it('refuses a Zalo app without the ids of its approved templates, naming the context value', () => {
    const context = { ...LOCAL_CHANNELS_CONTEXT, 'aws:cdk:bundling-stacks': [] };
    expect(() => buildApp({ ...context, zaloTemplates: '' }, { validate: false })).toThrow(/zaloTemplates/);
    expect(() => buildApp({ ...context, zaloTemplates: '{"invitation":"1"}' }, { validate: false })).toThrow(
      /zaloTemplates/,
    );
  });
});

describe('phone channels, without the context', () => {
  const { app, stack } = buildApp({ 'aws:cdk:bundling-stacks': [] }, { validate: false });
  const template = app.synth().getStackByName(stack.stackName).template as Template;

  it('no SMS grant, no Zalo secret, no channel variable', () => {
    const text = JSON.stringify(template);
    expect(text).not.toContain('sms-voice');
    expect(text).not.toContain('SMS_SENDER_ID');
    expect(text).not.toContain('ZALO_');
    expect(
      Object.values(template.Resources)
        .filter((r) => r.Type === 'AWS::SecretsManager::Secret')
        .map((r) => r.Properties?.Description),
    ).toEqual(['Signs recipients’ links (HMAC-SHA256)']);
  });
});
