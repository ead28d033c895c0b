import { ENTRY_METADATA } from '#contracts/metadata.ts';
import { type Refs, resolveIntrinsics } from './intrinsics.ts';

/**
 * Reads the CloudFormation template that `cdk synth` produces for this app and turns it into what the local
 * runtime runs: the same functions (by the source module each one bundles), the same state machine
 * definitions, the same routes and the same table. Nothing here is declared twice.
 */

export const LOCAL_REGION = 'ap-southeast-1';
export const LOCAL_ACCOUNT = '000000000000';

type Resource = { Type: string; Properties?: Record<string, unknown>; Metadata?: Record<string, unknown> };
export type Template = { Resources: Record<string, Resource> };

export type LocalFunction = {
  logicalId: string;
  name: string;
  arn: string;
  entry: string;
  environment: Record<string, string>;
  timeoutSeconds: number;
};
export type LocalStateMachine = { logicalId: string; name: string; arn: string; definition: Record<string, unknown> };
export type LocalRoute = { routeKey: string; functionName: string; authorization: 'NONE' | 'JWT' };
export type LocalTable = { name: string; properties: Record<string, unknown> };
export type LocalSecret = { name: string; arn: string };
export type LocalSchedule = {
  logicalId: string;
  expression: string;
  timezone: string;
  functionName: string;
  input: unknown;
};

export type CloudApp = {
  functions: LocalFunction[];
  stateMachines: LocalStateMachine[];
  routes: LocalRoute[];
  tables: LocalTable[];
  secrets: LocalSecret[];
  schedules: LocalSchedule[];
};

const arn = (service: string, resource: string) => `arn:aws:${service}:${LOCAL_REGION}:${LOCAL_ACCOUNT}:${resource}`;

export const readTemplate = (template: Template, options: { publicBaseUrl: string }): CloudApp => {
  const resources = template.Resources;
  const typeOf = (id: string) => resources[id]?.Type;
  const machineName = (id: string) => String(resources[id]?.Properties?.StateMachineName ?? id);

  const refs: Refs = {
    ref: (id) => {
      const pseudo: Record<string, string> = {
        'AWS::Region': LOCAL_REGION,
        'AWS::AccountId': LOCAL_ACCOUNT,
        'AWS::Partition': 'aws',
        'AWS::URLSuffix': 'amazonaws.com',
        'AWS::StackName': 'Chidao',
      };
      if (pseudo[id]) return pseudo[id];
      switch (typeOf(id)) {
        case 'AWS::StepFunctions::StateMachine':
          return arn('states', `stateMachine:${machineName(id)}`);
        case 'AWS::SecretsManager::Secret':
          return arn('secretsmanager', `secret:${id}`);
        case undefined:
          throw new Error(`Ref to unknown resource ${id}`);
        default:
          return id;
      }
    },
    getAtt: (id, attribute) => {
      const type = typeOf(id);
      if (type === 'AWS::Lambda::Function' && attribute === 'Arn') return arn('lambda', `function:${id}`);
      if (type === 'AWS::ApiGatewayV2::Api' && attribute === 'ApiEndpoint') return options.publicBaseUrl;
      if (type === 'AWS::StepFunctions::StateMachine' && attribute === 'Name') return machineName(id);
      if (type === 'AWS::DynamoDB::Table' && attribute === 'Arn') return arn('dynamodb', `table/${id}`);
      if (type === 'AWS::IAM::Role' && attribute === 'Arn') return `arn:aws:iam::${LOCAL_ACCOUNT}:role/${id}`;
      if (type === 'AWS::Logs::LogGroup' && attribute === 'Arn') return arn('logs', `log-group:${id}`);
      if (type === 'AWS::Cognito::UserPool' && attribute === 'Arn') return arn('cognito-idp', `userpool/${id}`);
      if (type === 'AWS::Cognito::UserPool' && attribute === 'ProviderName') return `cognito-idp/${id}`;
      throw new Error(`Fn::GetAtt ${id}.${attribute} has no local value`);
    },
  };
  const resolve = (v: unknown) => resolveIntrinsics(v, refs);
  const of = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);

  const functions = of('AWS::Lambda::Function').map(([id, r]): LocalFunction => {
    const entry = r.Metadata?.[ENTRY_METADATA];
    if (typeof entry !== 'string') throw new Error(`Function ${id} has no ${ENTRY_METADATA} metadata`);
    const env = (r.Properties?.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables ?? {};
    return {
      logicalId: id,
      name: id,
      arn: arn('lambda', `function:${id}`),
      entry,
      environment: Object.fromEntries(Object.entries(env).map(([k, v]) => [k, String(resolve(v))])),
      timeoutSeconds: Number(r.Properties?.Timeout ?? 3),
    };
  });

  const stateMachines = of('AWS::StepFunctions::StateMachine').map(
    ([id, r]): LocalStateMachine => ({
      logicalId: id,
      name: machineName(id),
      arn: refs.ref(id),
      definition: JSON.parse(String(resolve(r.Properties?.DefinitionString))),
    }),
  );

  const functionOfIntegration = (integrationId: string) => {
    const uri = String(resolve(resources[integrationId]?.Properties?.IntegrationUri));
    const fn = functions.find((f) => f.arn === uri);
    if (!fn) throw new Error(`Integration ${integrationId} targets ${uri}, which is not a function of this app`);
    return fn.name;
  };
  const routes = of('AWS::ApiGatewayV2::Route').map(([id, r]): LocalRoute => {
    const target = String(resolve(r.Properties?.Target));
    const integrationId = target.replace(/^integrations\//, '');
    if (!resources[integrationId]) throw new Error(`Route ${id} has no integration`);
    return {
      routeKey: String(r.Properties?.RouteKey),
      functionName: functionOfIntegration(integrationId),
      authorization: r.Properties?.AuthorizationType === 'JWT' ? 'JWT' : 'NONE',
    };
  });

  const tables = of('AWS::DynamoDB::Table').map(([id, r]) => ({ name: id, properties: r.Properties ?? {} }));
  const secrets = of('AWS::SecretsManager::Secret').map(([id]) => ({ name: id, arn: refs.ref(id) }));

  const schedules = of('AWS::Scheduler::Schedule').map(([id, r]): LocalSchedule => {
    const target = r.Properties?.Target as { Arn: unknown; Input?: string };
    const targetArn = String(resolve(target.Arn));
    const fn = functions.find((f) => f.arn === targetArn);
    if (!fn) throw new Error(`Schedule ${id} targets ${targetArn}, which is not a function of this app`);
    return {
      logicalId: id,
      expression: String(r.Properties?.ScheduleExpression),
      timezone: String(r.Properties?.ScheduleExpressionTimezone ?? 'UTC'),
      functionName: fn.name,
      input: target.Input ? JSON.parse(target.Input) : {},
    };
  });

  return { functions, stateMachines, routes, tables, secrets, schedules };
};

/** Synthesizes the CDK app in this process, without bundling: the local runtime imports the sources. */
export const synthesizeTemplate = async (): Promise<Template> => {
  const { buildApp, LOCAL_CHANNELS_CONTEXT } = await import('../infra/app.ts');
  const { app, stack } = buildApp({ 'aws:cdk:bundling-stacks': [], ...LOCAL_CHANNELS_CONTEXT }, { validate: false });
  return app.synth().getStackByName(stack.stackName).template as Template;
};
