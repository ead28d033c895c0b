import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { setTimerProvider } from 'aws-local-stepfunctions';
import { adminRoutes, ClockControl } from './admin.ts';
import { startAwsEndpoint } from './aws-endpoint.ts';
import { type Clock, RealClock, VirtualClock } from './clock.ts';
import { LOCAL_REGION, readTemplate, synthesizeTemplate, type Template } from './cloud-assembly.ts';
import { startCognito } from './cognito.ts';
import { createTables, startDynamo } from './dynamodb.ts';
import { LOCAL_ENV } from './environment.ts';
import { Faults } from './faults.ts';
import { type Authorize, startGateway } from './gateway.ts';
import { LambdaRuntime } from './lambda-runtime.ts';
import { Outbox } from './mail/outbox.ts';
import { sesOnDemand, sesProxy } from './mail/ses.ts';
import { smsApi } from './messages/sms.ts';
import { Messages } from './messages/store.ts';
import { localZaloSecret, ZALO_PATHS, zaloStandIn } from './messages/zalo.ts';
import { startS3 } from './s3.ts';
import { startSchedules } from './schedules.ts';
import { secretsApi } from './secrets.ts';
import { stepFunctionsApi } from './stepfunctions/api.ts';
import { StepFunctionsEngine } from './stepfunctions/engine.ts';
import { isQuotaClass, SfnQuotas } from './stepfunctions/quotas.ts';
import { cachedTemplate } from './template-cache.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const hostOf = (endpoint: string) => new URL(endpoint).host;
/** Milliseconds since the process started (module loading included), and where they went, for a slow start. */
const phases: { name: string; ms: number }[] = [{ name: 'modules', ms: performance.now() }];
let lastMark = performance.now();
const phase = (name: string) => {
  phases.push({ name, ms: performance.now() - lastMark });
  lastMark = performance.now();
};
/** Beyond this, the start prints where its time went. */
const SLOW_START_MS = 3000;

const { values: args } = parseArgs({
  options: {
    port: { type: 'string', default: process.env[LOCAL_ENV.port] ?? '3000' },
    /** Loopback unless asked: `/_local/*` shows every agency's link and moves the clock. */
    host: { type: 'string', default: '127.0.0.1' },
    'data-dir': { type: 'string', default: '.data' },
    'virtual-clock': { type: 'boolean', default: false },
    /** Where a new virtual clock starts (an ISO instant); a data folder that has a clock keeps its own. */
    'start-at': { type: 'string' },
    /**
     * A template this app synthesized already (JSON), instead of synthesizing it at start: the tests synthesize
     * once per run and start every runtime from that file. Whoever passes it answers for it being current.
     * `LOCAL_ENV.template` says the same for launchers that only set the environment; empty means synthesize.
     */
    template: { type: 'string', default: process.env[LOCAL_ENV.template] ?? '' },
    /** AWS's Step Functions token buckets of a large region (`large`) or another (`other`); none when absent. */
    'sfn-quotas': { type: 'string' },
    /** Executions of the machines whose name contains this wait for `POST /_local/executions/release` (bench). */
    'sfn-hold-runs': { type: 'string' },
  },
});
const quotaClass = args['sfn-quotas'];
if (quotaClass !== undefined && !isQuotaClass(quotaClass)) {
  console.error(`--sfn-quotas must be large or other, not ${quotaClass}`);
  process.exit(2);
}
const port = Number(args.port);
const dataDir = resolve(args['data-dir'] ?? '.data');
mkdirSync(dataDir, { recursive: true });
const publicBaseUrl = (process.env[LOCAL_ENV.publicBaseUrl] ?? `http://localhost:${port}`).replace(/\/+$/, '');

// In virtual mode every `Date` in this process (handlers included) reads the virtual clock.
const clock: Clock = args['virtual-clock']
  ? VirtualClock.restore(join(dataDir, 'clock.json'), args['start-at'] ? Date.parse(args['start-at']) : undefined)
  : new RealClock();

const TEMPLATE_CACHE = join(ROOT, 'node_modules', '.cache', 'chidao');
const loaded = args.template
  ? { template: JSON.parse(readFileSync(resolve(args.template), 'utf8')) as Template, source: 'file' as const }
  : await cachedTemplate({ root: ROOT, cacheDir: TEMPLATE_CACHE, synthesize: synthesizeTemplate });
phase(`template (${loaded.source})`);
const app = readTemplate(loaded.template, { publicBaseUrl });
const templateLine = {
  file: resolve(args.template ?? ''),
  cache: `synthesized earlier from the same infra/, workflows/ and contracts (${relative(ROOT, TEMPLATE_CACHE)})`,
  synthesized: `synthesized from infra/ at start, kept in ${relative(ROOT, TEMPLATE_CACHE)} for the next start`,
}[loaded.source];

const dynamo = await startDynamo(join(dataDir, 'dynamodb'));
await createTables(dynamo.endpoint, app.tables);
const s3 = await startS3(join(dataDir, 's3'));
const ses = sesOnDemand();
const outbox = new Outbox(join(dataDir, 'outbox.jsonl'));
const messages = new Messages(join(dataDir, 'messages.jsonl'));
const faults = new Faults();
const lambda = new LambdaRuntime(app.functions, ROOT);
const functionEnv = lambda.mergedEnvironment();
const engine = new StepFunctionsEngine(lambda, join(dataDir, 'stepfunctions.jsonl'));
if (quotaClass) engine.quotas = new SfnQuotas(quotaClass);
if (args['sfn-hold-runs']) engine.holdRunsOf = args['sfn-hold-runs'];
// Workflow time (Wait states, retries, task timeouts) runs on the virtual clock, counted per execution.
if (clock instanceof VirtualClock) setTimerProvider(engine.trackTimers(clock.provider));
const cognito = await startCognito({
  keysFile: join(dataDir, 'cognito-keys.json'),
  officialsFile: join(dataDir, 'officials.json'),
  issuer: functionEnv.OFFICIALS_ISSUER ?? 'local',
  clientId: functionEnv.OFFICIALS_CLIENT_ID ?? 'local',
});
const aws = await startAwsEndpoint(
  {
    'AWSStepFunctions.': stepFunctionsApi(engine, engine.quotas, faults),
    // The Zalo secret starts with the stand-in's credentials (on AWS the operator fills it).
    'secretsmanager.': secretsApi(
      app.secrets,
      join(dataDir, 'secrets.json'),
      functionEnv.ZALO_SECRET_ARN ? { [functionEnv.ZALO_SECRET_ARN]: localZaloSecret } : {},
    ),
    'AWSCognitoIdentityProviderService.': cognito.api,
    'PinpointSMSVoiceV2.': smsApi(messages, faults),
  },
  sesProxy(ses.endpoint, outbox, { faults }),
  { '/.well-known/jwks.json': () => cognito.jwks },
  zaloStandIn(messages, faults),
);

// The handlers reach every service through the standard endpoint variables, and nothing else.
Object.assign(process.env, {
  AWS_REGION: LOCAL_REGION,
  AWS_ACCESS_KEY_ID: 'local',
  AWS_SECRET_ACCESS_KEY: 'local',
  AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
  AWS_ENDPOINT_URL_SES: aws.endpoint,
  AWS_ENDPOINT_URL_SFN: aws.endpoint,
  AWS_ENDPOINT_URL_SECRETS_MANAGER: aws.endpoint,
  AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: aws.endpoint,
  AWS_ENDPOINT_URL_S3: s3.endpoint,
  AWS_ENDPOINT_URL_PINPOINT_SMS_VOICE_V2: aws.endpoint,
  ...functionEnv,
  // Zalo is not AWS: its two hosts are the stand-in's paths on the same endpoint.
  ZALO_API_URL: `${aws.endpoint}${ZALO_PATHS.api}`,
  ZALO_OAUTH_URL: `${aws.endpoint}${ZALO_PATHS.oauth}`,
  [LOCAL_ENV.publicBaseUrl]: publicBaseUrl,
  // The pool's keys are published by the local Cognito, not at cognito-idp.amazonaws.com.
  OFFICIALS_JWKS_URL: `${aws.endpoint}/.well-known/jwks.json`,
  // Every handler shares this console: no metrics (CloudWatch is not here) and only warnings, unless asked.
  POWERTOOLS_METRICS_DISABLED: process.env.POWERTOOLS_METRICS_DISABLED ?? 'true',
  POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'WARN',
});

phase('services');
for (const machine of app.stateMachines) engine.register(machine);
engine.resume();
startSchedules(app.schedules, clock, (name, event) => lambda.invoke(name, event));

const apiToken = process.env[LOCAL_ENV.apiToken];
/** The scripts' token acts for one office: the one named, or the first in officials.json (else the default). */
const apiOffice = process.env[LOCAL_ENV.apiOffice] || cognito.officials.find((o) => o.office)?.office;
/** The JWT authorizer of `/api/*`: an ID token of the (local) user pool, or the scripts' token. */
const authorize: Authorize = async (req) => {
  const bearer = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1];
  if (!bearer) return undefined;
  if (apiToken && bearer === apiToken)
    return { sub: 'api-token', name: LOCAL_ENV.apiToken, ...(apiOffice ? { 'custom:office': apiOffice } : {}) };
  const claims = await cognito.verify(bearer);
  return claims ? Object.fromEntries(Object.entries(claims).map(([k, v]) => [k, String(v)])) : undefined;
};
const control = new ClockControl(clock, engine);
const gateway = await startGateway({
  port,
  host: args.host ?? '127.0.0.1',
  routes: app.routes,
  invoke: (name, event) => lambda.invokeHttp(name, event),
  authorize,
  local: adminRoutes({ clock, control, outbox, messages, engine, faults }),
});
phase('gateway');
const readyMs = performance.now();
// Each handler loads on its function's first call, as a Lambda container starts on demand: a start loads none.

console.log(
  [
    `chidao is running at ${publicBaseUrl}  (ready in ${Math.round(readyMs)} ms)`,
    ...(readyMs > SLOW_START_MS
      ? [`  slow start    ${phases.map((p) => `${p.name} ${(p.ms / 1000).toFixed(1)} s`).join(', ')}`]
      : []),
    `  data folder   ${dataDir}`,
    `  template      ${templateLine}`,
    `  clock         ${clock.virtual ? `virtual, now ${new Date(clock.now()).toISOString()} (POST /_local/clock {"advance":"PT1H"})` : 'real'}`,
    `  outbox        ${publicBaseUrl}/_local/outbox/view  (SMS and Zalo: ${publicBaseUrl}/_local/messages/view)`,
    ...(quotaClass
      ? [
          `  sfn quotas    AWS's token buckets of ${quotaClass === 'large' ? 'a large region' : 'other regions'} (ThrottlingException over them; GET /_local/stats counts)`,
        ]
      : []),
    `  sign in       ${publicBaseUrl}/sign-in as ${cognito.officials.map((o) => o.email).join(', ')} (passwords in ${join(dataDir, 'officials.json')})`,
    ...(cognito.created
      ? [`                first start: ${cognito.officials[0]?.email} / ${cognito.officials[0]?.password}`]
      : []),
    `  API token     ${apiToken ? `${LOCAL_ENV.apiToken} accepted as Authorization: Bearer, for the office ${apiOffice ?? '(default)'}` : `not set (${LOCAL_ENV.apiToken})`}`,
    `  listening     ${gateway.address} (HTTP API and /_local/*)${gateway.loopback ? '' : '  WARNING: not loopback: anyone who reaches it can read every link in /_local/outbox and move the clock'}`,
    `  services      DynamoDB ${hostOf(dynamo.endpoint)}, S3 ${hostOf(s3.endpoint)}, aws-ses-v2-local (started with the first email), AWS endpoint (SES, Step Functions, Secrets Manager, Cognito, SMS; Zalo's stand-in) ${hostOf(aws.endpoint)}`,
  ].join('\n'),
);

/**
 * Stops at once whatever is in flight: every server cuts its connections (a request waiting on a handler would
 * otherwise hold `close()` open for as long as the handler takes), and the process exits within a bounded time
 * even if one of them does not close. Nothing is lost: every effect is on disk before it is acknowledged.
 */
let stopping = false;
const shutdown = () => {
  if (stopping) process.exit(1);
  stopping = true;
  setTimeout(() => process.exit(0), 3_000).unref();
  const closing = [gateway.close(), aws.close(), ses.close(), s3.close()];
  void Promise.allSettled(closing)
    .then(() => dynamo.close())
    .finally(() => process.exit(0));
};
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
