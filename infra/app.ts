import { readFileSync } from 'node:fs';
import { App } from 'aws-cdk-lib';
import { type ChidaoSettings, ChidaoStack } from './chidao-stack.ts';
import { OFFICIALS_MFA, type OfficialsMfa } from './constructs/officials-pool.ts';

export const STACK_NAME = 'Chidao';

const DEFAULT_SENDER = 'Chidao <no-reply@chidao.example.gov.vn>';

/**
 * The context of cdk.json (the feature flags above all). The CLI passes it to `cdk synth` itself; the local
 * runtime and the tests build the app in-process, where nothing reads cdk.json unless we do, so without this
 * they would synthesize a different template from the one deployed.
 */
export const CDK_JSON_CONTEXT =
  (JSON.parse(readFileSync(new URL('../cdk.json', import.meta.url), 'utf8')) as { context?: Record<string, unknown> })
    .context ?? {};

/** `{"invitation","reminder","escalation"}` → each a non-empty string: the ZNS template ids as the context gives them. */
const zaloTemplateIds = (text: string | undefined) => {
  try {
    const ids = JSON.parse(text ?? '') as Record<string, unknown>;
    return ['invitation', 'reminder', 'escalation'].every((k) => typeof ids[k] === 'string' && ids[k] !== '');
  } catch {
    return false;
  }
};

/** The settings from CDK context (cdk.json, or `-c key=value`), with the defaults that let `cdk synth` run. */
export const settingsFrom = (app: App): ChidaoSettings => {
  const ctx = (key: string) => {
    const v = app.node.tryGetContext(key);
    return typeof v === 'string' && v.length > 0 ? v : undefined;
  };
  const senderAddress = ctx('senderAddress') ?? DEFAULT_SENDER;
  const domain = /@([^>\s]+)/.exec(senderAddress)?.[1] ?? 'chidao.example.gov.vn';
  const officialsMfa = ctx('officialsMfa') ?? 'required';
  if (!(OFFICIALS_MFA as readonly string[]).includes(officialsMfa))
    throw new Error(`officialsMfa must be one of ${OFFICIALS_MFA.join(', ')}, not ${officialsMfa}`);
  const alarmEmail = ctx('alarmEmail');
  if (alarmEmail && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(alarmEmail))
    throw new Error(`alarmEmail must be an email address, not ${alarmEmail}`);
  const smsSenderId = ctx('smsSenderId');
  // A sender ID is 1 to 11 letters and digits (what carriers display); a typo fails the synth, not the first SMS.
  if (smsSenderId && !/^[A-Za-z0-9]{1,11}$/.test(smsSenderId))
    throw new Error(`smsSenderId must be 1 to 11 letters or digits, not ${smsSenderId}`);
  const smsSenderCountry = ctx('smsSenderCountry') ?? 'VN';
  if (!/^[A-Z]{2}$/.test(smsSenderCountry))
    throw new Error(`smsSenderCountry must be an ISO country code such as VN, not ${smsSenderCountry}`);
  const smsConfigurationSet = ctx('smsConfigurationSet');
  const zaloAppId = ctx('zaloAppId');
  const zaloTemplates = ctx('zaloTemplates');
  // The ids Zalo gave the approved templates: checked here, so that a typo fails the synth, not the first notice.
  if (zaloAppId && !zaloTemplateIds(zaloTemplates))
    throw new Error(
      `zaloTemplates must be JSON {"invitation":"<id>","reminder":"<id>","escalation":"<id>"}, not ${zaloTemplates}`,
    );
  return {
    senderAddress,
    senderIdentity: ctx('senderIdentity') ?? domain,
    officialsMfa: officialsMfa as OfficialsMfa,
    ...(ctx('publicBaseUrl') ? { publicBaseUrl: ctx('publicBaseUrl') } : {}),
    ...(ctx('linkSecretArn') ? { linkSecretArn: ctx('linkSecretArn') } : {}),
    ...(alarmEmail ? { alarmEmail } : {}),
    ...(smsSenderId
      ? {
          sms: {
            senderId: smsSenderId,
            country: smsSenderCountry,
            ...(smsConfigurationSet ? { configurationSet: smsConfigurationSet } : {}),
          },
        }
      : {}),
    ...(zaloAppId && zaloTemplates ? { zalo: { appId: zaloAppId, templateIds: zaloTemplates } } : {}),
  };
};

/**
 * The context the local runtime (and so every test's template) synthesizes with: both phone channels on, so that
 * the offline system sends through its stand-ins what a deployment with them enabled would send. A deployment
 * without these values has neither channel.
 */
export const LOCAL_CHANNELS_CONTEXT = {
  smsSenderId: 'CHIDAO',
  smsConfigurationSet: 'chidao-local',
  zaloAppId: 'local-zalo-app',
  zaloTemplates: JSON.stringify({ invitation: '100001', reminder: '100002', escalation: '100003' }),
};

/**
 * Builds the app; the local runtime and the tests call this in-process, `cdk synth` runs the file. The given
 * context goes over cdk.json's, and the CLI's context (cdk.json, cdk.context.json, `-c`) over both.
 */
export const buildApp = (context: Record<string, unknown> = {}, options: { validate?: boolean } = {}) => {
  const app = new App({
    context: { ...CDK_JSON_CONTEXT, ...context },
    // CDK's built-in CloudFormation validation (a WebAssembly engine) takes 3 s of a 4 s synthesis. The
    // deployer's `cdk synth` always runs it (test/infra/cdk-cli.test.ts checks its report); the in-process
    // syntheses of the local runtime and the tests, which read the same template, may skip it.
    builtinCloudFormationValidation: options.validate ?? true,
  });
  const stack = new ChidaoStack(app, STACK_NAME, settingsFrom(app), {
    description: 'chidao: official directives as self-tracking workflows',
  });
  return { app, stack };
};

if (import.meta.url === `file://${process.argv[1]}`) buildApp().app.synth();
